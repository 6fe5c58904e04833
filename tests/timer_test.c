/*
 * Timers and sleeping: kernel/time/timer.c and kernel/time/sleep.c.
 *
 *   idle --mod_timer/add_timer(_on)--> pending --expiry (softirq, arming CPU)--> running
 *    ^ ^                                 |  |                                      |
 *    | +-------del_timer: returns 1------+  +--mod_timer: returns 1, new expiry    |
 *    +----------------------------------- callback returns (or re-arms) -----------+
 *
 * Covered: a timer fires once, not before its expiry, on the CPU that
 * armed it (add_timer_on: the CPU named), in softirq context with
 * interrupts on (TIMER_IRQSAFE: off); mod_timer/mod_timer_pending/
 * timer_reduce/del_timer return values; del_timer of a pending timer
 * means no callback; del_timer_sync waits for a callback running on
 * another CPU (also one that add_timer_on moved away, and one re-armed by
 * mod_timer from elsewhere, which stays on the running CPU), stops a
 * self-re-arming timer, and WARNs instead of deadlocking in the timer's
 * own callback; timer_shutdown_sync makes re-arms no-ops; a callback may
 * free its timer; timers beyond one wheel lap fire on time;
 * timers_migrate_cpu moves pending timers; every CPU hammering shared
 * timers never runs one callback twice at once and leaves no timer queued.
 *
 * Sleeping: schedule_timeout returns 0 on expiry and the remaining jiffies
 * on an early wake-up (MAX_SCHEDULE_TIMEOUT: no timer), WARNs on a
 * negative timeout; msleep(10) takes 10 to 12 ms; usleep_range and fsleep
 * sleep at least their minimum.
 *
 * Waits for callbacks are busy-polls bounded by ktime_get_ns(), so a timer
 * that never fires fails the case instead of hanging it.  Test timers are
 * static and shut down by the suite's exit hook even when a case aborts.
 */
#include <kunit/test.h>
#include <asm/time.h>
#include "leak.h"

#include <linux/timer.h>
#include <linux/sched.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/smp.h>
#include <linux/cpumask.h>
#include <linux/percpu.h>
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/interrupt.h>
#include <linux/irqflags.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <asm/processor.h>
#include <kernel/sched.h>
#include <kernel/panic.h>

/* Busy-wait (ticks and softirqs still run) until cond or ms elapsed.  Return: cond. */
#define poll_until(cond, ms) ({						\
	u64 __end = ktime_get_ns() + (u64)(ms) * NSEC_PER_MSEC;		\
	bool __ok;							\
	while (!(__ok = (cond)) && ktime_get_ns() < __end)		\
		cpu_relax();						\
	__ok; })

static void busy_ms(unsigned int ms)
{
	u64 end = ktime_get_ns() + (u64)ms * NSEC_PER_MSEC;

	while (ktime_get_ns() < end)
		cpu_relax();
}

/* Every base's internal consistency (timer_base_verify() names a fault). */
static void expect_bases_consistent(struct kunit *test)
{
	int cpu;

	for_each_possible_cpu(cpu)
		KUNIT_EXPECT_EQ_MSG(test, timer_base_verify(cpu), 0, "CPU %d's timer base", cpu);
}

/* Some online CPU other than @cpu, or @cpu itself on a uniprocessor. */
static int other_cpu(int cpu)
{
	int o;

	for_each_online_cpu(o)
		if (o != cpu)
			return o;
	return cpu;
}

/* ---- a probe timer that records how and where it ran ---- */

struct probe {
	struct timer_list timer;
	atomic_t fired;
	atomic_t running;		/* callbacks in progress */
	atomic_t overlap;		/* a callback started while one ran */
	int cpu;			/* CPU of the last callback */
	unsigned long fired_at;		/* jiffies at the last callback */
	unsigned long fired_tick;	/* its CPU's tick_count then */
	bool ctx_ok;			/* softirq, not hardirq; irqs as expected */
	unsigned int spin_ms;		/* busy time inside the callback */
	int rearm;			/* 1: mod_timer(+1); 2: add_timer_on(next CPU) */
	volatile bool stop_rearm;
	volatile bool started, finished;
	int delete_self;		/* call del_timer_sync on itself */
};

static struct probe probes[4];

