/*
 * Completions and wait queues, with Linux's semantics.
 *
 *   completion:  done = 0 --complete--> 1 --wait--> 0  (one event, one waiter)
 *                any --complete_all--> "all" (every waiter passes, until
 *                reinit_completion)
 *   wait queue:  waiter: prepare (queue + state) -> check -> schedule
 *                waker:  condition = true -> wake_up (1 exclusive) / wake_up_all
 *
 * Waiters are separate tasks; every wait is bounded.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/wait.h>
#include <linux/sched.h>
#include <linux/delay.h>
#include <linux/ktime.h>
#include <linux/atomic.h>
#include <kernel/sched.h>

struct waiter_ctx {
	struct completion *c;
	struct wait_queue_head *wq;
	int *cond;
	atomic_t *woken;
	bool exclusive;
	struct completion exited;
};

static int completion_waiter(void *arg)
{
	struct waiter_ctx *w = arg;

	wait_for_completion(w->c);
	atomic_inc(w->woken);
	return 0;
}

static int wq_waiter(void *arg)
{
	struct waiter_ctx *w = arg;

	if (w->exclusive)
		wait_event_exclusive(*w->wq, READ_ONCE(*w->cond) > 0);
	else
		wait_event(*w->wq, READ_ONCE(*w->cond) > 0);
	if (w->exclusive)
		__atomic_fetch_sub(w->cond, 1, __ATOMIC_SEQ_CST);	/* consume one token */
	atomic_inc(w->woken);
	return 0;
}

static void start(struct kunit *test, struct waiter_ctx *w, int (*fn)(void *))
{
	struct task_struct *p = create_task(fn, w, "waiter", PF_KTHREAD);

	KUNIT_ASSERT_FALSE(test, IS_ERR(p));
	init_completion(&w->exited);
	p->vfork_done = &w->exited;
	wake_up_new_task(p);
}

static bool exited(struct waiter_ctx *w, unsigned int ms)
{
	return wait_for_completion_timeout(&w->exited, msecs_to_jiffies(ms)) != 0;
}

static void wait_until(atomic_t *v, int want, unsigned int ms)
{
	u64 end = ktime_get_ns() + (u64)ms * NSEC_PER_MSEC;

	while (atomic_read(v) < want && ktime_get_ns() < end)
		msleep(1);
}

static void complete_before_wait_does_not_block(struct kunit *test)
{
	DECLARE_COMPLETION_ONSTACK(c);

	complete(&c);
	KUNIT_EXPECT_TRUE(test, completion_done(&c));
	KUNIT_EXPECT_NE(test, wait_for_completion_timeout(&c, 1), 0UL);
	KUNIT_EXPECT_FALSE(test, completion_done(&c));
	KUNIT_EXPECT_FALSE(test, try_wait_for_completion(&c));
	complete(&c);
	complete(&c);
	KUNIT_EXPECT_TRUE(test, try_wait_for_completion(&c));
	KUNIT_EXPECT_TRUE(test, try_wait_for_completion(&c));
	KUNIT_EXPECT_FALSE(test, try_wait_for_completion(&c));
}

static void completion_timeout_returns_zero(struct kunit *test)
{
	DECLARE_COMPLETION_ONSTACK(c);
	u64 t0 = ktime_get_ns();

	KUNIT_EXPECT_EQ(test, wait_for_completion_timeout(&c, msecs_to_jiffies(20)), 0UL);
	KUNIT_EXPECT_GE(test, ktime_get_ns() - t0, 19ULL * NSEC_PER_MSEC);
	KUNIT_EXPECT_EQ(test, wait_for_completion_interruptible_timeout(&c, 2), 0L);
}

static void complete_wakes_exactly_one_waiter(struct kunit *test)
{
	DECLARE_COMPLETION_ONSTACK(c);
	atomic_t woken = ATOMIC_INIT(0);
	struct waiter_ctx w[3];

	for (int i = 0; i < 3; i++) {
		w[i] = (struct waiter_ctx){ .c = &c, .woken = &woken };
		start(test, &w[i], completion_waiter);
	}
	msleep(20);
	KUNIT_EXPECT_EQ(test, atomic_read(&woken), 0);
	complete(&c);
	wait_until(&woken, 1, 1000);
	msleep(20);
	KUNIT_EXPECT_EQ(test, atomic_read(&woken), 1);
	complete(&c);
	complete(&c);
	wait_until(&woken, 3, 1000);
	KUNIT_EXPECT_EQ(test, atomic_read(&woken), 3);
	for (int i = 0; i < 3; i++)
		KUNIT_EXPECT_TRUE(test, exited(&w[i], 1000));
}

