/*
 * Signals as kthreads see them, and kthread_stop() ending interruptible
 * sleeps (Linux's TIF_NOTIFY_SIGNAL semantics).
 *
 *   thread asleep in an interruptible wait --kthread_stop()--> the wait
 *   ends at once (-ERESTARTSYS, -EINTR or the time left), and every later
 *   interruptible wait of that thread ends at once too; killable and
 *   uninterruptible waits are not ended by it.
 *   send_sig(sig): ignored unless the thread allow_signal(sig)ed; then it
 *   is pending (signal_pending), ends interruptible sleeps, and stays
 *   until kernel_dequeue_signal() or flush_signals().  SIGKILL also ends
 *   killable sleeps (fatal_signal_pending).
 *
 * Each sleeper is a kthread that reports what its wait returned; the test
 * waits until it is asleep (off its CPU in the sleeping state) before it
 * acts, and every wait of the test is bounded.
 */
#include <kunit/test.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/completion.h>
#include <linux/wait.h>
#include <linux/mutex.h>
#include <linux/semaphore.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include "helper.h"

enum sleep_kind {
	SLEEP_COMPLETION,
	SLEEP_COMPLETION_TIMEOUT,
	SLEEP_WAIT_EVENT,
	SLEEP_WAIT_EVENT_TIMEOUT,
	SLEEP_SCHEDULE_TIMEOUT,
	SLEEP_SCHEDULE,
	SLEEP_MSLEEP,
	SLEEP_MUTEX,
	SLEEP_SEMAPHORE,
	SLEEP_KIND_MAX
};

static const char *const sleep_names[] = {
	"wait_for_completion_interruptible", "wait_for_completion_interruptible_timeout",
	"wait_event_interruptible", "wait_event_interruptible_timeout",
	"schedule_timeout_interruptible", "TASK_INTERRUPTIBLE + schedule()",
	"msleep_interruptible", "mutex_lock_interruptible", "down_interruptible",
};

struct sleeper {
	enum sleep_kind kind;
	struct completion never;
	struct wait_queue_head wq;
	struct mutex mutex;
	struct semaphore sem;
	long first, second;		/* what the wait returned, then a second one */
	bool pending_after;		/* signal_pending(current) after the wait */
};

static long sleep_once(struct sleeper *s)
{
	switch (s->kind) {
	case SLEEP_COMPLETION:
		return wait_for_completion_interruptible(&s->never);
	case SLEEP_COMPLETION_TIMEOUT:
		return wait_for_completion_interruptible_timeout(&s->never, 60 * HZ);
	case SLEEP_WAIT_EVENT:
		return wait_event_interruptible(s->wq, false);
	case SLEEP_WAIT_EVENT_TIMEOUT:
		return wait_event_interruptible_timeout(s->wq, false, 60 * HZ);
	case SLEEP_SCHEDULE_TIMEOUT:
		return schedule_timeout_interruptible(60 * HZ);
	case SLEEP_SCHEDULE:
		set_current_state(TASK_INTERRUPTIBLE);
		schedule();
		return 0;
	case SLEEP_MSLEEP:
		return msleep_interruptible(60000);
	case SLEEP_MUTEX: {
		int r = mutex_lock_interruptible(&s->mutex);

		if (!r)
			mutex_unlock(&s->mutex);
		return r;
	}
	case SLEEP_SEMAPHORE: {
		int r = down_interruptible(&s->sem);

		if (!r)
			up(&s->sem);
		return r;
	}
	default:
		return -ENOSYS;
	}
}

static int sleeper_fn(void *data)
{
	struct sleeper *s = data;

	s->first = sleep_once(s);
	s->pending_after = signal_pending(current);
	s->second = sleep_once(s);	/* stopped: must end at once as well */
	return 17;
}

static bool asleep_in(struct task_struct *t, unsigned int state)
{
	return WAIT_FOR(wait_task_inactive(t, state), 5000);
}

/* What each kind of interruptible wait returns when kthread_stop() ends it. */
static void expect_interrupted(struct kunit *test, struct sleeper *s, long r, const char *which)
{
	switch (s->kind) {
	case SLEEP_COMPLETION:
	case SLEEP_COMPLETION_TIMEOUT:
	case SLEEP_WAIT_EVENT:
	case SLEEP_WAIT_EVENT_TIMEOUT:
		KUNIT_EXPECT_EQ_MSG(test, r, (long)-ERESTARTSYS, "%s (%s)",
				    sleep_names[s->kind], which);
		break;
	case SLEEP_MUTEX:
	case SLEEP_SEMAPHORE:
		KUNIT_EXPECT_EQ_MSG(test, r, (long)-EINTR, "%s (%s)", sleep_names[s->kind], which);
		break;
	case SLEEP_SCHEDULE_TIMEOUT:	/* the time left: most of the minute */
		KUNIT_EXPECT_GT_MSG(test, r, 30L * HZ, "%s (%s)", sleep_names[s->kind], which);
		break;
	case SLEEP_MSLEEP:
		KUNIT_EXPECT_GT_MSG(test, r, 30000L, "%s (%s)", sleep_names[s->kind], which);
		break;
	default:
		break;
	}
}

