#ifndef _KERNEL_KUNIT_INTERNAL_H
#define _KERNEL_KUNIT_INTERNAL_H

/* Between the files of kernel/kunit/ (not an API). */
#include <kunit/test.h>

/* Whether current is the kthread running try_catch's try function. */
bool kunit_try_catch_is_current(const struct kunit_try_catch *try_catch);

#endif
