#ifndef _KUNIT_TEST_H
#define _KUNIT_TEST_H

/*
 * A KUnit-compatible test API (Linux's include/kunit/test.h subset).
 * Suites register with kunit_test_suite(); kernel/kunit/test.c runs them
 * when the command line says "ktest" and prints KTAP version 1.  A failed
 * ASSERT (or kunit_skip) ends only the current case: each case runs in its
 * own context, re-entered by a non-local jump on abort.
 */
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/slab.h>

enum kunit_status { KUNIT_SUCCESS, KUNIT_FAILURE, KUNIT_SKIPPED };

struct kunit {
	void *priv;
	/* private: */
	const char *name;
	enum kunit_status status;
	char status_comment[128];
	void *jmp[5];
	struct list_head resources;
	void *param_value;
	int param_index;
};

struct kunit_case {
	void (*run_case)(struct kunit *test);
	const char *name;
	const void *(*generate_params)(const void *prev, char *desc);
	/* private: */
	enum kunit_status status;
};

struct kunit_suite {
	const char name[256];
	int (*suite_init)(struct kunit_suite *suite);
	void (*suite_exit)(struct kunit_suite *suite);
	int (*init)(struct kunit *test);
	void (*exit)(struct kunit *test);
	struct kunit_case *test_cases;
};

#define KUNIT_PARAM_DESC_SIZE 128
#define KUNIT_CASE(fn)			{ .run_case = fn, .name = #fn }
#define KUNIT_CASE_SLOW(fn)		KUNIT_CASE(fn)
#define KUNIT_CASE_PARAM(fn, gen)	{ .run_case = fn, .name = #fn, .generate_params = gen }
#define KUNIT_ARRAY_PARAM(name, array, get_desc)				\
	static const void *name##_gen_params(const void *prev, char *desc)	\
	{									\
		__typeof__((array)[0]) *__next = prev ? ((__typeof__(__next))prev) + 1 : (array); \
		if (__next - (array) < (long)ARRAY_SIZE(array)) {		\
			void (*__get_desc)(__typeof__(__next), char *) = get_desc; \
			if (__get_desc)						\
				__get_desc(__next, desc);			\
			return __next;						\
		}								\
		return NULL;							\
	}

#define kunit_test_suites(...)						\
	static struct kunit_suite *const __PASTE(__kunit_suites_, __COUNTER__)[] \
	__section(".kunit_test_suites") __used = { __VA_ARGS__ }
#define kunit_test_suite(suite)	kunit_test_suites(&suite)

void kunit_do_fail(struct kunit *test, bool assert, const char *file, int line,
		   const char *fmt, ...);
void kunit_fail_binary(struct kunit *test, bool assert, const char *file, int line,
		       const char *left, const char *op, const char *right,
		       long long lv, long long rv, const char *fmt, ...);
void kunit_fail_ptr(struct kunit *test, bool assert, const char *file, int line,
		    const char *left, const char *op, const char *right,
		    const void *lv, const void *rv, const char *fmt, ...);
void kunit_fail_str(struct kunit *test, bool assert, const char *file, int line,
		    const char *left, const char *op, const char *right,
		    const char *lv, const char *rv, const char *fmt, ...);
void __kunit_abort(struct kunit *test) __noreturn;
void kunit_mark_skipped(struct kunit *test, const char *fmt, ...);
void kunit_log_line(struct kunit *test, const char *level, const char *fmt, ...) __printf(3, 4);
void *kunit_kmalloc(struct kunit *test, size_t size, gfp_t gfp);
void kunit_kfree(struct kunit *test, const void *p);
int kunit_add_action(struct kunit *test, void (*action)(void *), void *ctx);
int kunit_run_tests(const char *glob);
extern struct kunit *kunit_current;