static long stop_it(void *arg)
{
	return kthread_stop(arg);
}

static void kthread_stop_ends_every_interruptible_sleep(struct kunit *test)
{
	struct sleeper *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, s);
	for (int kind = 0; kind < SLEEP_KIND_MAX; kind++) {
		struct task_struct *k;
		struct helper stopper;

		memset(s, 0, sizeof(*s));
		s->kind = kind;
		init_completion(&s->never);
		init_waitqueue_head(&s->wq);
		mutex_init(&s->mutex);
		sema_init(&s->sem, 0);
		if (kind == SLEEP_MUTEX)
			mutex_lock(&s->mutex);		/* held by the test: it waits */
		k = kthread_run(sleeper_fn, s, "sig_sleep/%d", kind);
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, k);
		get_task_struct(k);
		KUNIT_EXPECT_TRUE_MSG(test, asleep_in(k, TASK_INTERRUPTIBLE), "%s: not asleep",
				      sleep_names[kind]);
		helper_start(test, &stopper, stop_it, k, "sig_stopper");
		if (!helper_wait(&stopper)) {
			KUNIT_FAIL(test, "kthread_stop() of a thread in %s did not return",
				   sleep_names[kind]);
			/* let it go: complete and wake what it waits for */
			complete_all(&s->never);
			up(&s->sem);
			if (kind == SLEEP_MUTEX)
				mutex_unlock(&s->mutex);
			KUNIT_ASSERT_TRUE(test, helper_wait(&stopper));
			put_task_struct(k);
			continue;
		}
		KUNIT_EXPECT_EQ(test, stopper.ret, 17L);
		expect_interrupted(test, s, s->first, "first");
		expect_interrupted(test, s, s->second, "after the stop");
		KUNIT_EXPECT_TRUE_MSG(test, s->pending_after, "%s: signal_pending() after the stop",
				      sleep_names[kind]);
		if (kind == SLEEP_MUTEX) {
			/* the interrupted waiter left the queue: the lock works as before */
			mutex_unlock(&s->mutex);
			KUNIT_EXPECT_FALSE(test, mutex_is_locked(&s->mutex));
			KUNIT_EXPECT_EQ(test, mutex_trylock(&s->mutex), 1);
			mutex_unlock(&s->mutex);
		}
		if (kind == SLEEP_SEMAPHORE)
			KUNIT_EXPECT_EQ(test, down_trylock(&s->sem), 1);	/* still no unit */
		put_task_struct(k);
	}
}

/* Killable and uninterruptible waits are not ended by kthread_stop(). */
struct until_released {
	struct completion release;
	unsigned int state;
	long ret;
};

static int wait_state_fn(void *data)
{
	struct until_released *u = data;

	if (u->state == TASK_KILLABLE)
		u->ret = wait_for_completion_killable(&u->release);
	else
		wait_for_completion(&u->release);
	return 5;
}

static void kthread_stop_leaves_killable_and_uninterruptible_sleeps(struct kunit *test)
{
	static const unsigned int states[] = { TASK_KILLABLE, TASK_UNINTERRUPTIBLE };

	for (unsigned int i = 0; i < ARRAY_SIZE(states); i++) {
		struct until_released u = { .state = states[i], .ret = -1 };
		struct task_struct *k;
		struct helper stopper;

		init_completion(&u.release);
		k = kthread_run(wait_state_fn, &u, "sig_k/%u", i);
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, k);
		KUNIT_EXPECT_TRUE(test, asleep_in(k, states[i]));
		helper_start(test, &stopper, stop_it, k, "sig_stopper");
		KUNIT_EXPECT_TRUE(test, blocked_in_d(stopper.task));
		/* the stop is under way, the thread still sleeps in its wait */
		KUNIT_EXPECT_TRUE(test, wait_task_inactive(k, states[i]));
		KUNIT_EXPECT_FALSE(test, completion_done(&stopper.done));
		complete(&u.release);
		KUNIT_ASSERT_TRUE(test, helper_wait(&stopper));
		KUNIT_EXPECT_EQ(test, stopper.ret, 5L);
		if (states[i] == TASK_KILLABLE)
			KUNIT_EXPECT_EQ(test, u.ret, 0L);
	}
}

/* send_sig(): ignored unless allowed; then pending until dequeued. */
struct sig_catcher {
	int sig;
	bool allow;
	struct wait_queue_head wq;
	struct completion ready, reported, go;
	long ret;
	int dequeued;
	bool pending_before, pending_after, fatal;
};

