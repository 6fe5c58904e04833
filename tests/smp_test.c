/*
 * SMP plumbing: per-CPU variables, cross-CPU calls, spinlocks, the tick.
 *
 *   caller --queue csd + IPI--> target runs func in IRQ context --clear LOCK--> caller
 *
 * Each case runs on every CPU count of the matrix; with one CPU the
 * cross-CPU parts degenerate to local calls and are still checked.
 */
#include <kunit/test.h>
#include <asm/time.h>
#include <linux/smp.h>
#include <linux/percpu.h>
#include <linux/spinlock.h>
#include <linux/atomic.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/delay.h>
#include <linux/irqflags.h>
#include <asm/processor.h>
#include <linux/sched.h>
#include <linux/completion.h>
#include <kernel/sched.h>
#include <kernel/panic.h>

static DEFINE_PER_CPU(int, test_pcpu_val);
static DEFINE_PER_CPU(int, test_pcpu_calls);

static void write_own_id(void *arg)
{
	this_cpu_write(test_pcpu_val, smp_processor_id() + 100);
	this_cpu_inc(test_pcpu_calls);
}

static void percpu_variables_are_per_cpu(struct kunit *test)
{
	int cpu, other;

	on_each_cpu(write_own_id, NULL, 1);
	for_each_online_cpu(cpu) {
		KUNIT_EXPECT_EQ(test, per_cpu(test_pcpu_val, cpu), cpu + 100);
		for_each_online_cpu(other)
			if (other != cpu)
				KUNIT_EXPECT_PTR_NE(test, per_cpu_ptr(&test_pcpu_val, cpu),
						    per_cpu_ptr(&test_pcpu_val, other));
	}
	preempt_disable();
	KUNIT_EXPECT_PTR_EQ(test, this_cpu_ptr(&test_pcpu_val),
			    per_cpu_ptr(&test_pcpu_val, smp_processor_id()));
	preempt_enable();
}

static void on_each_cpu_runs_exactly_once_per_cpu(struct kunit *test)
{
	int cpu;

	for (int round = 0; round < 50; round++) {
		for_each_possible_cpu(cpu)
			per_cpu(test_pcpu_calls, cpu) = 0;
		on_each_cpu(write_own_id, NULL, 1);
		for_each_possible_cpu(cpu)
			KUNIT_ASSERT_EQ_MSG(test, per_cpu(test_pcpu_calls, cpu),
					    cpu_online(cpu) ? 1 : 0, "round %d cpu %d", round, cpu);
	}
}

static void record_cpu(void *arg)
{
	*(int *)arg = smp_processor_id();
}

static void call_function_single_runs_on_target(struct kunit *test)
{
	int cpu;

	for_each_online_cpu(cpu) {
		int ran_on = -1;

		KUNIT_EXPECT_EQ(test, smp_call_function_single(cpu, record_cpu, &ran_on, 1), 0);
		KUNIT_EXPECT_EQ(test, ran_on, cpu);
	}
	KUNIT_EXPECT_EQ(test, smp_call_function_single(NR_CPUS - 1 + (num_online_cpus() == NR_CPUS),
						       record_cpu, NULL, 1), -ENXIO);
}

static atomic_t async_hits;
static void count_hit(void *arg) { atomic_inc(&async_hits); }

static void async_calls_all_delivered(struct kunit *test)
{
	int cpu, n = 0;
	u64 deadline;

	atomic_set(&async_hits, 0);
	for (int i = 0; i < 200; i++)
		for_each_online_cpu(cpu) {
			smp_call_function_single(cpu, count_hit, NULL, 0);
			n++;
		}
	deadline = ktime_get_ns() + NSEC_PER_SEC;
	while (atomic_read(&async_hits) < n && ktime_get_ns() < deadline)
		cpu_relax();
	KUNIT_EXPECT_EQ(test, atomic_read(&async_hits), n);
}

/*
 * Mutual exclusion: every CPU increments a plain (non-atomic) counter
 * under the lock for a bounded time, counting its own increments; a lost
 * update would make the shared counter fall short of the sum.
 */
