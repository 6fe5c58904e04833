/*
 * CPU hotplug (kernel/cpu.c) and the per-CPU stopper it drives
 * (kernel/stop_machine.c).
 *
 *   remove_cpu(X):  write-lock cpu_hotplug_lock -> teardown callbacks ->
 *                   park X's smpboot threads -> X not active ->
 *                   take_cpu_down on X's stopper: move X's tasks away,
 *                   disable X's stopper and ask it to park -> the stopper
 *                   runs every work queued before that, then parks ->
 *                   X halts in cpu_play_dead()
 *   stop_one_cpu(X) queued before the disable:  runs (on X) and returns
 *                   its result;  after it: -ENOENT at once
 *
 * Helper threads are bound to CPU 0, never to the CPU under test, and
 * every wait is bounded: a hang is reported as a failure and the setup
 * is undone so the suite goes on.
 */
#include <kunit/test.h>
#include <linux/cpu.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/ktime.h>
#include <linux/smp.h>
#include <linux/atomic.h>
#include <asm/processor.h>
#include "../kernel/sched/sched.h"

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

static int helper_fn(void *data)
{
	struct helper *h = data;

	h->ret = h->fn(h->arg);
	complete(&h->done);
	return 0;
}

static void helper_start(struct kunit *test, struct helper *h, long (*fn)(void *), void *arg,
			 const char *name)
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
static bool helper_wait(struct helper *h)
{
	if (!wait_for_completion_timeout(&h->done, HANG_BOUND))
		return false;
	put_task_struct(h->task);
	return true;
}

/* Is t asleep in D and off its CPU (a helper that reached its wait)? */
static bool blocked_in_d(struct task_struct *t)
{
	return WAIT_FOR(READ_ONCE(t->__state) == TASK_UNINTERRUPTIBLE &&
			wait_task_inactive(t, TASK_UNINTERRUPTIBLE), 5000);
}

/* ---- the stopper across take_cpu_down ---- */

struct strand {
	int cpu;
	struct completion a_running, a_release;
	atomic_t b1_saw_park;
};

/* Work A: occupies the stopper (asleep, so the CPU still runs the others). */
static int occupy_stopper_fn(void *arg)
{
	struct strand *s = arg;

	complete(&s->a_running);
	wait_for_completion_timeout(&s->a_release, HANG_BOUND);
	return 0;
}

/*
 * Work B1, queued behind take_cpu_down: returns only once the stopper has
 * been asked to park, so a stopper that parks with work still queued is
 * caught every time (without it, whether the park request or the next
 * work came first would be a race).
 */
static int until_park_asked_fn(void *arg)
{
	struct strand *s = arg;
	u64 end = ktime_get_ns() + 2 * NSEC_PER_SEC;

	while (!kthread_should_park() && ktime_get_ns() < end)
		cpu_relax();
	atomic_set(&s->b1_saw_park, kthread_should_park());
	return 0;
}

static int answer_fn(void *arg)
{
	return 77;
}

static long queue_a(void *arg)
{
	struct strand *s = arg;

	return stop_one_cpu(s->cpu, occupy_stopper_fn, s);
}

static long queue_b1(void *arg)
{
	struct strand *s = arg;

	return stop_one_cpu(s->cpu, until_park_asked_fn, s);
}

static long queue_b2(void *arg)
{
	struct strand *s = arg;

	return stop_one_cpu(s->cpu, answer_fn, NULL);
}

static long remove_it(void *arg)
{
	return remove_cpu(((struct strand *)arg)->cpu);
}

static void stop_work_queued_behind_take_cpu_down_runs(struct kunit *test)
{
	struct strand s = { .cpu = cpumask_last(cpu_online_mask) };
	struct helper a, rm, b1, b2;
	unsigned long warns = warn_count;
	bool b2_done;

	if (s.cpu == 0)
		kunit_skip(test, "needs a second CPU");
	KUNIT_ASSERT_EQ(test, set_cpus_allowed_ptr(current, cpumask_of(0)), 0);
	init_completion(&s.a_running);
	init_completion(&s.a_release);
	atomic_set(&s.b1_saw_park, 0);

	/* the stopper busy with A; then take_cpu_down, B1, B2 queued behind it */
	helper_start(test, &a, queue_a, &s, "cpu_t_a");
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&s.a_running, HANG_BOUND), 0UL);
	helper_start(test, &rm, remove_it, &s, "cpu_t_rm");
	/* not active is the last step before take_cpu_down is queued */
	if (!WAIT_FOR(!cpu_active(s.cpu), 10000) || !blocked_in_d(rm.task))
		KUNIT_FAIL(test, "remove_cpu(%d) did not reach take_cpu_down", s.cpu);
	helper_start(test, &b1, queue_b1, &s, "cpu_t_b1");
	KUNIT_EXPECT_TRUE(test, blocked_in_d(b1.task));
	helper_start(test, &b2, queue_b2, &s, "cpu_t_b2");
	KUNIT_EXPECT_TRUE(test, blocked_in_d(b2.task));

	complete(&s.a_release);
	KUNIT_EXPECT_TRUE(test, helper_wait(&a));
	KUNIT_EXPECT_TRUE(test, helper_wait(&rm));
	KUNIT_EXPECT_EQ(test, rm.ret, 0L);
	KUNIT_EXPECT_TRUE(test, helper_wait(&b1));
	KUNIT_EXPECT_EQ(test, b1.ret, 0L);
	KUNIT_EXPECT_EQ(test, atomic_read(&s.b1_saw_park), 1);
	b2_done = helper_wait(&b2);
	KUNIT_EXPECT_TRUE_MSG(test, b2_done, "stop work queued before the stopper was disabled "
			      "is stranded while cpu %d is down", s.cpu);
	if (b2_done)
		KUNIT_EXPECT_EQ(test, b2.ret, 77L);
	KUNIT_EXPECT_FALSE(test, cpu_online(s.cpu));
	/* the stopper is disabled now: new work is refused at once */
	KUNIT_EXPECT_EQ(test, stop_one_cpu(s.cpu, answer_fn, NULL), -ENOENT);
	KUNIT_EXPECT_EQ(test, warn_count, warns);

	KUNIT_EXPECT_EQ(test, add_cpu(s.cpu), 0);
	if (!b2_done)	/* the way back runs it: reap the helper */
		helper_wait(&b2);
	KUNIT_EXPECT_EQ(test, stop_one_cpu(s.cpu, answer_fn, NULL), 77);
}

/* Every case may pin the test thread to CPU 0: undo it. */
static void cpu_case_exit(struct kunit *test)
{
	set_cpus_allowed_ptr(current, cpu_possible_mask);
}

static struct kunit_case cpu_cases[] = {
	KUNIT_CASE(stop_work_queued_behind_take_cpu_down_runs),
	{}
};

static struct kunit_suite cpu_suite = {
	.name = "cpu",
	.exit = cpu_case_exit,
	.test_cases = cpu_cases,
};
kunit_test_suite(cpu_suite);
