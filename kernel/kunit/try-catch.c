/*
 * kunit_try_catch: run a test function in a kthread of its own, with a
 * timeout, so that an aborting ASSERT can end it and a hung one cannot
 * hang the suite (Linux's lib/kunit/try-catch.c semantics).
 *
 *   runner                               try kthread
 *   ------                               -----------
 *   kthread_create, get_task_struct
 *   wake_up_process  ------------------> try(context)
 *   wait_for_completion_timeout            returns: result 0
 *        |                                 or kunit_try_catch_throw():
 *        |                                   result -EFAULT, kthread_exit
 *        |  <------------------------------ complete(done)
 *   kthread_stop (waits for the exit)
 *   returned: done; threw: catch() with result 0; else catch() with it
 *
 * On a timeout the runner reports -ETIMEDOUT and does not wait: the try
 * kthread may be stuck anywhere (Linux would block in kthread_stop()
 * there).  It is left to run; the record it shares with the runner
 * (struct kunit_try_thread) is reference counted so that whichever side
 * finishes last frees it, and the caller must keep everything else the
 * try function uses alive (kernel/kunit/test.c leaks the case's context
 * then).
 *
 * Linux also reports -EINTR, for a try kthread that died in an oops; an
 * oops here panics, so that cannot happen.
 */
#include <kunit/try-catch.h>
#include <kunit/test.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/refcount.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/export.h>
#include "kunit-internal.h"
#include <linux/sched/task.h>

struct kunit_try_thread {
	refcount_t ref;			/* the runner's and the kthread's */
	struct completion done;		/* the try function ended */
	int result;			/* written by the kthread before done */
	struct task_struct *task;	/* I */
	struct kunit_try_catch *try_catch; /* I */
};

static void try_thread_put(struct kunit_try_thread *t)
{
	if (refcount_dec_and_test(&t->ref))
		kfree(t);
}

bool kunit_try_catch_is_current(const struct kunit_try_catch *try_catch)
{
	struct kunit_try_thread *t = READ_ONCE(try_catch->thread);

	return t && t->task == current;
}

/* The end of the try kthread, by return or by throw. */
static void __noreturn try_thread_finish(struct kunit_try_thread *t, int result)
{
	t->result = result;
	complete(&t->done);
	try_thread_put(t);
	kthread_exit(0);
}

/**
 * kunit_try_catch_throw - end the try function here.
 * Context: the try kthread.  A throw from another kthread (a helper a
 * test started) ends that kthread, as in Linux: the failure it reports
 * is recorded already, and the case's own kthread goes on.
 */
void __noreturn kunit_try_catch_throw(struct kunit_try_catch *try_catch)
{
	struct kunit_try_thread *t = READ_ONCE(try_catch->thread);

	if (t && t->task == current)
		try_thread_finish(t, -EFAULT);
	if ((current->flags & (PF_KTHREAD | PF_WQ_WORKER)) == PF_KTHREAD && kthread_func(current))
		kthread_exit(-EFAULT);
	/* a work item, kernel_init, an idle task: nothing that may just end */
	panic("KUnit: %s aborted outside a test kthread (in %s/%d)",
	      try_catch->test ? try_catch->test->name : "a test", current->comm, current->pid);
}
EXPORT_SYMBOL_GPL(kunit_try_catch_throw);

static int try_thread_fn(void *data)
{
	struct kunit_try_thread *t = data;

	t->try_catch->try(t->try_catch->context);
	try_thread_finish(t, 0);
}

/**
 * kunit_try_catch_run - run try(context) in a new kthread, wait for it.
 * Context: may sleep; not from a try kthread of the same try_catch.
 * On return try_catch->try_result is 0, -ETIMEDOUT or a creation error;
 * catch(context) has run unless try returned normally.
 */
void kunit_try_catch_run(struct kunit_try_catch *try_catch, void *context)
{
	struct kunit_try_thread *t;
	struct task_struct *task;
	int result;

	try_catch->context = context;
	try_catch->try_result = 0;
	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t) {
		result = -ENOMEM;
		goto caught;
	}
	refcount_set(&t->ref, 2);
	init_completion(&t->done);
	t->try_catch = try_catch;
	task = kthread_create(try_thread_fn, t, "kunit_try_catch_thread");
	if (IS_ERR(task)) {
		kfree(t);
		result = PTR_ERR(task);
		goto caught;
	}
	t->task = get_task_struct(task);
	WRITE_ONCE(try_catch->thread, t);
	wake_up_process(task);

	if (!wait_for_completion_timeout(&t->done, try_catch->timeout)) {
		/* left running: the kthread drops its reference if it ends */
		WRITE_ONCE(try_catch->thread, NULL);
		put_task_struct(task);
		try_thread_put(t);
		result = -ETIMEDOUT;
		goto caught;
	}
	kthread_stop_put(task);		/* it has ended: wait for its exit */
	WRITE_ONCE(try_catch->thread, NULL);
	result = t->result;
	try_thread_put(t);
	if (result == 0)
		return;		/* try returned */
	if (result == -EFAULT)
		result = 0;	/* it threw (an ASSERT, a skip): catch sees 0 */
caught:
	try_catch->try_result = result;
	try_catch->catch(try_catch->context);
}
EXPORT_SYMBOL_GPL(kunit_try_catch_run);
