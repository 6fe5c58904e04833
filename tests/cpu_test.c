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
 *   cpus_read_lock(): shared by tasks, nested within one task (the inner
 *                   unlock keeps the outer hold); add_cpu()/remove_cpu()
 *                   wait for every read section and are refused
 *                   (-EDEADLK) inside one of the caller's own
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
#include <linux/workqueue.h>
#include <linux/cpumask.h>
#include <asm/processor.h>
#include "../kernel/sched/sched.h"
#include "helper.h"
#include <kernel/panic.h>


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

/* ---- cpus_read_lock(): shared, recursive readers; exclusive writers ---- */

struct reader {
	struct completion locked, release;
};

static long hold_read_lock(void *arg)
{
	struct reader *r = arg;

	cpus_read_lock();
	complete(&r->locked);
	wait_for_completion_timeout(&r->release, HANG_BOUND);
	cpus_read_unlock();
	return 0;
}

static long take_read_lock(void *arg)
{
	cpus_read_lock();
	cpus_read_unlock();
	return 1;
}

static void cpus_read_lock_is_shared(struct kunit *test)
{
	struct reader r;
	struct helper holder, second;
	bool shared;

	init_completion(&r.locked);
	init_completion(&r.release);
	helper_start(test, &holder, hold_read_lock, &r, "cpu_t_hold");
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&r.locked, HANG_BOUND), 0UL);
	helper_start(test, &second, take_read_lock, NULL, "cpu_t_second");
	shared = helper_wait(&second);
	KUNIT_EXPECT_TRUE_MSG(test, shared, "a second reader waited for the first");
	complete(&r.release);
	KUNIT_EXPECT_TRUE(test, helper_wait(&holder));
	if (!shared)
		KUNIT_EXPECT_TRUE(test, helper_wait(&second));
	KUNIT_EXPECT_EQ(test, second.ret, 1L);
}

static long hotplug_write(void *arg)
{
	return add_cpu(0);	/* takes the write side on any CPU count; 0: online */
}

/*
 * A nested read section: the inner unlock must not release the outer
 * hold, and a hotplug operation waits until the outer unlock.
 */
static void cpus_read_lock_nests(struct kunit *test)
{
	unsigned long warns = warn_count;
	struct helper w;

	cpus_read_lock();
	cpus_read_lock();
	helper_start(test, &w, hotplug_write, NULL, "cpu_t_writer");
	KUNIT_EXPECT_TRUE(test, blocked_in_d(w.task));
	cpus_read_unlock();
	/* still inside the outer section: the writer stays out */
	msleep(20);
	KUNIT_EXPECT_FALSE_MSG(test, completion_done(&w.done),
			       "hotplug ran inside a cpus_read_lock() section");
	cpus_read_unlock();
	KUNIT_EXPECT_TRUE(test, helper_wait(&w));
	KUNIT_EXPECT_EQ(test, w.ret, 0L);
	KUNIT_EXPECT_EQ(test, warn_count, warns);
}

/* While hotplug runs beside them, a read section sees no CPU come or go. */
struct rw_stress {
	u64 end;
	int cpu;
	atomic_t sections, violations, cycles, running;
	struct completion done;
};

static int read_section_fn(void *arg)
{
	struct rw_stress *st = arg;
	struct cpumask before;

	while (ktime_get_ns() < st->end) {
		cpus_read_lock();
		cpumask_copy(&before, cpu_online_mask);
		udelay(20);
		if (!cpumask_equal(&before, cpu_online_mask))
			atomic_inc(&st->violations);
		cpus_read_unlock();
		atomic_inc(&st->sections);
		cond_resched();
	}
	if (atomic_dec_and_test(&st->running))
		complete(&st->done);
	return 0;
}

static long hotplug_cycles(void *arg)
{
	struct rw_stress *st = arg;
	long err = 0;

	while (!err && ktime_get_ns() < st->end) {
		err = remove_cpu(st->cpu);
		if (!err)
			err = add_cpu(st->cpu);
		if (!err)
			atomic_inc(&st->cycles);
	}
	return err;
}