static void probe_fn(struct timer_list *t)
{
	struct probe *p = from_timer(p, t, timer);
	bool want_irqs_off = t->flags & TIMER_IRQSAFE;

	if (atomic_inc_return(&p->running) > 1)
		atomic_inc(&p->overlap);
	p->started = true;
	p->cpu = smp_processor_id();
	p->fired_at = jiffies;
	p->fired_tick = this_cpu_read(tick_count);
	p->ctx_ok = in_softirq() && !in_hardirq() && !!irqs_disabled() == want_irqs_off;
	if (p->spin_ms)
		mdelay(p->spin_ms);
	if (p->delete_self)
		del_timer_sync(t);
	if (p->rearm == 1 && !p->stop_rearm)
		mod_timer(t, jiffies + 1);
	if (p->rearm == 2 && !p->stop_rearm) {
		int next = cpumask_next(smp_processor_id(), cpu_online_mask);

		if (next >= NR_CPUS)
			next = cpumask_first(cpu_online_mask);
		t->expires = jiffies + 1;
		add_timer_on(t, next);
	}
	p->finished = true;
	atomic_inc(&p->fired);
	atomic_dec(&p->running);
}

/* A fresh probe; one still armed from a failed case is shut down first. */
static struct probe *probe_init(int i, unsigned int flags)
{
	struct probe *p = &probes[i];

	p->stop_rearm = true;
	if (p->timer.function || timer_pending(&p->timer))
		timer_shutdown_sync(&p->timer);
	memset(p, 0, sizeof(*p));
	timer_setup(&p->timer, probe_fn, flags);
	return p;
}

/* Arm in hard-IRQ context on the target CPU (smp_call_function_single). */
struct arm_req {
	struct probe *p;
	unsigned long delay;
	unsigned long expires;
	unsigned long tick;		/* the arming CPU's tick_count when armed */
	int ret;
};

static void arm_here(void *arg)
{
	struct arm_req *r = arg;

	r->tick = this_cpu_read(tick_count);
	r->expires = jiffies + r->delay;
	r->ret = mod_timer(&r->p->timer, r->expires);
}

static void timer_suite_exit(struct kunit *test)
{
	for (int i = 0; i < (int)ARRAY_SIZE(probes); i++) {
		probes[i].stop_rearm = true;
		if (probes[i].timer.function || timer_pending(&probes[i].timer))
			timer_shutdown_sync(&probes[i].timer);
	}
}

/* ---- firing ---- */

static void timer_fires_once_after_expiry_on_arming_cpu(struct kunit *test)
{
	int cpu;

	for_each_online_cpu(cpu) {
		struct probe *p = probe_init(0, 0);
		struct arm_req r = { .p = p, .delay = 5 };

		KUNIT_ASSERT_EQ(test, smp_call_function_single(cpu, arm_here, &r, 1), 0);
		KUNIT_EXPECT_EQ(test, r.ret, 0);
		/* pending, unless a host hiccup let its 5 jiffies pass already */
		KUNIT_EXPECT_TRUE(test, timer_pending(&p->timer) || atomic_read(&p->fired) > 0);
		KUNIT_EXPECT_TRUE_MSG(test, poll_until(atomic_read(&p->fired) > 0, 1000),
				      "timer armed on CPU %d never fired", cpu);
		busy_ms(15);		/* a second firing would show now */
		KUNIT_EXPECT_EQ(test, atomic_read(&p->fired), 1);
		KUNIT_EXPECT_EQ(test, p->cpu, cpu);
		KUNIT_EXPECT_TRUE_MSG(test, time_after_eq(p->fired_at, r.expires),
				      "fired at jiffy %lu, before its expiry %lu", p->fired_at, r.expires);
		/*
		 * Not late: it runs at the first tick of its CPU that finds it
		 * expired.  Either count shows that: in jiffies (at most two
		 * late), or in that CPU's ticks since arming (at most one over
		 * the delay).  Each is blurred by the host in its own way: a
		 * vCPU left unscheduled takes its next tick late, with jiffies
		 * (from ktime) jumping past the expiry; QEMU then delivers the
		 * missed LAPIC ticks in a burst.  A timer the kernel really
		 * missed is late by both.
		 */
		KUNIT_EXPECT_TRUE_MSG(test, p->fired_tick - r.tick <= r.delay + 1 ||
					    p->fired_at - r.expires <= 2,
				      "CPU %d: late by %lu jiffies and %lu ticks", cpu,
				      p->fired_at - r.expires, p->fired_tick - r.tick - r.delay);
		KUNIT_EXPECT_TRUE(test, p->ctx_ok);
		KUNIT_EXPECT_FALSE(test, timer_pending(&p->timer));
	}
}

static void irqsafe_timer_runs_with_interrupts_off(struct kunit *test)
{
	struct probe *p = probe_init(0, TIMER_IRQSAFE);

	mod_timer(&p->timer, jiffies + 1);
	KUNIT_ASSERT_TRUE(test, poll_until(atomic_read(&p->fired) > 0, 1000));
	KUNIT_EXPECT_TRUE(test, p->ctx_ok);
}

