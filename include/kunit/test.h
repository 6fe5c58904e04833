#ifndef _KUNIT_TEST_H
#define _KUNIT_TEST_H

/*
 * KUnit, Linux 6.18's API (include/kunit/test.h): suites register with
 * kunit_test_suite(); kernel/kunit/ runs them when the command line says
 * "ktest" and prints KTAP version 1.
 *
 * As in Linux, each test case runs in a kthread of its own
 * (kunit_try_catch, kunit/try-catch.h): init, the case, then exit and the
 * release of the case's resources in a second kthread.  A failed ASSERT
 * or a kunit_skip() ends the case's kthread; a case that does not finish
 * within its timeout (kunit.timeout= seconds, default 300, times 3 for
 * KUNIT_CASE_SLOW and 12 for very slow) is reported failed and the suite
 * goes on.
 *
 * A parameterised case (KUNIT_CASE_PARAM, KUNIT_ARRAY_PARAM) runs once
 * per parameter, each run with its own struct kunit whose ->parent is the
 * case's, where param_init() may keep what the runs share.
 */
#include <kunit/try-catch.h>
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/kconfig.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

struct kunit;

/* Maximum size of a parameter description (generate_params' desc). */
#define KUNIT_PARAM_DESC_SIZE 128
/* Maximum size of a status comment (the SKIP reason). */
#define KUNIT_STATUS_COMMENT_SIZE 256

#define KUNIT_INDENT_LEN		4
#define KUNIT_SUBTEST_INDENT		"    "
#define KUNIT_SUBSUBTEST_INDENT		"        "

enum kunit_status {
	KUNIT_SUCCESS,
	KUNIT_FAILURE,
	KUNIT_SKIPPED,
};

/* How slow a case is, relative to others: scales its timeout. */
enum kunit_speed {
	KUNIT_SPEED_UNSET,
	KUNIT_SPEED_VERY_SLOW,
	KUNIT_SPEED_SLOW,
	KUNIT_SPEED_NORMAL,
	KUNIT_SPEED_MAX = KUNIT_SPEED_NORMAL,
};

struct kunit_attributes {
	enum kunit_speed speed;
};

struct kunit_case {
	void (*run_case)(struct kunit *test);
	const char *name;
	/* the next parameter after prev (NULL: the first), or NULL at the end */
	const void *(*generate_params)(struct kunit *test, const void *prev, char *desc);
	struct kunit_attributes attr;
	/* run once before and after all parameters, on the case's struct kunit */
	int (*param_init)(struct kunit *test);
	void (*param_exit)(struct kunit *test);

	/* private: internal use only. */
	enum kunit_status status;
	char *module_name;
	char *log;
};

static inline char *kunit_status_to_ok_not_ok(enum kunit_status status)
{
	switch (status) {
	case KUNIT_SKIPPED:
	case KUNIT_SUCCESS:
		return "ok";
	case KUNIT_FAILURE:
		return "not ok";
	}
	return "invalid";
}

#define KUNIT_CASE(test_name)						\
		{ .run_case = test_name, .name = #test_name,		\
		  .module_name = KBUILD_MODNAME }
#define KUNIT_CASE_ATTR(test_name, attributes)				\
		{ .run_case = test_name, .name = #test_name,		\
		  .attr = attributes, .module_name = KBUILD_MODNAME }
#define KUNIT_CASE_SLOW(test_name)					\
		{ .run_case = test_name, .name = #test_name,		\
		  .attr.speed = KUNIT_SPEED_SLOW, .module_name = KBUILD_MODNAME }
#define KUNIT_CASE_PARAM(test_name, gen_params)				\
		{ .run_case = test_name, .name = #test_name,		\
		  .generate_params = gen_params, .module_name = KBUILD_MODNAME }
#define KUNIT_CASE_PARAM_ATTR(test_name, gen_params, attributes)	\
		{ .run_case = test_name, .name = #test_name,		\
		  .generate_params = gen_params,			\
		  .attr = attributes, .module_name = KBUILD_MODNAME }