#define HAMMER_NS (200 * NSEC_PER_MSEC)
static DEFINE_SPINLOCK(test_lock);
static unsigned long plain_counter;
static DEFINE_PER_CPU(unsigned long, hammer_count);

static void hammer_lock(void *arg)
{
	u64 end = *(u64 *)arg;
	unsigned long n = 0;

	while (ktime_get_ns() < end) {
		for (int i = 0; i < 16; i++) {
			spin_lock(&test_lock);
			plain_counter = READ_ONCE(plain_counter) + 1;
			spin_unlock(&test_lock);
		}
		n += 16;
	}
	this_cpu_write(hammer_count, n);
}

static void spinlock_mutual_exclusion_exact_count(struct kunit *test)
{
	u64 end = ktime_get_ns() + HAMMER_NS;
	unsigned long sum = 0;
	int cpu;

	plain_counter = 0;
	on_each_cpu(hammer_lock, &end, 1);
	for_each_online_cpu(cpu) {
		KUNIT_EXPECT_GT(test, per_cpu(hammer_count, cpu), 0UL);
		sum += per_cpu(hammer_count, cpu);
	}
	kunit_info(test, "%lu acquisitions by %u CPUs", sum, num_online_cpus());
	KUNIT_EXPECT_EQ(test, plain_counter, sum);
	KUNIT_EXPECT_FALSE(test, spin_is_locked(&test_lock));
}

static void spinlock_irqsave_restores_state(struct kunit *test)
{
	unsigned long flags;

	KUNIT_ASSERT_FALSE(test, irqs_disabled());
	spin_lock_irqsave(&test_lock, flags);
	KUNIT_EXPECT_TRUE(test, irqs_disabled());
	KUNIT_EXPECT_TRUE(test, spin_is_locked(&test_lock));
	KUNIT_EXPECT_EQ(test, preempt_count() & PREEMPT_MASK, 1);
	KUNIT_EXPECT_FALSE(test, spin_trylock(&test_lock));
	spin_unlock_irqrestore(&test_lock, flags);
	KUNIT_EXPECT_FALSE(test, irqs_disabled());
	KUNIT_EXPECT_EQ(test, preempt_count(), 0);
	KUNIT_EXPECT_TRUE(test, spin_trylock(&test_lock));
	spin_unlock(&test_lock);
}

static __maybe_unused void unlock_other_cpu(void *arg)
{
	do_raw_spin_unlock(&((spinlock_t *)arg)->rlock);
}

static void spinlock_unlock_by_non_owner_reported(struct kunit *test)
{
#ifdef CONFIG_DEBUG_KERNEL
	static DEFINE_SPINLOCK(l);
	unsigned long warns = warn_count;
	int this_cpu, target;

	if (num_online_cpus() < 2)
		kunit_skip(test, "needs 2 CPUs");
	this_cpu = get_cpu();		/* stay here while "owning" the lock */
	target = cpumask_first(cpu_online_mask) == this_cpu ?
		 cpumask_next(this_cpu, cpu_online_mask) : cpumask_first(cpu_online_mask);
	/* the raw operations: no preempt_count on either side to unbalance */
	do_raw_spin_lock(&l.rlock);
	smp_call_function_single(target, unlock_other_cpu, &l, 1);
	put_cpu();
	KUNIT_EXPECT_EQ(test, warn_count, warns + 1);
	KUNIT_EXPECT_FALSE(test, spin_is_locked(&l));
#else
	kunit_skip(test, "debug build only");
#endif
}

/* A busy CPU ticks (idle ones may stop their tick): busy each CPU 50 ms. */
struct tick_probe {
	unsigned long delta;
	struct completion done;
};

static int busy_ticks_fn(void *arg)
{
	struct tick_probe *t = arg;
	unsigned long before = this_cpu_read(tick_count);

	mdelay(50);		/* busy, interrupts on, pinned to its CPU */
	t->delta = this_cpu_read(tick_count) - before;
	complete(&t->done);
	return 0;
}

