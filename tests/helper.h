#ifndef _TESTS_HELPER_H
#define _TESTS_HELPER_H

/*
 * Helper threads for the tests: run fn(arg) once in a kthread bound to
 * CPU 0 (never the CPU a hotplug test takes down) and keep its result;
 * every wait is bounded, so a hang is reported instead of stopping the
 * run.
 */
#include <kunit/test.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/ktime.h>
#include <linux/sched/task.h>

#define HANG_BOUND	(10 * HZ)	/* a bound for a hang, not a timing assertion */

/* Poll cond every millisecond for up to ms milliseconds.  Return: cond. */
#define WAIT_FOR(cond, ms) ({						\
	u64 __end = ktime_get_ns() + (u64)(ms) * NSEC_PER_MSEC;		\
	bool __ok;							\
	while (!(__ok = (cond)) && ktime_get_ns() < __end)		\
		msleep(1);						\
	__ok; })

/* A helper thread on CPU 0 that runs fn(arg) once and records its result. */
struct helper {
	struct task_struct *task;
	long (*fn)(void *arg);
	void *arg;
	long ret;
	struct completion done;
};

static inline int helper_fn(void *data)
{
	struct helper *h = data;

	h->ret = h->fn(h->arg);
	complete(&h->done);
	return 0;
}

static inline void helper_start(struct kunit *test, struct helper *h, long (*fn)(void *),
				void *arg, const char *name)
{
	h->fn = fn;
	h->arg = arg;
	init_completion(&h->done);
	h->task = kthread_create(helper_fn, h, "%s", name);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, h->task);
	get_task_struct(h->task);
	kthread_bind(h->task, 0);
	wake_up_process(h->task);
}

/* Return: h finished within the hang bound (then its reference is dropped). */
static inline bool helper_wait(struct helper *h)
{
	if (!wait_for_completion_timeout(&h->done, HANG_BOUND))
		return false;
	put_task_struct(h->task);
	return true;
}

/* Is t asleep in D and off its CPU (a helper that reached its wait)? */
static inline bool blocked_in_d(struct task_struct *t)
{
	return WAIT_FOR(READ_ONCE(t->__state) == TASK_UNINTERRUPTIBLE &&
			wait_task_inactive(t, TASK_UNINTERRUPTIBLE), 5000);
}

#endif