#define KUNIT_CASE_PARAM_WITH_INIT(test_name, gen_params, init, exit)	\
		{ .run_case = test_name, .name = #test_name,		\
		  .generate_params = gen_params,			\
		  .param_init = init, .param_exit = exit,		\
		  .module_name = KBUILD_MODNAME }

struct kunit_suite {
	const char name[256];
	int (*suite_init)(struct kunit_suite *suite);
	void (*suite_exit)(struct kunit_suite *suite);
	int (*init)(struct kunit *test);
	void (*exit)(struct kunit *test);
	struct kunit_case *test_cases;
	struct kunit_attributes attr;

	/* private: internal use only */
	char status_comment[KUNIT_STATUS_COMMENT_SIZE];
	char *log;
	int suite_init_err;
	bool is_init;
};

/* A parameter array registered with kunit_register_params_array(). */
struct kunit_params {
	const void *params;
	void (*get_description)(struct kunit *test, const void *param, char *desc);
	size_t num_params;
	size_t elem_size;
};

struct kunit {
	void *priv;
	/* a parameter run's parameterised case (param_init's test), else NULL */
	struct kunit *parent;
	struct kunit_params params_array;

	/* private: internal use only. */
	const char *name;		/* I */
	char *log;
	struct kunit_try_catch try_catch;
	const void *param_value;	/* I: this run's parameter */
	int param_index;		/* I */
	spinlock_t lock;		/* guards resources */
	enum kunit_status status;	/* WRITE_ONCE; read after the case ended */
	struct list_head resources;	/* lock */
	char status_comment[KUNIT_STATUS_COMMENT_SIZE];
};

static inline void kunit_set_failure(struct kunit *test)
{
	WRITE_ONCE(test->status, KUNIT_FAILURE);
}

bool kunit_enabled(void);
void kunit_init_test(struct kunit *test, const char *name, char *log);
/* Run every registered suite matching glob ("suite" or "suite.case"; NULL: all). */
int kunit_run_tests(const char *glob);
size_t kunit_suite_num_test_cases(struct kunit_suite *suite);
unsigned int kunit_test_case_num(struct kunit_suite *suite, struct kunit_case *test_case);
enum kunit_status kunit_suite_has_succeeded(struct kunit_suite *suite);
const void *kunit_array_gen_params(struct kunit *test, const void *prev, char *desc);

#define __kunit_test_suites(unique_array, ...)				\
	static struct kunit_suite *const unique_array[]			\
	__aligned(sizeof(struct kunit_suite *))				\
	__used __section(".kunit_test_suites") = { __VA_ARGS__ }