static void add_timer_on_runs_on_that_cpu(struct kunit *test)
{
	int cpu;

	for_each_online_cpu(cpu) {
		struct probe *p = probe_init(0, 0);

		p->timer.expires = jiffies + 2;
		add_timer_on(&p->timer, cpu);
		KUNIT_EXPECT_TRUE(test, poll_until(atomic_read(&p->fired) > 0, 1000));
		KUNIT_EXPECT_EQ(test, p->cpu, cpu);
		KUNIT_EXPECT_EQ(test, atomic_read(&p->fired), 1);
	}
}

static void timer_beyond_one_wheel_lap_fires_on_time(struct kunit *test)
{
	struct probe *p = probe_init(0, 0);
	unsigned long expires = jiffies + 300;

	mod_timer(&p->timer, expires);
	KUNIT_EXPECT_TRUE(test, poll_until(atomic_read(&p->fired) > 0, 2000));
	KUNIT_EXPECT_TRUE(test, time_after_eq(p->fired_at, expires));
	KUNIT_EXPECT_LE(test, p->fired_at - expires, 10UL);
}

static void expired_timer_fires_at_next_tick(struct kunit *test)
{
	struct probe *p = probe_init(0, 0);
	unsigned long now = jiffies;

	mod_timer(&p->timer, now - 100);	/* already in the past */
	KUNIT_EXPECT_TRUE(test, poll_until(atomic_read(&p->fired) > 0, 1000));
	KUNIT_EXPECT_LE(test, p->fired_at - now, 10UL);
}

/* ---- return values ---- */

static void mod_timer_returns_whether_it_was_pending(struct kunit *test)
{
	struct probe *p = probe_init(0, 0);
	unsigned long base = jiffies;
	struct timer_list *t = &p->timer;

	KUNIT_EXPECT_EQ(test, mod_timer(t, base + 1000), 0);
	KUNIT_EXPECT_TRUE(test, timer_pending(t));
	KUNIT_EXPECT_EQ(test, mod_timer(t, base + 2000), 1);
	KUNIT_EXPECT_EQ(test, t->expires, base + 2000);
	KUNIT_EXPECT_EQ(test, mod_timer(t, base + 2000), 1);	/* same expiry */

	/* timer_reduce only ever moves the expiry earlier */
	KUNIT_EXPECT_EQ(test, timer_reduce(t, base + 3000), 1);
	KUNIT_EXPECT_EQ(test, t->expires, base + 2000);
	KUNIT_EXPECT_EQ(test, timer_reduce(t, base + 1500), 1);
	KUNIT_EXPECT_EQ(test, t->expires, base + 1500);

	KUNIT_EXPECT_EQ(test, mod_timer_pending(t, base + 1200), 1);
	KUNIT_EXPECT_EQ(test, t->expires, base + 1200);

	KUNIT_EXPECT_EQ(test, del_timer(t), 1);
	KUNIT_EXPECT_FALSE(test, timer_pending(t));
	KUNIT_EXPECT_EQ(test, del_timer(t), 0);
	KUNIT_EXPECT_EQ(test, timer_delete(t), 0);

	/* on an idle timer: mod_timer_pending does nothing, timer_reduce arms */
	KUNIT_EXPECT_EQ(test, mod_timer_pending(t, base + 1000), 0);
	KUNIT_EXPECT_FALSE(test, timer_pending(t));
	KUNIT_EXPECT_EQ(test, timer_reduce(t, base + 1000), 0);
	KUNIT_EXPECT_TRUE(test, timer_pending(t));
	KUNIT_EXPECT_EQ(test, try_to_del_timer_sync(t), 1);
	KUNIT_EXPECT_EQ(test, try_to_del_timer_sync(t), 0);
	KUNIT_EXPECT_EQ(test, del_timer_sync(t), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&p->fired), 0);
}

static void del_timer_of_pending_timer_prevents_callback(struct kunit *test)
{
	struct probe *p = probe_init(0, 0);
	unsigned long flags, before, armed, after;
	int cpu;

	/* interrupts off: no expiry on this CPU changes its count meanwhile */
	local_irq_save(flags);
	cpu = smp_processor_id();
	before = timer_base_nr_pending(cpu);
	mod_timer(&p->timer, jiffies + 10);
	armed = timer_base_nr_pending(cpu);
	KUNIT_EXPECT_EQ(test, del_timer(&p->timer), 1);
	after = timer_base_nr_pending(cpu);
	local_irq_restore(flags);
	KUNIT_EXPECT_EQ(test, armed, before + 1);
	KUNIT_EXPECT_EQ(test, after, before);
	busy_ms(30);
	KUNIT_EXPECT_EQ(test, atomic_read(&p->fired), 0);
	expect_bases_consistent(test);
}