static int catcher_fn(void *data)
{
	struct sig_catcher *c = data;

	if (c->allow)
		allow_signal(c->sig);
	complete(&c->ready);
	c->ret = c->sig == SIGKILL ? wait_event_killable(c->wq, kthread_should_stop())
				   : wait_event_interruptible(c->wq, kthread_should_stop());
	c->pending_before = signal_pending(current);
	c->fatal = fatal_signal_pending(current);
	c->dequeued = kernel_dequeue_signal();
	c->pending_after = signal_pending(current);
	complete(&c->reported);
	wait_for_completion(&c->go);
	return 0;
}

static void run_catcher(struct kunit *test, struct sig_catcher *c, unsigned int state)
{
	struct task_struct *k;

	init_waitqueue_head(&c->wq);
	init_completion(&c->ready);
	init_completion(&c->reported);
	init_completion(&c->go);
	c->ret = 1;
	k = kthread_run(catcher_fn, c, "sig_catch");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, k);
	get_task_struct(k);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&c->ready, HANG_BOUND), 0UL);
	KUNIT_EXPECT_TRUE(test, asleep_in(k, state));
	KUNIT_EXPECT_EQ(test, send_sig(c->sig, k, 0), 0);
	if (!c->allow) {
		/* ignored: still asleep, nothing pending */
		msleep(20);
		KUNIT_EXPECT_TRUE(test, wait_task_inactive(k, state));
		KUNIT_EXPECT_FALSE(test, signal_pending(k));
		complete(&c->go);
		KUNIT_EXPECT_EQ(test, kthread_stop(k), 0);
		KUNIT_EXPECT_EQ(test, c->ret, 0L);	/* the stop made its condition true */
		KUNIT_EXPECT_EQ(test, c->dequeued, 0);
	} else {
		KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&c->reported, HANG_BOUND), 0UL);
		KUNIT_EXPECT_EQ(test, c->ret, (long)-ERESTARTSYS);
		KUNIT_EXPECT_TRUE(test, c->pending_before);
		KUNIT_EXPECT_EQ(test, c->fatal, c->sig == SIGKILL);
		KUNIT_EXPECT_EQ(test, c->dequeued, c->sig);
		KUNIT_EXPECT_FALSE(test, c->pending_after);
		complete(&c->go);
		KUNIT_EXPECT_EQ(test, kthread_stop(k), 0);
	}
	put_task_struct(k);
}

static void send_sig_reaches_only_allowed_signals(struct kunit *test)
{
	struct sig_catcher c = { .sig = SIGUSR1, .allow = false };

	run_catcher(test, &c, TASK_INTERRUPTIBLE);
	c = (struct sig_catcher){ .sig = SIGUSR1, .allow = true };
	run_catcher(test, &c, TASK_INTERRUPTIBLE);
	c = (struct sig_catcher){ .sig = SIGKILL, .allow = true };
	run_catcher(test, &c, TASK_KILLABLE);
	KUNIT_EXPECT_EQ(test, send_sig(0, current, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, send_sig(_NSIG + 1, current, 0), -EINVAL);
}

static int flusher_fn(void *data)
{
	struct sig_catcher *c = data;

	allow_signal(SIGUSR2);
	complete(&c->ready);
	wait_for_completion(&c->go);		/* the signal arrives meanwhile */
	c->pending_before = signal_pending(current);
	flush_signals(current);
	c->pending_after = signal_pending(current);
	c->dequeued = kernel_dequeue_signal();
	complete(&c->reported);
	while (!kthread_should_stop())
		schedule_timeout_interruptible(MAX_SCHEDULE_TIMEOUT);
	return 0;
}

static void flush_signals_drops_pending_ones(struct kunit *test)
{
	struct sig_catcher c = { };
	struct task_struct *k;

	init_completion(&c.ready);
	init_completion(&c.reported);
	init_completion(&c.go);
	k = kthread_run(flusher_fn, &c, "sig_flush");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, k);
	get_task_struct(k);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&c.ready, HANG_BOUND), 0UL);
	send_sig(SIGUSR2, k, 0);
	KUNIT_EXPECT_TRUE(test, signal_pending(k));
	complete(&c.go);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&c.reported, HANG_BOUND), 0UL);
	KUNIT_EXPECT_EQ(test, kthread_stop(k), 0);
	KUNIT_EXPECT_TRUE(test, c.pending_before);
	KUNIT_EXPECT_FALSE(test, c.pending_after);
	KUNIT_EXPECT_EQ(test, c.dequeued, 0);
	put_task_struct(k);
}

static struct kunit_case signal_cases[] = {
	KUNIT_CASE(kthread_stop_ends_every_interruptible_sleep),
	KUNIT_CASE(kthread_stop_leaves_killable_and_uninterruptible_sleeps),
	KUNIT_CASE(send_sig_reaches_only_allowed_signals),
	KUNIT_CASE(flush_signals_drops_pending_ones),
	{}
};

static struct kunit_suite signal_suite = {
	.name = "signal",
	.test_cases = signal_cases,
};
kunit_test_suite(signal_suite);
