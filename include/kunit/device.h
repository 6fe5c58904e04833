#ifndef _KUNIT_DEVICE_H
#define _KUNIT_DEVICE_H

/*
 * Test-managed devices (Linux's kunit/device.h): a struct device that is
 * unregistered, with its devres, when the test case ends.
 */
#include <kunit/test.h>

struct device;
struct device_driver;

/* Return: the device, or an ERR_PTR. */
struct device *kunit_device_register(struct kunit *test, const char *name);
struct device *kunit_device_register_with_driver(struct kunit *test, const char *name,
						 const struct device_driver *drv);
/* Unregister now (instead of at the end of the case). */
void kunit_device_unregister(struct kunit *test, struct device *dev);
/* A driver freed at the end of the case. Return: it, or an ERR_PTR. */
struct device_driver *kunit_driver_create(struct kunit *test, const char *name);

#endif
