/*
 * Devices and their managed resources (devres), the part of Linux's
 * driver core that devm_*() users need (see linux/device.h for the life
 * cycle).
 *
 * A devres is a header followed by the caller's data: for devm_kmalloc()
 * the data is the memory handed out (aligned like kmalloc memory), for
 * an action the function and its argument.  The list is newest first,
 * so release runs in reverse order of acquisition, as Linux's does: a
 * resource acquired later may depend on an earlier one.
 *
 * Locking: dev->devres_lock (irqsave) guards the list; releases run
 * without it (a release function may free another resource).
 */
#include <linux/device.h>
#include <linux/slab.h>
#include <linux/kernel.h>
#include <linux/export.h>

struct devres {
	struct list_head node;			/* on dev->devres_head */
	void (*release)(struct device *dev, struct devres *dr);
	void (*action)(void *);			/* actions */
	void *data;				/* actions: argument */
	unsigned long long payload[];		/* devm_kmalloc: the memory */
};

static void devres_add(struct device *dev, struct devres *dr)
{
	unsigned long flags;

	spin_lock_irqsave(&dev->devres_lock, flags);
	list_add(&dr->node, &dev->devres_head);
	spin_unlock_irqrestore(&dev->devres_lock, flags);
}

/* Unlink and return the newest devres matching (release, action, data/payload). */
static struct devres *devres_take(struct device *dev, void (*release)(struct device *, struct devres *),
				  void (*action)(void *), const void *key)
{
	struct devres *dr, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&dev->devres_lock, flags);
	list_for_each_entry(dr, &dev->devres_head, node) {
		const void *k = action ? dr->data : (const void *)dr->payload;

		if (dr->release == release && dr->action == action && k == key) {
			list_del(&dr->node);
			found = dr;
			break;
		}
	}
	spin_unlock_irqrestore(&dev->devres_lock, flags);
	return found;
}

static void devres_release_all(struct device *dev)
{
	unsigned long flags;
	struct devres *dr;

	for (;;) {
		spin_lock_irqsave(&dev->devres_lock, flags);
		dr = list_first_entry_or_null(&dev->devres_head, struct devres, node);
		if (dr)
			list_del(&dr->node);
		spin_unlock_irqrestore(&dev->devres_lock, flags);
		if (!dr)
			return;
		dr->release(dev, dr);
	}
}

static void devm_kmalloc_release(struct device *dev, struct devres *dr)
{
	kfree(dr);
}

/**
 * devm_kmalloc - kmalloc() whose memory is freed with the device.
 * Context: as kmalloc with gfp.  Return: the memory, or NULL (also for
 * sizes that overflow).
 */
void *devm_kmalloc(struct device *dev, size_t size, gfp_t gfp)
{
	struct devres *dr;
	size_t total;

	if (!size)
		return ZERO_SIZE_PTR;
	if (check_add_overflow(sizeof(*dr), size, &total))
		return NULL;
	dr = kmalloc(total, gfp);
	if (!dr)
		return NULL;
	dr->release = devm_kmalloc_release;
	dr->action = NULL;
	dr->data = NULL;
	devres_add(dev, dr);
	return dr->payload;
}
EXPORT_SYMBOL_GPL(devm_kmalloc);

/* devm_kfree - free devm_kmalloc() memory early; anything else is a WARN. */
void devm_kfree(struct device *dev, const void *p)
{
	struct devres *dr;

	if (ZERO_OR_NULL_PTR(p))
		return;
	dr = devres_take(dev, devm_kmalloc_release, NULL, p);
	if (WARN(!dr, "devm_kfree of %px, not managed by %s", p, dev_name(dev)))
		return;
	kfree(dr);
}
EXPORT_SYMBOL_GPL(devm_kfree);

char *devm_kstrdup(struct device *dev, const char *s, gfp_t gfp)
{
	size_t n;
	char *p;

	if (!s)
		return NULL;
	n = strlen(s) + 1;
	p = devm_kmalloc(dev, n, gfp);
	if (p)
		memcpy(p, s, n);
	return p;
}
EXPORT_SYMBOL_GPL(devm_kstrdup);

static void devm_action_release(struct device *dev, struct devres *dr)
{
	dr->action(dr->data);
	kfree(dr);
}

/* Return: 0, or -ENOMEM (action not registered). */
int devm_add_action(struct device *dev, void (*action)(void *), void *data)
{
	struct devres *dr = kmalloc(sizeof(*dr), GFP_KERNEL);

	if (!dr)
		return -ENOMEM;
	dr->release = devm_action_release;
	dr->action = action;
	dr->data = data;
	devres_add(dev, dr);
	return 0;
}
EXPORT_SYMBOL_GPL(devm_add_action);

/* devm_remove_action - forget a registered action without running it. */
void devm_remove_action(struct device *dev, void (*action)(void *), void *data)
{
	struct devres *dr = devres_take(dev, devm_action_release, action, data);

	WARN(!dr, "devm_remove_action: %ps(%px) not registered on %s", action, data,
	     dev_name(dev));
	kfree(dr);
}
EXPORT_SYMBOL_GPL(devm_remove_action);

/* devm_release_action - run a registered action now and forget it. */
void devm_release_action(struct device *dev, void (*action)(void *), void *data)
{
	struct devres *dr = devres_take(dev, devm_action_release, action, data);

	if (WARN(!dr, "devm_release_action: %ps(%px) not registered on %s", action, data,
		 dev_name(dev)))
		return;
	devm_action_release(dev, dr);
}
EXPORT_SYMBOL_GPL(devm_release_action);

void device_initialize(struct device *dev)
{
	kref_init(&dev->kref);
	spin_lock_init(&dev->devres_lock);
	INIT_LIST_HEAD(&dev->devres_head);
	dev->added = false;
}
EXPORT_SYMBOL_GPL(device_initialize);

int dev_set_name(struct device *dev, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vscnprintf(dev->name, sizeof(dev->name), fmt, ap);
	va_end(ap);
	return 0;
}
EXPORT_SYMBOL_GPL(dev_set_name);

/* Return: 0, or -EINVAL for a device without a name. */
int device_add(struct device *dev)
{
	if (!dev->name[0]) {
		if (!dev->init_name)
			return -EINVAL;
		strscpy(dev->name, dev->init_name, sizeof(dev->name));
	}
	get_device(dev->parent);
	dev->added = true;
	return 0;
}
EXPORT_SYMBOL_GPL(device_add);

void device_del(struct device *dev)
{
	if (WARN(!dev->added, "device_del of %s, not added", dev_name(dev)))
		return;
	dev->added = false;
	put_device(dev->parent);
}
EXPORT_SYMBOL_GPL(device_del);

int device_register(struct device *dev)
{
	device_initialize(dev);
	return device_add(dev);
}
EXPORT_SYMBOL_GPL(device_register);

void device_unregister(struct device *dev)
{
	device_del(dev);
	put_device(dev);
}
EXPORT_SYMBOL_GPL(device_unregister);

struct device *get_device(struct device *dev)
{
	if (dev)
		kref_get(&dev->kref);
	return dev;
}
EXPORT_SYMBOL_GPL(get_device);

static void device_release(struct kref *kref)
{
	struct device *dev = container_of(kref, struct device, kref);

	devres_release_all(dev);
	if (dev->release)
		dev->release(dev);
	else
		WARN(1, "device %s has no release function", dev_name(dev));
}

/* Context: may sleep if a managed action does. */
void put_device(struct device *dev)
{
	if (dev)
		kref_put(&dev->kref, device_release);
}
EXPORT_SYMBOL_GPL(put_device);
