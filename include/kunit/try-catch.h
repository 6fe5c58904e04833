#ifndef _KUNIT_TRY_CATCH_H
#define _KUNIT_TRY_CATCH_H

/*
 * Run a function that may abort, in a kthread of its own, with a timeout
 * (Linux's kunit/try-catch.h).  kunit_try_catch_run() starts a kthread
 * for try(context) and waits for it up to timeout jiffies; the function
 * ends by returning, or by kunit_try_catch_throw() (a failed ASSERT, a
 * skip), which ends the kthread.  Then try_result is
 *
 *   0            try returned, or threw
 *   -ETIMEDOUT   try did not finish in time (its kthread is left running:
 *                it may be stuck anywhere, and nothing it uses is freed)
 *   <0 other     the kthread could not be created
 *
 * and catch(context) is called for the errors.
 */
#include <linux/types.h>
#include <linux/compiler.h>

typedef void (*kunit_try_catch_func_t)(void *);

struct kunit;
struct kunit_try_thread;

struct kunit_try_catch {
	/* private: internal use only. */
	struct kunit *test;
	int try_result;
	kunit_try_catch_func_t try;
	kunit_try_catch_func_t catch;
	unsigned long timeout;			/* jiffies */
	void *context;
	struct kunit_try_thread *thread;	/* the running try, or NULL */
};

void kunit_try_catch_run(struct kunit_try_catch *try_catch, void *context);
void __noreturn kunit_try_catch_throw(struct kunit_try_catch *try_catch);

static inline int kunit_try_catch_get_result(struct kunit_try_catch *try_catch)
{
	return try_catch->try_result;
}

static inline void kunit_try_catch_init(struct kunit_try_catch *try_catch, struct kunit *test,
					kunit_try_catch_func_t try,
					kunit_try_catch_func_t catch, unsigned long timeout)
{
	try_catch->test = test;
	try_catch->try = try;
	try_catch->catch = catch;
	try_catch->timeout = timeout;
	try_catch->thread = NULL;
}

#endif