#define kunit_info(test, fmt, ...)	kunit_log_line(test, "", fmt, ##__VA_ARGS__)
#define kunit_warn(test, fmt, ...)	kunit_log_line(test, "", fmt, ##__VA_ARGS__)
#define kunit_err(test, fmt, ...)	kunit_log_line(test, "", fmt, ##__VA_ARGS__)
#define kunit_log(lvl, test, fmt, ...)	kunit_log_line(test, "", fmt, ##__VA_ARGS__)
#define kunit_skip(test, fmt, ...) do {					\
	kunit_mark_skipped(test, fmt, ##__VA_ARGS__);			\
	__kunit_abort(test);						\
} while (0)

static inline void *kunit_kzalloc(struct kunit *test, size_t size, gfp_t gfp)
{
	return kunit_kmalloc(test, size, gfp | __GFP_ZERO);
}
static inline void *kunit_kmalloc_array(struct kunit *test, size_t n, size_t size, gfp_t gfp)
{
	size_t b;
	return __builtin_mul_overflow(n, size, &b) ? NULL : kunit_kmalloc(test, b, gfp);
}
static inline void *kunit_kcalloc(struct kunit *test, size_t n, size_t size, gfp_t gfp)
{
	return kunit_kmalloc_array(test, n, size, gfp | __GFP_ZERO);
}

#define __KUNIT_FAIL_END(test, assert) do { if (assert) __kunit_abort(test); } while (0)