#define kunit_test_suites(__suites...)					\
	__kunit_test_suites(__UNIQUE_ID(array), ##__suites)
#define kunit_test_suite(suite)	kunit_test_suites(&suite)
/* Suites that test __init code: here everything stays, so the same. */
#define kunit_test_init_section_suites(__suites...)			\
	__kunit_test_suites(CONCATENATE(__UNIQUE_ID(array), _probe), ##__suites)
#define kunit_test_init_section_suite(suite)	kunit_test_init_section_suites(&suite)

#define kunit_suite_for_each_test_case(suite, test_case)		\
	for (test_case = suite->test_cases; test_case->run_case; test_case++)

/* Test-managed memory: freed when the case ends. */
void *kunit_kmalloc_array(struct kunit *test, size_t n, size_t size, gfp_t gfp);
static inline void *kunit_kmalloc(struct kunit *test, size_t size, gfp_t gfp)
{
	return kunit_kmalloc_array(test, 1, size, gfp);
}
void kunit_kfree(struct kunit *test, const void *ptr);
static inline void *kunit_kzalloc(struct kunit *test, size_t size, gfp_t gfp)
{
	return kunit_kmalloc(test, size, gfp | __GFP_ZERO);
}
static inline void *kunit_kcalloc(struct kunit *test, size_t n, size_t size, gfp_t gfp)
{
	return kunit_kmalloc_array(test, n, size, gfp | __GFP_ZERO);
}
static inline char *kunit_kstrdup(struct kunit *test, const char *str, gfp_t gfp)
{
	size_t len;
	char *buf;

	if (!str)
		return NULL;
	len = strlen(str) + 1;
	buf = kunit_kmalloc(test, len, gfp);
	if (buf)
		memcpy(buf, str, len);
	return buf;
}
const char *kunit_kstrdup_const(struct kunit *test, const char *str, gfp_t gfp);
void kunit_kfree_const(struct kunit *test, const void *x);

/* Release every resource of test, newest first. */
void kunit_cleanup(struct kunit *test);

/* Print one KTAP line (a trailing newline in fmt is dropped). */
void kunit_log_line(const void *test_or_suite, const char *fmt, ...) __printf(2, 3);

/* Mark skipped, with a reason; the case goes on. */
#define kunit_mark_skipped(test_or_suite, fmt, ...)			\
	do {								\
		WRITE_ONCE((test_or_suite)->status, KUNIT_SKIPPED);	\
		scnprintf((test_or_suite)->status_comment,		\
			  KUNIT_STATUS_COMMENT_SIZE,			\
			  fmt, ##__VA_ARGS__);				\
	} while (0)

/* Mark skipped and end the case here. */
#define kunit_skip(test_or_suite, fmt, ...)				\
	do {								\
		kunit_mark_skipped((test_or_suite), fmt, ##__VA_ARGS__);\
		kunit_try_catch_throw(&((test_or_suite)->try_catch));	\
	} while (0)

/* Messages attached to the test, as "    # <test>: <message>". */
#define kunit_log(lvl, test_or_suite, fmt, ...)				\
	kunit_log_line(test_or_suite, fmt, ##__VA_ARGS__)
#define kunit_printk(lvl, test, fmt, ...)				\
	kunit_log_line(test, KUNIT_SUBTEST_INDENT "# %s: " fmt, (test)->name, ##__VA_ARGS__)
#define kunit_info(test, fmt, ...)	kunit_printk(KERN_INFO, test, fmt, ##__VA_ARGS__)
#define kunit_warn(test, fmt, ...)	kunit_printk(KERN_WARNING, test, fmt, ##__VA_ARGS__)
#define kunit_err(test, fmt, ...)	kunit_printk(KERN_ERR, test, fmt, ##__VA_ARGS__)

/*
 * The assertion machinery.  Each macro evaluates its arguments once,
 * compares in their own types (with C's conversions) and on failure
 * prints what Linux prints: the location, the expression, both values,
 * then the optional message.  An ASSERT then ends the case.
 */
enum kunit_assert_type {
	KUNIT_ASSERTION,
	KUNIT_EXPECTATION,
};

void kunit_do_fail(struct kunit *test, bool assert, const char *file, int line,
		   const char *fmt, ...) __printf(5, 6);
void kunit_fail_binary(struct kunit *test, bool assert, const char *file, int line,
		       const char *left, const char *op, const char *right,
		       long long lv, long long rv, const char *fmt, ...) __printf(10, 11);
void kunit_fail_ptr(struct kunit *test, bool assert, const char *file, int line,
		    const char *left, const char *op, const char *right,
		    const void *lv, const void *rv, const char *fmt, ...) __printf(10, 11);
void kunit_fail_str(struct kunit *test, bool assert, const char *file, int line,
		    const char *left, const char *op, const char *right,
		    const char *lv, const char *rv, const char *fmt, ...) __printf(10, 11);
void kunit_fail_mem(struct kunit *test, bool assert, const char *file, int line,
		    const char *left, const char *op, const char *right,
		    const void *lv, const void *rv, size_t size, const char *fmt, ...)
	__printf(11, 12);
void kunit_fail_unary(struct kunit *test, bool assert, const char *file, int line,
		      const char *cond, bool want, const char *fmt, ...) __printf(7, 8);
void __noreturn __kunit_abort(struct kunit *test);

#define __KUNIT_FAIL_END(test, assert) do { if (assert) __kunit_abort(test); } while (0)

#define KUNIT_FAIL(test, fmt, ...) \
	kunit_do_fail(test, false, __FILE__, __LINE__, fmt, ##__VA_ARGS__)
#define KUNIT_FAIL_AND_ABORT(test, fmt, ...) do {			\
	kunit_do_fail(test, true, __FILE__, __LINE__, fmt, ##__VA_ARGS__); \
	__kunit_abort(test);						\
} while (0)
#define KUNIT_SUCCEED(test) do { } while (0)

#define __KUNIT_TRUE(test, assert, cond, want, fmt, ...) do {		\
	if ((bool)(cond) != (bool)(want)) {					\
		kunit_fail_unary(test, assert, __FILE__, __LINE__, #cond, want, \
				 fmt, ##__VA_ARGS__);			\
		__KUNIT_FAIL_END(test, assert);				\
	}								\
} while (0)

#define __KUNIT_BINARY(test, assert, left, op, right, fmt, ...) do {	\
	const __typeof__(left) __left = (left);				\
	const __typeof__(right) __right = (right);			\
	if (!(__left op __right)) {					\
		kunit_fail_binary(test, assert, __FILE__, __LINE__, #left, #op, #right, \
				  (long long)__left, (long long)__right, fmt, ##__VA_ARGS__); \
		__KUNIT_FAIL_END(test, assert);				\
	}								\
} while (0)

#define __KUNIT_PTR(test, assert, left, op, right, fmt, ...) do {	\
	const void *__left = (left), *__right = (right);		\
	if (!(__left op __right)) {					\
		kunit_fail_ptr(test, assert, __FILE__, __LINE__, #left, #op, #right, \
			       __left, __right, fmt, ##__VA_ARGS__);	\
		__KUNIT_FAIL_END(test, assert);				\
	}								\
} while (0)

#define __KUNIT_STR(test, assert, left, op, right, fmt, ...) do {	\
	const char *__left = (left), *__right = (right);		\
	if (!(strcmp(__left, __right) op 0)) {				\
		kunit_fail_str(test, assert, __FILE__, __LINE__, #left, #op, #right, \
			       __left, __right, fmt, ##__VA_ARGS__);	\
		__KUNIT_FAIL_END(test, assert);				\
	}								\
} while (0)

/* A NULL side compares unequal to anything, as in Linux. */
#define __KUNIT_MEM(test, assert, left, op, right, size_, fmt, ...) do { \
	const void *__left = (left), *__right = (right);		\
	const size_t __size = (size_);					\
	if (!(__left && __right ? memcmp(__left, __right, __size) op 0 : \
	      (__left == __right) op true)) {				\
		kunit_fail_mem(test, assert, __FILE__, __LINE__, #left, #op, #right, \
			       __left, __right, __size, fmt, ##__VA_ARGS__); \
		__KUNIT_FAIL_END(test, assert);				\
	}								\
} while (0)

#define __KUNIT_ERR_OR_NULL(test, assert, ptr, fmt, ...) do {		\
	const void *__ptr = (ptr);					\
	if (IS_ERR_OR_NULL(__ptr)) {					\
		kunit_do_fail(test, assert, __FILE__, __LINE__,		\
			      "Expected %s is not error, but is: %ld", #ptr, \
			      __ptr ? PTR_ERR(__ptr) : 0L);		\
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

#define KUNIT_EXPECT_MEMEQ_MSG(t, a, b, n, fmt, ...)  __KUNIT_MEM(t, false, a, ==, b, n, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_MEMNEQ_MSG(t, a, b, n, fmt, ...) __KUNIT_MEM(t, false, a, !=, b, n, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_MEMEQ_MSG(t, a, b, n, fmt, ...)  __KUNIT_MEM(t, true, a, ==, b, n, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_MEMNEQ_MSG(t, a, b, n, fmt, ...) __KUNIT_MEM(t, true, a, !=, b, n, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_MEMEQ(t, a, b, n)	KUNIT_EXPECT_MEMEQ_MSG(t, a, b, n, NULL)
#define KUNIT_EXPECT_MEMNEQ(t, a, b, n)	KUNIT_EXPECT_MEMNEQ_MSG(t, a, b, n, NULL)
#define KUNIT_ASSERT_MEMEQ(t, a, b, n)	KUNIT_ASSERT_MEMEQ_MSG(t, a, b, n, NULL)
#define KUNIT_ASSERT_MEMNEQ(t, a, b, n)	KUNIT_ASSERT_MEMNEQ_MSG(t, a, b, n, NULL)

#define KUNIT_EXPECT_NOT_ERR_OR_NULL_MSG(t, p, fmt, ...) __KUNIT_ERR_OR_NULL(t, false, p, fmt, ##__VA_ARGS__)
#define KUNIT_ASSERT_NOT_ERR_OR_NULL_MSG(t, p, fmt, ...) __KUNIT_ERR_OR_NULL(t, true, p, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_NOT_ERR_OR_NULL(t, p) KUNIT_EXPECT_NOT_ERR_OR_NULL_MSG(t, p, NULL)
#define KUNIT_ASSERT_NOT_ERR_OR_NULL(t, p) KUNIT_ASSERT_NOT_ERR_OR_NULL_MSG(t, p, NULL)

/* Name an ASSERT's abort target (Linux's KUNIT_ASSERT_FAILURE). */
#define KUNIT_ASSERT_FAILURE(test, fmt, ...) KUNIT_FAIL_AND_ABORT(test, fmt, ##__VA_ARGS__)

/*
 * kunit_register_params_array - give the parameterised case (test is the
 * case's struct kunit, as in param_init) an array of count parameters;
 * kunit_array_gen_params() walks it.  KUNIT_ARRAY_PARAM() does this.
 */
#define kunit_register_params_array(test, array, param_count, get_desc)	\
	do {								\
		struct kunit *__rp_test = (test);			\
		const __typeof__((array)[0]) *__rp_first = &(array)[0]; \
		__rp_test->params_array.params = __rp_first;		\
		__rp_test->params_array.num_params = (param_count);	\
		__rp_test->params_array.elem_size = sizeof(*__rp_first); \
		__rp_test->params_array.get_description = (get_desc);	\
	} while (0)

/*
 * KUNIT_ARRAY_PARAM - a generator name##_gen_params walking array, with
 * get_desc(param, desc) (may be NULL) naming each parameter.
 * KUNIT_ARRAY_PARAM_DESC - the same, the name being the member desc_member.
 */
#define KUNIT_ARRAY_PARAM(name, array, get_desc)				\
	static const void *name##_gen_params(struct kunit *test,		\
					     const void *prev, char *desc)	\
	{									\
		__typeof__((array)[0]) *__next = prev ? ((__typeof__(__next))prev) + 1 : (array); \
		if (!prev)							\
			kunit_register_params_array(test, array, ARRAY_SIZE(array), NULL); \
		if (__next - (array) < (long)ARRAY_SIZE(array)) {		\
			void (*__get_desc)(__typeof__(__next), char *) = get_desc; \
			if (__get_desc)						\
				__get_desc(__next, desc);			\
			return __next;						\
		}								\
		return NULL;							\
	}
#define KUNIT_ARRAY_PARAM_DESC(name, array, desc_member)			\
	static const void *name##_gen_params(struct kunit *test,		\
					     const void *prev, char *desc)	\
	{									\
		__typeof__((array)[0]) *__next = prev ? ((__typeof__(__next))prev) + 1 : (array); \
		if (!prev)							\
			kunit_register_params_array(test, array, ARRAY_SIZE(array), NULL); \
		if (__next - (array) < (long)ARRAY_SIZE(array)) {		\
			strscpy(desc, __next->desc_member, KUNIT_PARAM_DESC_SIZE); \
			return __next;						\
		}								\
		return NULL;							\
	}

#include <kunit/resource.h>

#endif
