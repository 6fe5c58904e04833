#ifndef _KUNIT_TEST_BUG_H
#define _KUNIT_TEST_BUG_H

/*
 * Hooks for code under test (Linux's kunit/test-bug.h):
 * kunit_get_current_test() is the test whose case runs in the calling
 * thread (NULL elsewhere, and when no test runs); kunit_fail_current_test()
 * marks it failed with a message, from code that has no struct kunit.
 */
#include <linux/compiler.h>

struct kunit;

struct kunit *kunit_get_current_test(void);
void __kunit_fail_current_test(const char *file, int line, const char *fmt, ...)
	__printf(3, 4);
#define kunit_fail_current_test(fmt, ...) \
	__kunit_fail_current_test(__FILE__, __LINE__, fmt, ##__VA_ARGS__)

#endif