#define KUNIT_FAIL(test, fmt, ...) \
	kunit_do_fail(test, false, __FILE__, __LINE__, fmt, ##__VA_ARGS__)
#define KUNIT_SUCCEED(test) do { } while (0)

#define __KUNIT_TRUE(test, assert, cond, want, fmt, ...) do {		\
	if ((bool)(cond) != (bool)(want)) {				\
		kunit_do_fail(test, assert, __FILE__, __LINE__,		\
			      "Expected %s to be %s, but is %s", #cond,	\
			      (want) ? "true" : "false", (want) ? "false" : "true"); \
		if (fmt)						\
			kunit_do_fail(test, false, NULL, 0, fmt, ##__VA_ARGS__); \
		__KUNIT_FAIL_END(test, assert);				\
	}								\
} while (0)

#define __KUNIT_BINARY(test, assert, left, op, right, fmt, ...) do {	\
	__typeof__(left) __l = (left);					\
	__typeof__(right) __r = (right);				\
	if (!(__l op __r)) {						\
		kunit_fail_binary(test, assert, __FILE__, __LINE__, #left, #op, #right, \
				  (long long)__l, (long long)__r, fmt, ##__VA_ARGS__); \
		__KUNIT_FAIL_END(test, assert);				\
	}								\
} while (0)

#define __KUNIT_PTR(test, assert, left, op, right, fmt, ...) do {	\
	const void *__l = (left), *__r = (right);			\
	if (!(__l op __r)) {						\
		kunit_fail_ptr(test, assert, __FILE__, __LINE__, #left, #op, #right, \
			       __l, __r, fmt, ##__VA_ARGS__);		\
		__KUNIT_FAIL_END(test, assert);				\
	}								\
} while (0)

#define __KUNIT_STR(test, assert, left, op, right, fmt, ...) do {	\
	const char *__l = (left), *__r = (right);			\
	if (!(strcmp(__l, __r) op 0)) {					\
		kunit_fail_str(test, assert, __FILE__, __LINE__, #left, #op, #right, \
			       __l, __r, fmt, ##__VA_ARGS__);		\
		__KUNIT_FAIL_END(test, assert);				\
	}								\
} while (0)

#define __KUNIT_ERR_OR_NULL(test, assert, ptr, fmt, ...) do {		\
	const void *__p = (ptr);					\
	if (IS_ERR_OR_NULL(__p)) {					\
		kunit_do_fail(test, assert, __FILE__, __LINE__,		\
			      "Expected %s is not error, but is: %ld", #ptr, \
			      __p ? PTR_ERR(__p) : 0L);			\
		if (fmt)						\
			kunit_do_fail(test, false, NULL, 0, fmt, ##__VA_ARGS__); \
		__KUNIT_FAIL_END(test, assert);				\
	}								\
} while (0)

#define KUNIT_EXPECT_TRUE_MSG(t, c, fmt, ...)	__KUNIT_TRUE(t, false, c, true, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_FALSE_MSG(t, c, fmt, ...)	__KUNIT_TRUE(t, false, c, false, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_TRUE_MSG(t, c, fmt, ...)	__KUNIT_TRUE(t, true, c, true, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_FALSE_MSG(t, c, fmt, ...)	__KUNIT_TRUE(t, true, c, false, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_TRUE(t, c)			KUNIT_EXPECT_TRUE_MSG(t, c, NULL)
#define KUNIT_EXPECT_FALSE(t, c)		KUNIT_EXPECT_FALSE_MSG(t, c, NULL)
#define KUNIT_ASSERT_TRUE(t, c)			KUNIT_ASSERT_TRUE_MSG(t, c, NULL)
#define KUNIT_ASSERT_FALSE(t, c)		KUNIT_ASSERT_FALSE_MSG(t, c, NULL)

#define KUNIT_EXPECT_EQ_MSG(t, a, b, fmt, ...)	__KUNIT_BINARY(t, false, a, ==, b, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_NE_MSG(t, a, b, fmt, ...)	__KUNIT_BINARY(t, false, a, !=, b, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_LT_MSG(t, a, b, fmt, ...)	__KUNIT_BINARY(t, false, a, <, b, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_LE_MSG(t, a, b, fmt, ...)	__KUNIT_BINARY(t, false, a, <=, b, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_GT_MSG(t, a, b, fmt, ...)	__KUNIT_BINARY(t, false, a, >, b, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_GE_MSG(t, a, b, fmt, ...)	__KUNIT_BINARY(t, false, a, >=, b, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_EQ_MSG(t, a, b, fmt, ...)	__KUNIT_BINARY(t, true, a, ==, b, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_NE_MSG(t, a, b, fmt, ...)	__KUNIT_BINARY(t, true, a, !=, b, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_LT_MSG(t, a, b, fmt, ...)	__KUNIT_BINARY(t, true, a, <, b, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_LE_MSG(t, a, b, fmt, ...)	__KUNIT_BINARY(t, true, a, <=, b, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_GT_MSG(t, a, b, fmt, ...)	__KUNIT_BINARY(t, true, a, >, b, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_GE_MSG(t, a, b, fmt, ...)	__KUNIT_BINARY(t, true, a, >=, b, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_EQ(t, a, b)	KUNIT_EXPECT_EQ_MSG(t, a, b, NULL)
#define KUNIT_EXPECT_NE(t, a, b)	KUNIT_EXPECT_NE_MSG(t, a, b, NULL)
#define KUNIT_EXPECT_LT(t, a, b)	KUNIT_EXPECT_LT_MSG(t, a, b, NULL)
#define KUNIT_EXPECT_LE(t, a, b)	KUNIT_EXPECT_LE_MSG(t, a, b, NULL)
#define KUNIT_EXPECT_GT(t, a, b)	KUNIT_EXPECT_GT_MSG(t, a, b, NULL)
#define KUNIT_EXPECT_GE(t, a, b)	KUNIT_EXPECT_GE_MSG(t, a, b, NULL)
#define KUNIT_ASSERT_EQ(t, a, b)	KUNIT_ASSERT_EQ_MSG(t, a, b, NULL)
#define KUNIT_ASSERT_NE(t, a, b)	KUNIT_ASSERT_NE_MSG(t, a, b, NULL)
#define KUNIT_ASSERT_LT(t, a, b)	KUNIT_ASSERT_LT_MSG(t, a, b, NULL)
#define KUNIT_ASSERT_LE(t, a, b)	KUNIT_ASSERT_LE_MSG(t, a, b, NULL)
#define KUNIT_ASSERT_GT(t, a, b)	KUNIT_ASSERT_GT_MSG(t, a, b, NULL)
#define KUNIT_ASSERT_GE(t, a, b)	KUNIT_ASSERT_GE_MSG(t, a, b, NULL)

#define KUNIT_EXPECT_PTR_EQ_MSG(t, a, b, fmt, ...) __KUNIT_PTR(t, false, a, ==, b, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_PTR_NE_MSG(t, a, b, fmt, ...) __KUNIT_PTR(t, false, a, !=, b, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_PTR_EQ_MSG(t, a, b, fmt, ...) __KUNIT_PTR(t, true, a, ==, b, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_PTR_NE_MSG(t, a, b, fmt, ...) __KUNIT_PTR(t, true, a, !=, b, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_PTR_EQ(t, a, b)	KUNIT_EXPECT_PTR_EQ_MSG(t, a, b, NULL)
#define KUNIT_EXPECT_PTR_NE(t, a, b)	KUNIT_EXPECT_PTR_NE_MSG(t, a, b, NULL)
#define KUNIT_ASSERT_PTR_EQ(t, a, b)	KUNIT_ASSERT_PTR_EQ_MSG(t, a, b, NULL)
#define KUNIT_ASSERT_PTR_NE(t, a, b)	KUNIT_ASSERT_PTR_NE_MSG(t, a, b, NULL)
#define KUNIT_EXPECT_NULL_MSG(t, p, fmt, ...)	 __KUNIT_PTR(t, false, p, ==, NULL, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_NOT_NULL_MSG(t, p, fmt, ...) __KUNIT_PTR(t, false, p, !=, NULL, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_NULL_MSG(t, p, fmt, ...)	 __KUNIT_PTR(t, true, p, ==, NULL, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_NOT_NULL_MSG(t, p, fmt, ...) __KUNIT_PTR(t, true, p, !=, NULL, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_NULL(t, p)		KUNIT_EXPECT_NULL_MSG(t, p, NULL)
#define KUNIT_EXPECT_NOT_NULL(t, p)	KUNIT_EXPECT_NOT_NULL_MSG(t, p, NULL)
#define KUNIT_ASSERT_NULL(t, p)		KUNIT_ASSERT_NULL_MSG(t, p, NULL)
#define KUNIT_ASSERT_NOT_NULL(t, p)	KUNIT_ASSERT_NOT_NULL_MSG(t, p, NULL)

#define KUNIT_EXPECT_STREQ_MSG(t, a, b, fmt, ...)  __KUNIT_STR(t, false, a, ==, b, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_STRNEQ_MSG(t, a, b, fmt, ...) __KUNIT_STR(t, false, a, !=, b, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_STREQ_MSG(t, a, b, fmt, ...)  __KUNIT_STR(t, true, a, ==, b, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_STRNEQ_MSG(t, a, b, fmt, ...) __KUNIT_STR(t, true, a, !=, b, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_STREQ(t, a, b)	KUNIT_EXPECT_STREQ_MSG(t, a, b, NULL)
#define KUNIT_EXPECT_STRNEQ(t, a, b)	KUNIT_EXPECT_STRNEQ_MSG(t, a, b, NULL)
#define KUNIT_ASSERT_STREQ(t, a, b)	KUNIT_ASSERT_STREQ_MSG(t, a, b, NULL)
#define KUNIT_ASSERT_STRNEQ(t, a, b)	KUNIT_ASSERT_STRNEQ_MSG(t, a, b, NULL)

#define KUNIT_EXPECT_NOT_ERR_OR_NULL_MSG(t, p, fmt, ...) __KUNIT_ERR_OR_NULL(t, false, p, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_NOT_ERR_OR_NULL_MSG(t, p, fmt, ...) __KUNIT_ERR_OR_NULL(t, true, p, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_NOT_ERR_OR_NULL(t, p) KUNIT_EXPECT_NOT_ERR_OR_NULL_MSG(t, p, NULL)
#define KUNIT_ASSERT_NOT_ERR_OR_NULL(t, p) KUNIT_ASSERT_NOT_ERR_OR_NULL_MSG(t, p, NULL)

#endif