static void add_timer_of_pending_timer_warns(struct kunit *test)
{
	struct probe *p = probe_init(0, 0);
	unsigned long warns = warn_count;

	p->timer.expires = jiffies + 1000;
	add_timer(&p->timer);
	p->timer.expires = jiffies + 10;
	add_timer(&p->timer);		/* WARN_ON_ONCE: at most one report per boot */
	KUNIT_EXPECT_LE(test, warn_count - warns, 1UL);
	KUNIT_EXPECT_TRUE(test, timer_pending(&p->timer));
	KUNIT_EXPECT_EQ(test, del_timer(&p->timer), 1);
}

/* ---- del_timer_sync ---- */

/*
 * Start p's callback (busy for 20 ms) on a CPU other than the caller's and
 * wait until it runs there.  Sets *cpu to the caller's CPU (it may move
 * later; it is only "not the other one").  Return: the other CPU.  Skips
 * the case on a uniprocessor.
 */
static int callback_running_elsewhere(struct kunit *test, struct probe *p, int *cpu)
{
	int other;

	preempt_disable();
	*cpu = smp_processor_id();
	other = other_cpu(*cpu);
	preempt_enable();
	if (other == *cpu)
		kunit_skip(test, "needs 2 CPUs");
	p->spin_ms = 20;
	p->timer.expires = jiffies;
	add_timer_on(&p->timer, other);
	KUNIT_ASSERT_TRUE(test, poll_until(p->started, 1000));
	return other;
}

static void del_timer_sync_waits_for_running_callback(struct kunit *test)
{
	struct probe *p = probe_init(0, 0);
	u64 t0, waited;
	int ret, cpu, other;

	other = callback_running_elsewhere(test, p, &cpu);
	t0 = ktime_get_ns();
	ret = del_timer_sync(&p->timer);
	waited = ktime_get_ns() - t0;
	KUNIT_EXPECT_EQ(test, ret, 0);
	KUNIT_EXPECT_TRUE_MSG(test, p->finished, "del_timer_sync returned while the callback ran");
	KUNIT_EXPECT_EQ(test, atomic_read(&p->running), 0);
	kunit_info(test, "waited %llu us for the callback on CPU %d", waited / 1000, other);
}

static void mod_timer_of_running_timer_stays_on_its_cpu_and_sync_waits(struct kunit *test)
{
	struct probe *p = probe_init(0, 0);
	int cpu, other = callback_running_elsewhere(test, p, &cpu);

	/* re-armed from here while running there: it must stay there */
	KUNIT_EXPECT_EQ(test, mod_timer(&p->timer, jiffies + 1000), 0);
	KUNIT_EXPECT_EQ(test, p->timer.flags & TIMER_CPUMASK, (u32)other);
	KUNIT_EXPECT_GE(test, timer_base_nr_pending(other), 1UL);
	KUNIT_EXPECT_EQ(test, del_timer_sync(&p->timer), 1);
	KUNIT_EXPECT_TRUE(test, p->finished);
	KUNIT_EXPECT_EQ(test, atomic_read(&p->fired), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&p->overlap), 0);
}

static void del_timer_sync_waits_for_callback_moved_by_add_timer_on(struct kunit *test)
{
	struct probe *p = probe_init(0, 0);
	int cpu;

	callback_running_elsewhere(test, p, &cpu);
	/* moved to this CPU while its callback still runs on the other */
	p->timer.expires = jiffies + 1000;
	add_timer_on(&p->timer, cpu);
	KUNIT_EXPECT_EQ(test, p->timer.flags & TIMER_CPUMASK, (u32)cpu);
	KUNIT_EXPECT_EQ(test, del_timer_sync(&p->timer), 1);
	KUNIT_EXPECT_TRUE_MSG(test, p->finished,
			      "del_timer_sync returned while the moved timer's callback ran");
}

static void del_timer_sync_stops_self_rearming_timer(struct kunit *test)
{
	for (int mode = 1; mode <= 2; mode++) {
		struct probe *p = probe_init(0, 0);
		int fired;

		p->rearm = mode;	/* 1: mod_timer(+1) here; 2: add_timer_on(next CPU) */
		p->spin_ms = 1;
		mod_timer(&p->timer, jiffies + 1);
		KUNIT_EXPECT_TRUE(test, poll_until(atomic_read(&p->fired) >= 10, 2000));
		KUNIT_EXPECT_GE(test, del_timer_sync(&p->timer), 0);
		KUNIT_EXPECT_FALSE(test, timer_pending(&p->timer));
		KUNIT_EXPECT_EQ(test, atomic_read(&p->running), 0);
		fired = atomic_read(&p->fired);
		busy_ms(20);
		KUNIT_EXPECT_EQ_MSG(test, atomic_read(&p->fired), fired,
				    "mode %d: the timer ran after del_timer_sync", mode);
		if (mode == 1)
			KUNIT_EXPECT_EQ(test, atomic_read(&p->overlap), 0);
		kunit_info(test, "mode %d: %d runs before del_timer_sync", mode, fired);
	}
}

