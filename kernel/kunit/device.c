/*
 * Test-managed devices (kunit/device.h): a struct device registered for
 * a test case and unregistered, with all its devres, when the case ends
 * (a deferred action), or earlier by kunit_device_unregister().  The
 * device is freed at its last put_device(), as any device.
 */
#include <kunit/device.h>
#include <kunit/resource.h>
#include <linux/device.h>
#include <linux/slab.h>
#include <linux/export.h>

struct kunit_device {
	struct device dev;
	struct kunit *owner;
	const struct device_driver *driver;
};

static void kunit_device_release(struct device *dev)
{
	kfree(container_of(dev, struct kunit_device, dev));
}

KUNIT_DEFINE_ACTION_WRAPPER(device_unregister_wrapper, device_unregister, struct device *)

struct device *kunit_device_register_with_driver(struct kunit *test, const char *name,
						 const struct device_driver *drv)
{
	struct kunit_device *kdev = kzalloc(sizeof(*kdev), GFP_KERNEL);
	int err;

	if (!kdev)
		return ERR_PTR(-ENOMEM);
	kdev->owner = test;
	kdev->driver = drv;
	kdev->dev.release = kunit_device_release;
	kdev->dev.driver = (struct device_driver *)drv;
	device_initialize(&kdev->dev);
	err = dev_set_name(&kdev->dev, "%s", name);
	if (!err)
		err = device_add(&kdev->dev);
	if (err) {
		put_device(&kdev->dev);
		return ERR_PTR(err);
	}
	err = kunit_add_action_or_reset(test, device_unregister_wrapper, &kdev->dev);
	if (err)
		return ERR_PTR(err);
	return &kdev->dev;
}
EXPORT_SYMBOL_GPL(kunit_device_register_with_driver);

struct device *kunit_device_register(struct kunit *test, const char *name)
{
	return kunit_device_register_with_driver(test, name, NULL);
}
EXPORT_SYMBOL_GPL(kunit_device_register);

void kunit_device_unregister(struct kunit *test, struct device *dev)
{
	kunit_release_action(test, device_unregister_wrapper, dev);
}
EXPORT_SYMBOL_GPL(kunit_device_unregister);

KUNIT_DEFINE_ACTION_WRAPPER(kfree_driver_wrapper, kfree, const void *)

struct device_driver *kunit_driver_create(struct kunit *test, const char *name)
{
	struct device_driver *drv = kzalloc(sizeof(*drv), GFP_KERNEL);

	if (!drv)
		return ERR_PTR(-ENOMEM);
	drv->name = kunit_kstrdup_const(test, name, GFP_KERNEL);
	if (kunit_add_action_or_reset(test, kfree_driver_wrapper, drv))
		return ERR_PTR(-ENOMEM);
	return drv;
}
EXPORT_SYMBOL_GPL(kunit_driver_create);