static void hotplug_excludes_read_sections_on_every_cpu(struct kunit *test)
{
	struct rw_stress *st = kunit_kzalloc(test, sizeof(*st), GFP_KERNEL);
	struct helper writer;
	int cpu, n = 0;

	KUNIT_ASSERT_NOT_NULL(test, st);
	st->cpu = cpumask_last(cpu_online_mask);
	if (st->cpu == 0)
		kunit_skip(test, "needs a second CPU");
	st->end = ktime_get_ns() + 500 * NSEC_PER_MSEC;
	init_completion(&st->done);
	atomic_set(&st->running, 1);
	for_each_online_cpu(cpu) {
		struct task_struct *t = kthread_create(read_section_fn, st, "cpu_t_rd/%d", cpu);

		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t);
		atomic_inc(&st->running);
		wake_up_process(t);	/* not bound: the writer moves them around */
		n++;
	}
	helper_start(test, &writer, hotplug_cycles, st, "cpu_t_hp");
	if (atomic_dec_and_test(&st->running))
		complete(&st->done);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&st->done, HANG_BOUND), 0UL);
	KUNIT_ASSERT_TRUE(test, helper_wait(&writer));
	kunit_info(test, "%d readers: %d sections, %d offline/online cycles", n,
		   atomic_read(&st->sections), atomic_read(&st->cycles));
	KUNIT_EXPECT_EQ(test, writer.ret, 0L);
	KUNIT_EXPECT_EQ(test, atomic_read(&st->violations), 0);
	KUNIT_EXPECT_GT(test, atomic_read(&st->cycles), 0);
	KUNIT_EXPECT_GE(test, atomic_read(&st->sections), n);
	KUNIT_EXPECT_TRUE(test, cpu_online(st->cpu));
}

/* schedule_on_each_cpu() holds the read side while it waits for fn. */
static atomic_t each_cpu_runs;

static void read_locking_fn(struct work_struct *work)
{
	cpus_read_lock();
	atomic_inc(&each_cpu_runs);
	cpus_read_unlock();
}

static long run_on_each_cpu(void *arg)
{
	return schedule_on_each_cpu(read_locking_fn);
}

static void schedule_on_each_cpu_fn_may_take_cpus_read_lock(struct kunit *test)
{
	struct helper h;

	atomic_set(&each_cpu_runs, 0);
	helper_start(test, &h, run_on_each_cpu, NULL, "cpu_t_each");
	KUNIT_ASSERT_TRUE_MSG(test, helper_wait(&h),
			      "schedule_on_each_cpu() deadlocked with its own work items");
	KUNIT_EXPECT_EQ(test, h.ret, 0L);
	KUNIT_EXPECT_EQ(test, atomic_read(&each_cpu_runs), (int)num_online_cpus());
}

/* Misuse: hotplug from inside a read section, unlock without lock, assert. */
static void hotplug_inside_read_section_is_refused(struct kunit *test)
{
	unsigned long warns = warn_count;

	lockdep_assert_cpus_held();		/* not held: WARN (once) */
	KUNIT_EXPECT_GE(test, warn_count, warns);
	cpus_read_lock();
	warns = warn_count;
	lockdep_assert_cpus_held();		/* held: quiet */
	KUNIT_EXPECT_EQ(test, warn_count, warns);
	KUNIT_EXPECT_EQ(test, add_cpu(0), -EDEADLK);	/* would wait for itself */
	KUNIT_EXPECT_EQ(test, warn_count, warns + 1);
	KUNIT_EXPECT_EQ(test, cpus_read_trylock(), 1);	/* nested */
	cpus_read_unlock();
	cpus_read_unlock();
	warns = warn_count;
	cpus_read_unlock();			/* not held: WARN, nothing released */
	KUNIT_EXPECT_EQ(test, warn_count, warns + 1);
	KUNIT_EXPECT_EQ(test, add_cpu(0), 0);
	KUNIT_EXPECT_EQ(test, cpus_read_trylock(), 1);
	cpus_read_unlock();
}

/* Every case may pin the test thread to CPU 0: undo it. */
static void cpu_case_exit(struct kunit *test)
{
	set_cpus_allowed_ptr(current, cpu_possible_mask);
}

static struct kunit_case cpu_cases[] = {
	KUNIT_CASE(stop_work_queued_behind_take_cpu_down_runs),
	KUNIT_CASE(cpus_read_lock_is_shared),
	KUNIT_CASE(cpus_read_lock_nests),
	KUNIT_CASE(hotplug_excludes_read_sections_on_every_cpu),
	KUNIT_CASE(hotplug_inside_read_section_is_refused),
	KUNIT_CASE(schedule_on_each_cpu_fn_may_take_cpus_read_lock),
	{}
};

static struct kunit_suite cpu_suite = {
	.name = "cpu",
	.exit = cpu_case_exit,
	.test_cases = cpu_cases,
};
kunit_test_suite(cpu_suite);