static void del_timer_sync_from_own_callback_warns_instead_of_deadlock(struct kunit *test)
{
	struct probe *p = probe_init(0, 0);
	unsigned long warns = warn_count;

	p->delete_self = 1;
	mod_timer(&p->timer, jiffies + 1);
	KUNIT_ASSERT_TRUE(test, poll_until(p->finished, 1000));
	KUNIT_EXPECT_EQ(test, warn_count - warns, 1UL);
}

static void timer_shutdown_sync_makes_rearm_a_noop(struct kunit *test)
{
	struct probe *p = probe_init(0, 0);

	p->rearm = 1;
	mod_timer(&p->timer, jiffies + 1);
	KUNIT_EXPECT_TRUE(test, poll_until(atomic_read(&p->fired) >= 3, 1000));
	timer_shutdown_sync(&p->timer);
	KUNIT_EXPECT_FALSE(test, timer_pending(&p->timer));
	KUNIT_EXPECT_EQ(test, mod_timer(&p->timer, jiffies + 1), 0);
	KUNIT_EXPECT_FALSE(test, timer_pending(&p->timer));
	timer_setup(&p->timer, probe_fn, 0);	/* usable again after setup */
	p->rearm = 0;
	KUNIT_EXPECT_EQ(test, mod_timer(&p->timer, jiffies + 1000), 0);
	KUNIT_EXPECT_EQ(test, del_timer_sync(&p->timer), 1);
}

static void destroy_on_stack_timer_while_pending_warns_and_deletes(struct kunit *test)
{
	struct timer_list t;
	unsigned long warns = warn_count;

	timer_setup_on_stack(&t, probe_fn, 0);
	mod_timer(&t, jiffies + 1000);
	destroy_timer_on_stack(&t);
	KUNIT_EXPECT_EQ(test, warn_count - warns, 1UL);
	KUNIT_EXPECT_FALSE(test, timer_pending(&t));
	expect_bases_consistent(test);
}

/* ---- callbacks that free their timer ---- */

struct owned_timer {
	struct timer_list timer;
	atomic_t *done;
	char payload[200];
};

static void free_self_fn(struct timer_list *t)
{
	struct owned_timer *o = from_timer(o, t, timer);
	atomic_t *done = o->done;

	kfree(o);
	atomic_inc(done);
}

static void callback_may_free_its_timer(struct kunit *test)
{
	static atomic_t done;
	int n = 64, armed = 0, cpu = cpumask_first(cpu_online_mask);

	atomic_set(&done, 0);
	for (int k = 0; k < n; k++) {
		struct owned_timer *o = kzalloc(sizeof(*o), GFP_KERNEL);

		if (!o)
			break;
		o->done = &done;
		timer_setup(&o->timer, free_self_fn, 0);
		o->timer.expires = jiffies + 1 + k % 5;
		add_timer_on(&o->timer, cpu);		/* spread over every CPU */
		armed++;
		cpu = cpumask_next(cpu, cpu_online_mask);
		if (cpu >= NR_CPUS)
			cpu = cpumask_first(cpu_online_mask);
	}
	KUNIT_EXPECT_EQ(test, armed, n);
	n = armed;
	KUNIT_EXPECT_TRUE(test, poll_until(atomic_read(&done) == n, 2000));
	/* a write into a freed object would trip the slab poison checks */
	for (int k = 0; k < n; k++)
		kfree(kmalloc(sizeof(struct owned_timer), GFP_KERNEL));
}

/* ---- migration ---- */