static void tick_advances_on_every_busy_cpu(struct kunit *test)
{
	struct tick_probe *t = kunit_kcalloc(test, NR_CPUS, sizeof(*t), GFP_KERNEL);
	int cpu;

	KUNIT_ASSERT_NOT_NULL(test, t);
	for_each_online_cpu(cpu) {
		struct task_struct *p = create_task(busy_ticks_fn, &t[cpu], "ticker", PF_KTHREAD);

		KUNIT_ASSERT_FALSE(test, IS_ERR(p));
		init_completion(&t[cpu].done);
		do_set_cpus_allowed(p, cpumask_of(cpu));
		p->cpu = cpu;
		wake_up_new_task(p);
	}
	for_each_online_cpu(cpu) {
		KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&t[cpu].done, 2 * HZ), 0UL);
		/* 50 ticks at HZ=1000; TCG may deliver late, never not at all */
		KUNIT_EXPECT_GE_MSG(test, t[cpu].delta, 10UL, "cpu %d", cpu);
		KUNIT_EXPECT_LE_MSG(test, t[cpu].delta, 80UL, "cpu %d", cpu);
	}
}

/*
 * Read jiffies and ktime right after this CPU's next tick, which brought
 * jiffies up to date: a tick the host delays would otherwise show up as
 * jiffies lagging, which is the host's doing, not the kernel's.
 */
static void sample_after_tick(unsigned long *j, u64 *t)
{
	unsigned long c;

	preempt_disable();
	c = this_cpu_read(tick_count);
	while (this_cpu_read(tick_count) == c)
		cpu_relax();
	*j = jiffies;
	*t = ktime_get_ns();
	preempt_enable();
}

static void jiffies_follow_ktime(struct kunit *test)
{
	unsigned long j0, j1;
	u64 t0, t1, dt;
	long dj;

	sample_after_tick(&j0, &t0);
	mdelay(100);
	sample_after_tick(&j1, &t1);
	dj = (long)(j1 - j0);
	dt = t1 - t0;
	KUNIT_EXPECT_GE(test, dt, 100ULL * NSEC_PER_MSEC);
	/* jiffies follow ktime: within two jiffies of the elapsed milliseconds */
	KUNIT_EXPECT_LE(test, dj, (long)(dt / NSEC_PER_MSEC) + 2);
	KUNIT_EXPECT_GE(test, dj, (long)(dt / NSEC_PER_MSEC) - 2);
	KUNIT_EXPECT_TRUE(test, time_after(jiffies, j0));
}

static void udelay_and_ktime_agree(struct kunit *test)
{
	u64 prev = ktime_get_ns();

	for (int i = 0; i < 1000; i++) {
		u64 now = ktime_get_ns();
		KUNIT_ASSERT_GE(test, now, prev);
		prev = now;
	}
	prev = ktime_get_ns();
	udelay(2000);
	KUNIT_EXPECT_GE(test, ktime_get_ns() - prev, 2000ULL * NSEC_PER_USEC);
}

static struct kunit_case smp_cases[] = {
	KUNIT_CASE(percpu_variables_are_per_cpu),
	KUNIT_CASE(on_each_cpu_runs_exactly_once_per_cpu),
	KUNIT_CASE(call_function_single_runs_on_target),
	KUNIT_CASE(async_calls_all_delivered),
	KUNIT_CASE(spinlock_mutual_exclusion_exact_count),
	KUNIT_CASE(spinlock_irqsave_restores_state),
	KUNIT_CASE(spinlock_unlock_by_non_owner_reported),
	KUNIT_CASE(tick_advances_on_every_busy_cpu),
	KUNIT_CASE(jiffies_follow_ktime),
	KUNIT_CASE(udelay_and_ktime_agree),
	{}
};

static struct kunit_suite smp_suite = {
	.name = "smp",
	.test_cases = smp_cases,
};
kunit_test_suite(smp_suite);