static void complete_all_releases_present_and_future_waiters(struct kunit *test)
{
	DECLARE_COMPLETION_ONSTACK(c);
	atomic_t woken = ATOMIC_INIT(0);
	struct waiter_ctx w[4];

	for (int i = 0; i < 4; i++) {
		w[i] = (struct waiter_ctx){ .c = &c, .woken = &woken };
		start(test, &w[i], completion_waiter);
	}
	msleep(20);
	complete_all(&c);
	wait_until(&woken, 4, 1000);
	KUNIT_EXPECT_EQ(test, atomic_read(&woken), 4);
	/* later waiters pass too, without consuming anything */
	KUNIT_EXPECT_NE(test, wait_for_completion_timeout(&c, 1), 0UL);
	KUNIT_EXPECT_NE(test, wait_for_completion_timeout(&c, 1), 0UL);
	KUNIT_EXPECT_TRUE(test, completion_done(&c));
	reinit_completion(&c);
	KUNIT_EXPECT_FALSE(test, completion_done(&c));
	KUNIT_EXPECT_EQ(test, wait_for_completion_timeout(&c, 2), 0UL);
	for (int i = 0; i < 4; i++)
		KUNIT_EXPECT_TRUE(test, exited(&w[i], 1000));
}

static void wait_event_sees_condition_set_before_wake(struct kunit *test)
{
	DECLARE_WAIT_QUEUE_HEAD(wq);
	atomic_t woken = ATOMIC_INIT(0);
	int cond = 0;
	struct waiter_ctx w = { .wq = &wq, .cond = &cond, .woken = &woken };

	start(test, &w, wq_waiter);
	msleep(20);
	KUNIT_EXPECT_EQ(test, atomic_read(&woken), 0);
	wake_up(&wq);			/* condition still false: the waiter sleeps on */
	msleep(20);
	KUNIT_EXPECT_EQ(test, atomic_read(&woken), 0);
	WRITE_ONCE(cond, 1);
	wake_up(&wq);
	KUNIT_EXPECT_TRUE(test, exited(&w, 1000));
	KUNIT_EXPECT_EQ(test, atomic_read(&woken), 1);
	KUNIT_EXPECT_FALSE(test, waitqueue_active(&wq));
}

static void exclusive_waiters_woken_one_per_wake_up(struct kunit *test)
{
	DECLARE_WAIT_QUEUE_HEAD(wq);
	atomic_t woken = ATOMIC_INIT(0);
	int tokens = 0;
	struct waiter_ctx w[3];

	for (int i = 0; i < 3; i++) {
		w[i] = (struct waiter_ctx){ .wq = &wq, .cond = &tokens, .woken = &woken,
					    .exclusive = true };
		start(test, &w[i], wq_waiter);
	}
	msleep(30);
	__atomic_fetch_add(&tokens, 1, __ATOMIC_SEQ_CST);
	wake_up(&wq);
	wait_until(&woken, 1, 1000);
	msleep(20);
	KUNIT_EXPECT_EQ(test, atomic_read(&woken), 1);
	__atomic_fetch_add(&tokens, 2, __ATOMIC_SEQ_CST);
	wake_up_all(&wq);
	wait_until(&woken, 3, 1000);
	KUNIT_EXPECT_EQ(test, atomic_read(&woken), 3);
	for (int i = 0; i < 3; i++)
		KUNIT_EXPECT_TRUE(test, exited(&w[i], 1000));
}

static void wait_event_timeout_semantics(struct kunit *test)
{
	DECLARE_WAIT_QUEUE_HEAD(wq);
	int cond = 0;
	long ret;
	u64 t0 = ktime_get_ns();

	ret = wait_event_timeout(wq, READ_ONCE(cond), msecs_to_jiffies(20));
	KUNIT_EXPECT_EQ(test, ret, 0L);
	KUNIT_EXPECT_GE(test, ktime_get_ns() - t0, 19ULL * NSEC_PER_MSEC);
	cond = 1;
	ret = wait_event_timeout(wq, READ_ONCE(cond), 50);
	KUNIT_EXPECT_EQ(test, ret, 50L);	/* true at once: the whole timeout left */
	ret = wait_event_interruptible_timeout(wq, READ_ONCE(cond), 0);
	KUNIT_EXPECT_EQ(test, ret, 1L);		/* true at the deadline still counts */
}

static struct kunit_case wait_cases[] = {
	KUNIT_CASE(complete_before_wait_does_not_block),
	KUNIT_CASE(completion_timeout_returns_zero),
	KUNIT_CASE(complete_wakes_exactly_one_waiter),
	KUNIT_CASE(complete_all_releases_present_and_future_waiters),
	KUNIT_CASE(wait_event_sees_condition_set_before_wake),
	KUNIT_CASE(exclusive_waiters_woken_one_per_wake_up),
	KUNIT_CASE(wait_event_timeout_semantics),
	{}
};

static struct kunit_suite wait_suite = {
	.name = "wait",
	.test_cases = wait_cases,
};
kunit_test_suite(wait_suite);