static void timers_migrate_cpu_moves_pending_timers(struct kunit *test)
{
	int cpu, other, n = (int)ARRAY_SIZE(probes);
	unsigned long other_before;

	preempt_disable();
	cpu = smp_processor_id();
	other = other_cpu(cpu);
	preempt_enable();
	if (other == cpu)
		kunit_skip(test, "needs 2 CPUs");
	for (int i = 0; i < n; i++) {
		struct probe *p = probe_init(i, 0);

		p->timer.expires = jiffies + 30 + i * 100;	/* some beyond a wheel lap */
		add_timer_on(&p->timer, other);
	}
	other_before = timer_base_nr_pending(other);
	KUNIT_EXPECT_GE(test, other_before, (unsigned long)n);
	cpu = get_cpu();
	timers_migrate_cpu(other);
	put_cpu();
	KUNIT_EXPECT_LE(test, timer_base_nr_pending(other), other_before - n);
	for (int i = 0; i < n; i++) {
		KUNIT_EXPECT_EQ(test, probes[i].timer.flags & TIMER_CPUMASK, (u32)cpu);
		KUNIT_EXPECT_TRUE(test, timer_pending(&probes[i].timer));
	}
	KUNIT_EXPECT_TRUE(test, poll_until(atomic_read(&probes[0].fired) > 0, 1000));
	KUNIT_EXPECT_EQ(test, probes[0].cpu, cpu);
	for (int i = 1; i < n; i++)
		KUNIT_EXPECT_EQ(test, del_timer_sync(&probes[i].timer), 1);
}

/* ---- every CPU at once ---- */

#define NR_STRESS	16
#define STRESS_NS	(300 * NSEC_PER_MSEC)

static struct probe stress[NR_STRESS];
static atomic_long_t stress_ops;
static volatile bool stress_stop;

struct stress_thread {
	struct task_struct *task;
	struct completion exited;
	unsigned long seed;
};

static void stress_fn_cb(struct timer_list *t)
{
	struct probe *p = from_timer(p, t, timer);

	if (atomic_inc_return(&p->running) > 1)
		atomic_inc(&p->overlap);
	udelay(20);
	if (!READ_ONCE(stress_stop) && (atomic_read(&p->fired) & 3) == 0)
		mod_timer(t, jiffies + 1);
	atomic_inc(&p->fired);
	atomic_dec(&p->running);
}

static int stress_thread_fn(void *arg)
{
	struct stress_thread *st = arg;
	u64 seed = st->seed, end = ktime_get_ns() + STRESS_NS;
	long ops = 0;

	while (ktime_get_ns() < end) {
		struct probe *p;

		seed ^= seed << 13;
		seed ^= seed >> 7;
		seed ^= seed << 17;
		p = &stress[seed % NR_STRESS];
		switch ((seed >> 8) % 6) {
		case 0:
		case 1:
			mod_timer(&p->timer, jiffies + (seed >> 16) % 4);
			break;
		case 2:
			del_timer(&p->timer);
			break;
		case 3:
			timer_reduce(&p->timer, jiffies + (seed >> 16) % 3);
			break;
		case 4:
			try_to_del_timer_sync(&p->timer);
			break;
		case 5:
			del_timer_sync(&p->timer);
			break;
		}
		ops++;
		if ((ops & 63) == 0)
			cond_resched();
	}
	atomic_long_add(ops, &stress_ops);
	return 0;
}

static void concurrent_timer_ops_from_every_cpu_stay_consistent(struct kunit *test)
{
	int n = num_online_cpus(), k = 0, cpu;
	struct stress_thread *st;
	unsigned long seed = (unsigned long)ktime_get_ns();
	long fired = 0, overlap = 0;
	struct mem_snapshot mm;
	int bad = 0;

	mem_snapshot(&mm);
	st = kcalloc(2 * n, sizeof(*st), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, st);
	kunit_info(test, "seed %lu, %d threads on %d CPUs for %ld ms", seed, 2 * n, n,
		   STRESS_NS / NSEC_PER_MSEC);
	stress_stop = false;
	atomic_long_set(&stress_ops, 0);
	for (int i = 0; i < NR_STRESS; i++) {
		memset(&stress[i], 0, sizeof(stress[i]));
		timer_setup(&stress[i].timer, stress_fn_cb, 0);
	}
	for_each_online_cpu(cpu) {
		for (int j = 0; j < 2; j++, k++) {
			struct task_struct *p = create_task(stress_thread_fn, &st[k], "timer_stress",
							    PF_KTHREAD);

			if (IS_ERR(p)) {
				KUNIT_FAIL(test, "create_task failed");
				st[k].task = NULL;
				continue;
			}
			st[k].seed = seed * (k + 1) | 1;
			init_completion(&st[k].exited);
			p->vfork_done = &st[k].exited;
			st[k].task = get_task_struct(p);
			do_set_cpus_allowed(p, cpumask_of(cpu));
			p->cpu = cpu;
			wake_up_new_task(p);
		}
	}
	/* check the bases while every CPU works on them */
	for (u64 end = ktime_get_ns() + STRESS_NS; ktime_get_ns() < end; ) {
		for_each_possible_cpu(cpu)
			bad += timer_base_verify(cpu) != 0;
		msleep(3);
	}
	for (int i = 0; i < k; i++) {
		if (!st[i].task)
			continue;
		if (wait_for_completion_timeout(&st[i].exited, msecs_to_jiffies(10000)))
			put_task_struct(st[i].task);
		else
			KUNIT_FAIL(test, "stress thread %d did not finish", i);
	}
	stress_stop = true;
	for (int i = 0; i < NR_STRESS; i++) {
		del_timer_sync(&stress[i].timer);
		KUNIT_EXPECT_FALSE(test, timer_pending(&stress[i].timer));
		fired += atomic_read(&stress[i].fired);
		overlap += atomic_read(&stress[i].overlap);
	}
	kunit_info(test, "%ld operations, %ld callbacks", atomic_long_read(&stress_ops), fired);
	KUNIT_EXPECT_EQ_MSG(test, overlap, 0L, "a callback ran twice at once");
	KUNIT_EXPECT_EQ_MSG(test, bad, 0, "timer bases inconsistent during the run");
	KUNIT_EXPECT_GT(test, fired, 0L);
	expect_bases_consistent(test);
	kfree(st);
	mem_expect_baseline(test, &mm);
}

