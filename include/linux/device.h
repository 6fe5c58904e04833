#ifndef _LINUX_DEVICE_H
#define _LINUX_DEVICE_H

/*
 * A minimal device model (Linux's linux/device.h subset): struct device
 * with a name, a parent, driver data, a reference count and managed
 * resources (devres), which is what code written against Linux's
 * devm_*() API needs.  There are no buses, sysfs or probing here.
 *
 * Life cycle (kernel/device.c):
 *
 *   device_initialize()   kref = 1, empty devres list
 *   device_add()          named, visible to dev_name()
 *   devm_*()              resources tied to the device
 *   device_del()          no longer added
 *   last put_device()     devres released (last added first), then
 *                         dev->release(dev), which frees the container
 *
 * device_register() = initialize + add; device_unregister() = del + put.
 */
#include <linux/types.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/gfp.h>
#include <linux/printk.h>
#include <linux/err.h>

struct device;
struct module;

struct device_driver {
	const char *name;
	struct module *owner;
	int (*probe)(struct device *dev);
	int (*remove)(struct device *dev);
};

struct device {
	struct device *parent;			/* I */
	const char *init_name;			/* I: name before device_add() */
	char name[64];				/* set by device_add/dev_set_name */
	struct device_driver *driver;
	void *driver_data;			/* dev_get/set_drvdata() */
	void *platform_data;
	void (*release)(struct device *dev);	/* I: frees the container */
	struct kref kref;
	bool added;
	spinlock_t devres_lock;			/* guards devres_head */
	struct list_head devres_head;		/* D: newest first */
};

void device_initialize(struct device *dev);
int device_add(struct device *dev);
void device_del(struct device *dev);
int device_register(struct device *dev);
void device_unregister(struct device *dev);
struct device *get_device(struct device *dev);
void put_device(struct device *dev);
int dev_set_name(struct device *dev, const char *fmt, ...) __printf(2, 3);

static inline const char *dev_name(const struct device *dev)
{
	return dev->name[0] ? dev->name : (dev->init_name ? dev->init_name : "(unnamed)");
}
static inline void *dev_get_drvdata(const struct device *dev) { return dev->driver_data; }
static inline void dev_set_drvdata(struct device *dev, void *data) { dev->driver_data = data; }

/* Managed memory: freed when the device's last reference goes. */
void *devm_kmalloc(struct device *dev, size_t size, gfp_t gfp);
void devm_kfree(struct device *dev, const void *p);
char *devm_kstrdup(struct device *dev, const char *s, gfp_t gfp);
static inline void *devm_kzalloc(struct device *dev, size_t size, gfp_t gfp)
{
	return devm_kmalloc(dev, size, gfp | __GFP_ZERO);
}
static inline void *devm_kmalloc_array(struct device *dev, size_t n, size_t size, gfp_t gfp)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return devm_kmalloc(dev, bytes, gfp);
}
static inline void *devm_kcalloc(struct device *dev, size_t n, size_t size, gfp_t gfp)
{
	return devm_kmalloc_array(dev, n, size, gfp | __GFP_ZERO);
}

/* Managed actions: action(data) runs at release, or at devm_release_action(). */
int devm_add_action(struct device *dev, void (*action)(void *), void *data);
void devm_remove_action(struct device *dev, void (*action)(void *), void *data);
void devm_release_action(struct device *dev, void (*action)(void *), void *data);
static inline int devm_add_action_or_reset(struct device *dev, void (*action)(void *),
					   void *data)
{
	int ret = devm_add_action(dev, action, data);

	if (ret)
		action(data);
	return ret;
}

#define dev_printk(level, dev, fmt, ...) \
	printk(level "%s: " fmt, dev_name(dev), ##__VA_ARGS__)
#define dev_emerg(dev, fmt, ...)	dev_printk(KERN_EMERG, dev, fmt, ##__VA_ARGS__)
#define dev_crit(dev, fmt, ...)		dev_printk(KERN_CRIT, dev, fmt, ##__VA_ARGS__)
#define dev_err(dev, fmt, ...)		dev_printk(KERN_ERR, dev, fmt, ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...)		dev_printk(KERN_WARNING, dev, fmt, ##__VA_ARGS__)
#define dev_notice(dev, fmt, ...)	dev_printk(KERN_NOTICE, dev, fmt, ##__VA_ARGS__)
#define dev_info(dev, fmt, ...)		dev_printk(KERN_INFO, dev, fmt, ##__VA_ARGS__)
#define dev_dbg(dev, fmt, ...)		dev_printk(KERN_DEBUG, dev, fmt, ##__VA_ARGS__)

#endif