/* ---- sleeping ---- */

struct waker {
	struct timer_list timer;
	struct task_struct *task;
};

static void waker_fn(struct timer_list *t)
{
	struct waker *w = from_timer(w, t, timer);

	wake_up_process(w->task);
}

static void schedule_timeout_returns_zero_on_expiry(struct kunit *test)
{
	for (long timeout = 1; timeout <= 16; timeout *= 4) {
		unsigned long j0 = jiffies;
		long left;

		set_current_state(TASK_UNINTERRUPTIBLE);
		left = schedule_timeout(timeout);
		KUNIT_EXPECT_EQ(test, left, 0L);
		KUNIT_EXPECT_TRUE(test, task_is_running(current));
		KUNIT_EXPECT_GE_MSG(test, (long)(jiffies - j0), timeout, "slept less than asked");
		KUNIT_EXPECT_NULL(test, current->timeout_timer);
	}
}

static void schedule_timeout_returns_remaining_on_early_wakeup(struct kunit *test)
{
	struct waker w = { .task = current };
	unsigned long j0;
	long left;

	timer_setup_on_stack(&w.timer, waker_fn, 0);
	/* state first, then the waker: its wake-up cannot come too early */
	set_current_state(TASK_UNINTERRUPTIBLE);
	j0 = jiffies;
	mod_timer(&w.timer, j0 + 10);
	left = schedule_timeout(100);
	/*
	 * woken near j0 + 10: about 90 of the 100 jiffies remain (91 when
	 * schedule_timeout's fresh reading of jiffies is one past j0)
	 */
	KUNIT_EXPECT_GT(test, left, 0L);
	KUNIT_EXPECT_LE(test, left, 91L);
	KUNIT_EXPECT_GE(test, left, 70L);
	kunit_info(test, "woken after %lu jiffies, %ld remained", jiffies - j0, left);

	/* no timer at all for MAX_SCHEDULE_TIMEOUT: the waker alone ends it */
	set_current_state(TASK_INTERRUPTIBLE);
	mod_timer(&w.timer, jiffies + 5);
	KUNIT_EXPECT_EQ(test, schedule_timeout(MAX_SCHEDULE_TIMEOUT), (long)MAX_SCHEDULE_TIMEOUT);
	del_timer_sync(&w.timer);
	destroy_timer_on_stack(&w.timer);
}

static void schedule_timeout_negative_warns_and_returns_zero(struct kunit *test)
{
	unsigned long warns = warn_count;

	set_current_state(TASK_UNINTERRUPTIBLE);
	KUNIT_EXPECT_EQ(test, schedule_timeout(-5), 0L);
	KUNIT_EXPECT_TRUE(test, task_is_running(current));
	KUNIT_EXPECT_EQ(test, warn_count - warns, 1UL);
}

/*
 * Every msleep(10) lasts at least 10 ms.  The upper bound: the timer is
 * 11 jiffies away, armed somewhere inside a jiffy and run at this CPU's
 * tick, so 10 to 12 ms.  Under TCG the host may deschedule a vCPU (CPU 0
 * advances jiffies) for milliseconds when other work runs on the host, so
 * the bound is asked of the best of the runs: a sleep that is too long by
 * design fails every run, host noise only some.
 */
static void msleep_10ms_takes_10_to_12ms(struct kunit *test)
{
	u64 d[9], lo = ~0ULL, hi = 0;
	int late = 0;

	for (int i = 0; i < (int)ARRAY_SIZE(d); i++) {
		u64 t0 = ktime_get_ns();

		msleep(10);
		d[i] = ktime_get_ns() - t0;
		lo = min(lo, d[i]);
		hi = max(hi, d[i]);
		KUNIT_EXPECT_GE_MSG(test, d[i], 10 * NSEC_PER_MSEC, "msleep(10) took %llu us",
				    d[i] / 1000);
		late += d[i] > 12 * NSEC_PER_MSEC;
	}
	kunit_info(test, "msleep(10): %llu..%llu us, %d of %d runs over 12 ms", lo / 1000,
		   hi / 1000, late, (int)ARRAY_SIZE(d));
	KUNIT_EXPECT_LE_MSG(test, lo, 12 * NSEC_PER_MSEC, "the fastest msleep(10) took %llu us",
			    lo / 1000);
	KUNIT_EXPECT_EQ(test, msleep_interruptible(5), 0UL);
}

/* At least min, always; at most about min + 1 jiffy (best of 3, see above). */
static void usleep_range_sleeps_at_least_min(struct kunit *test)
{
	static const unsigned long mins[] = { 5, 50, 300, 1000, 2500 };

	for (int i = 0; i < (int)ARRAY_SIZE(mins); i++) {
		u64 best = ~0ULL;

		for (int k = 0; k < 3; k++) {
			u64 t0 = ktime_get_ns(), d;

			usleep_range(mins[i], mins[i] * 2);
			d = ktime_get_ns() - t0;
			KUNIT_EXPECT_GE_MSG(test, d, (u64)mins[i] * NSEC_PER_USEC,
					    "usleep_range(%lu) took %llu ns", mins[i], d);
			best = min(best, d);
		}
		KUNIT_EXPECT_LE_MSG(test, best, (u64)mins[i] * NSEC_PER_USEC + 2 * NSEC_PER_MSEC,
				    "usleep_range(%lu) took at best %llu us", mins[i], best / 1000);
		kunit_info(test, "usleep_range(%lu, %lu): best %llu us", mins[i], mins[i] * 2,
			   best / 1000);
	}
	for (unsigned long us = 3; us <= 30000; us *= 10) {
		u64 t0 = ktime_get_ns(), d;

		fsleep(us);
		d = ktime_get_ns() - t0;
		KUNIT_EXPECT_GE_MSG(test, d, (u64)us * NSEC_PER_USEC, "fsleep(%lu) took %llu ns", us, d);
	}
}

static struct kunit_case timer_cases[] = {
	KUNIT_CASE(timer_fires_once_after_expiry_on_arming_cpu),
	KUNIT_CASE(irqsafe_timer_runs_with_interrupts_off),
	KUNIT_CASE(add_timer_on_runs_on_that_cpu),
	KUNIT_CASE(timer_beyond_one_wheel_lap_fires_on_time),
	KUNIT_CASE(expired_timer_fires_at_next_tick),
	KUNIT_CASE(mod_timer_returns_whether_it_was_pending),
	KUNIT_CASE(del_timer_of_pending_timer_prevents_callback),
	KUNIT_CASE(add_timer_of_pending_timer_warns),
	KUNIT_CASE(del_timer_sync_waits_for_running_callback),
	KUNIT_CASE(mod_timer_of_running_timer_stays_on_its_cpu_and_sync_waits),
	KUNIT_CASE(del_timer_sync_waits_for_callback_moved_by_add_timer_on),
	KUNIT_CASE(del_timer_sync_stops_self_rearming_timer),
	KUNIT_CASE(del_timer_sync_from_own_callback_warns_instead_of_deadlock),
	KUNIT_CASE(timer_shutdown_sync_makes_rearm_a_noop),
	KUNIT_CASE(destroy_on_stack_timer_while_pending_warns_and_deletes),
	KUNIT_CASE(callback_may_free_its_timer),
	KUNIT_CASE(timers_migrate_cpu_moves_pending_timers),
	KUNIT_CASE(concurrent_timer_ops_from_every_cpu_stay_consistent),
	{}
};

static struct kunit_suite timer_suite = {
	.name = "timer",
	.exit = timer_suite_exit,
	.test_cases = timer_cases,
};

static struct kunit_case timer_sleep_cases[] = {
	KUNIT_CASE(schedule_timeout_returns_zero_on_expiry),
	KUNIT_CASE(schedule_timeout_returns_remaining_on_early_wakeup),
	KUNIT_CASE(schedule_timeout_negative_warns_and_returns_zero),
	KUNIT_CASE(msleep_10ms_takes_10_to_12ms),
	KUNIT_CASE(usleep_range_sleeps_at_least_min),
	{}
};

static struct kunit_suite timer_sleep_suite = {
	.name = "timer_sleep",
	.test_cases = timer_sleep_cases,
};

kunit_test_suite(timer_suite);
kunit_test_suite(timer_sleep_suite);
