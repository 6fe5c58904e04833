/*
 * The scheduler: sharing, preemption, sleeping and waking, affinity,
 * balancing, exit.
 *
 *   NEW --wake_up_new_task--> RUNNING (queued) --picked--> running
 *   running --set_current_state(S); schedule()--> sleeping --wake_up--> RUNNING
 *   running --do_exit / return--> DEAD --last switch--> freed
 *
 * Time shares are read from each task's sum_exec_runtime over a fixed
 * window; every wait is bounded so that a lost wake-up fails the case
 * instead of hanging the suite.
 */
#include <kunit/test.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/completion.h>
#include <linux/wait.h>
#include <linux/ktime.h>
#include <linux/delay.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/atomic.h>
#include <asm/processor.h>
#include <kernel/sched.h>
#include <kernel/mm.h>
#include <kernel/panic.h>


/* A started task with a reference held and its exit observable. */
struct tthread {
	struct task_struct *task;
	struct completion exited;
};

static struct task_struct *spawn(struct kunit *test, struct tthread *t, int (*fn)(void *),
				 void *arg, const char *name, int cpu, int nice)
{
	struct task_struct *p = create_task(fn, arg, name, PF_KTHREAD);

	KUNIT_ASSERT_FALSE(test, IS_ERR(p));
	init_completion(&t->exited);
	p->vfork_done = &t->exited;
	t->task = get_task_struct(p);
	if (cpu >= 0) {
		do_set_cpus_allowed(p, cpumask_of(cpu));
		p->cpu = cpu;
	}
	if (nice)
		set_user_nice(p, nice);
	wake_up_new_task(p);
	return p;
}

/* Wait (bounded) for t to exit and drop our reference.  Return: exited. */
static bool reap(struct tthread *t, unsigned int ms)
{
	bool ok = wait_for_completion_timeout(&t->exited, msecs_to_jiffies(ms)) != 0;

	if (ok)
		put_task_struct(t->task);
	return ok;
}

static int last_cpu(void)
{
	return cpumask_last(cpu_online_mask);
}

/* ---- sharing ---- */

static volatile bool hogs_stop;

static int hog_fn(void *arg)
{
	while (!READ_ONCE(hogs_stop))
		cpu_relax();
	return 0;
}

static void measure_pair(struct kunit *test, int nice_b, u64 *a_ns, u64 *b_ns)
{
	struct tthread a, b;
	int cpu = last_cpu();
	u64 a0, b0;

	WRITE_ONCE(hogs_stop, false);
	spawn(test, &a, hog_fn, NULL, "hog_a", cpu, 0);
	spawn(test, &b, hog_fn, NULL, "hog_b", cpu, nice_b);
	msleep(50);			/* settle */
	a0 = READ_ONCE(a.task->se.sum_exec_runtime);
	b0 = READ_ONCE(b.task->se.sum_exec_runtime);
	msleep(1200);	/* long enough that a host hiccup charged to one hog is noise */
	*a_ns = READ_ONCE(a.task->se.sum_exec_runtime) - a0;
	*b_ns = READ_ONCE(b.task->se.sum_exec_runtime) - b0;
	WRITE_ONCE(hogs_stop, true);
	KUNIT_EXPECT_TRUE(test, reap(&a, 2000));
	KUNIT_EXPECT_TRUE(test, reap(&b, 2000));
}

static void two_hogs_on_one_cpu_split_evenly(struct kunit *test)
{
	u64 a, b, pct;

	measure_pair(test, 0, &a, &b);
	KUNIT_ASSERT_GT(test, a + b, 0ULL);
	pct = a * 1000 / (a + b);
	kunit_info(test, "shares %llu.%llu%% / %llu.%llu%%", pct / 10, pct % 10,
		   (1000 - pct) / 10, (1000 - pct) % 10);
	KUNIT_EXPECT_GE(test, pct, 450ULL);
	KUNIT_EXPECT_LE(test, pct, 550ULL);
}

static void nice_5_gets_linux_weight_share(struct kunit *test)
{
	u64 a, b, ratio;

	measure_pair(test, 5, &a, &b);
	KUNIT_ASSERT_GT(test, b, 0ULL);
	ratio = a * 1000 / b;		/* expected 1024/335 = 3.057 */
	kunit_info(test, "nice0/nice5 runtime ratio %llu.%03llu (Linux weights: 3.057)",
		   ratio / 1000, ratio % 1000);
	KUNIT_EXPECT_GE(test, ratio, 2751ULL);
	KUNIT_EXPECT_LE(test, ratio, 3363ULL);
}

/* ---- wake-up preemption ---- */

struct wakeup_probe {
	struct completion go;
	u64 woken_at;
};

static int sleeper_fn(void *arg)
{
	struct wakeup_probe *w = arg;

	wait_for_completion(&w->go);
	w->woken_at = ktime_get_ns();
	return 0;
}

static void woken_task_preempts_hog_within_a_tick(struct kunit *test)
{
	struct tthread hog, sl;
	struct wakeup_probe w;
	int cpu = last_cpu(), within = 0, rounds = 7;
	u64 best = ~0ULL;

	WRITE_ONCE(hogs_stop, false);
	spawn(test, &hog, hog_fn, NULL, "hog", cpu, 0);
	for (int i = 0; i < rounds; i++) {
		u64 t0;

		init_completion(&w.go);
		w.woken_at = 0;
		spawn(test, &sl, sleeper_fn, &w, "sleeper", cpu, 0);
		msleep(20);		/* the sleeper blocks, the hog runs */
		t0 = ktime_get_ns();
		complete(&w.go);
		KUNIT_ASSERT_TRUE(test, reap(&sl, 2000));
		KUNIT_ASSERT_NE(test, w.woken_at, 0ULL);
		best = min(best, w.woken_at - t0);
		if (w.woken_at - t0 < NSEC_PER_SEC / HZ)
			within++;
		else
			kunit_info(test, "round %d: woken task ran %llu ns after the wake-up", i,
				   w.woken_at - t0);
	}
	kunit_info(test, "best wake-to-run latency against a hog: %llu ns", best);
	/*
	 * Within one tick in (nearly) every round.  One or two slow rounds are
	 * tolerated: with 8 vCPUs on 2 host cores the host sometimes
	 * deschedules the vCPU itself for tens of ms, which no guest
	 * scheduler can hide; a scheduler that waits for the tick (or
	 * longer) fails every round.
	 */
	KUNIT_EXPECT_GE_MSG(test, within, rounds - 2, "only %d of %d rounds within a tick",
			    within, rounds);
	WRITE_ONCE(hogs_stop, true);
	KUNIT_EXPECT_TRUE(test, reap(&hog, 2000));
}

/* ---- ping-pong: no lost wake-ups ---- */

struct pingpong {
	struct task_struct *peer[2];
	int turn;			/* whose move: 0 or 1 */
	long rounds;
	u64 deadline;
	long done;
	bool failed;
};

static int pong_fn(void *arg)
{
	struct pingpong *pp = arg;
	int me = READ_ONCE(pp->peer[0]) == current ? 0 : 1;

	while (READ_ONCE(pp->done) < pp->rounds && !READ_ONCE(pp->failed)) {
		for (;;) {
			set_current_state(TASK_UNINTERRUPTIBLE);
			if (READ_ONCE(pp->turn) == me || READ_ONCE(pp->failed))
				break;
			/* a whole second without the peer's wake-up: it was lost */
			if (!schedule_timeout(HZ) && READ_ONCE(pp->turn) != me) {
				WRITE_ONCE(pp->failed, true);
				break;
			}
		}
		__set_current_state(TASK_RUNNING);
		if (READ_ONCE(pp->failed))
			break;
		if (me == 0) {
			pp->done++;
			if (ktime_get_ns() > pp->deadline)
				pp->rounds = pp->done;	/* out of time: stop cleanly */
		}
		WRITE_ONCE(pp->turn, !me);
		wake_up_process(pp->peer[!me]);
	}
	WRITE_ONCE(pp->turn, !me);
	wake_up_process(pp->peer[!me]);
	return 0;
}

static void run_pairs(struct kunit *test, int (*pairs)[2], int n, long rounds, u64 budget_ns,
		      long *total)
{
	struct pingpong *pp = kunit_kcalloc(test, n, sizeof(*pp), GFP_KERNEL);
	struct tthread *t = kunit_kcalloc(test, 2 * n, sizeof(*t), GFP_KERNEL);
	u64 deadline = ktime_get_ns() + budget_ns;

	KUNIT_ASSERT_NOT_NULL(test, pp);
	KUNIT_ASSERT_NOT_NULL(test, t);
	for (int i = 0; i < n; i++) {
		struct task_struct *a, *b;

		pp[i].rounds = rounds;
		pp[i].deadline = deadline;
		a = create_task(pong_fn, &pp[i], "ping", PF_KTHREAD);
		b = create_task(pong_fn, &pp[i], "pong", PF_KTHREAD);
		KUNIT_ASSERT_FALSE(test, IS_ERR(a) || IS_ERR(b));
		pp[i].peer[0] = a;
		pp[i].peer[1] = b;
		for (int k = 0; k < 2; k++) {
			struct task_struct *p = k ? b : a;

			init_completion(&t[2 * i + k].exited);
			p->vfork_done = &t[2 * i + k].exited;
			t[2 * i + k].task = get_task_struct(p);
			do_set_cpus_allowed(p, cpumask_of(pairs[i][k]));
			p->cpu = pairs[i][k];
		}
	}
	for (int i = 0; i < 2 * n; i++)
		wake_up_new_task(t[i].task);
	/* all must have exited before any reference goes: a peer's last act
	 * is to wake the other one */
	for (int i = 0; i < 2 * n; i++)
		KUNIT_EXPECT_NE_MSG(test, wait_for_completion_timeout(&t[i].exited,
				    msecs_to_jiffies((unsigned int)(budget_ns / NSEC_PER_MSEC) + 3000)),
				    0UL, "ping-pong thread %d did not finish", i);
	for (int i = 0; i < 2 * n; i++)
		put_task_struct(t[i].task);
	for (int i = 0; i < n; i++) {
		KUNIT_EXPECT_FALSE_MSG(test, pp[i].failed, "lost wake-up between CPU %d and %d",
				       pairs[i][0], pairs[i][1]);
		*total += pp[i].done;
	}
}

static void pingpong_no_lost_wakeups_every_cpu_pair(struct kunit *test)
{
	int n = num_online_cpus(), cpus[NR_CPUS], k = 0, cpu;
	int (*pairs)[2] = kunit_kcalloc(test, NR_CPUS, sizeof(*pairs), GFP_KERNEL);
	long total = 0;

	KUNIT_ASSERT_NOT_NULL(test, pairs);
	for_each_online_cpu(cpu)
		cpus[k++] = cpu;
	if (n == 1) {
		pairs[0][0] = pairs[0][1] = cpus[0];
		run_pairs(test, pairs, 1, 100000, 3 * NSEC_PER_SEC, &total);
	} else {
		/* round-robin tournament: every pair meets once, disjoint pairs at once */
		int m = n % 2 ? n + 1 : n, npairs = n * (n - 1) / 2;
		long per_pair = max(100000L / npairs, 1000L);
		u64 budget = 6 * NSEC_PER_SEC / (m - 1);

		for (int r = 0; r < m - 1; r++) {
			int np = 0;

			for (int i = 0; i < m / 2; i++) {
				int a = (r + i) % (m - 1), b = i == 0 ? m - 1 : (r + m - 1 - i) % (m - 1);
				if (a < n && b < n) {
					pairs[np][0] = cpus[a];
					pairs[np][1] = cpus[b];
					np++;
				}
			}
			run_pairs(test, pairs, np, per_pair, budget, &total);
		}
	}
	kunit_info(test, "%ld ping-pongs, none lost", total);
	KUNIT_EXPECT_GT(test, total, 0L);
}

/* ---- affinity ---- */

struct aff_probe {
	cpumask_t masks[2];
	long phase;
	bool stop;
	long checks, violations;
	int last_bad_cpu;
};

static int aff_fn(void *arg)
{
	struct aff_probe *a = arg;

	while (!READ_ONCE(a->stop)) {
		long p1, p2;
		int cpu;

		preempt_disable();
		p1 = READ_ONCE(a->phase);
		cpu = smp_processor_id();
		p2 = READ_ONCE(a->phase);
		preempt_enable();
		if (p1 == p2 && p1 >= 0) {
			a->checks++;
			if (!cpumask_test_cpu(cpu, &a->masks[p1 & 1])) {
				a->violations++;
				a->last_bad_cpu = cpu;
			}
		}
		cond_resched();
	}
	return 0;
}

static void affinity_changes_respected_10k(struct kunit *test)
{
	struct aff_probe *a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);
	struct tthread t;
	int first = cpumask_first(cpu_online_mask), last = last_cpu();

	KUNIT_ASSERT_NOT_NULL(test, a);
	cpumask_copy(&a->masks[0], cpumask_of(first));
	cpumask_copy(&a->masks[1], cpumask_of(last));
	a->phase = -1;
	spawn(test, &t, aff_fn, a, "affinity", -1, 0);
	for (long i = 0; i < 10000; i++) {
		WRITE_ONCE(a->phase, -1);
		KUNIT_ASSERT_EQ(test, set_cpus_allowed_ptr(t.task, &a->masks[i & 1]), 0);
		WRITE_ONCE(a->phase, i);
		if (i % 8 == 0) {
			/* let the probe look at least once in this phase (bounded) */
			long c0 = READ_ONCE(a->checks);

			for (int k = 0; k < 200 && READ_ONCE(a->checks) == c0; k++) {
				if (k < 100)
					cond_resched();
				else
					msleep(1);
			}
		}
	}
	WRITE_ONCE(a->stop, true);
	KUNIT_EXPECT_TRUE(test, reap(&t, 2000));
	kunit_info(test, "%ld checks of the running CPU", a->checks);
	KUNIT_EXPECT_GT(test, a->checks, 0L);
	KUNIT_EXPECT_EQ_MSG(test, a->violations, 0L, "seen on CPU %d", a->last_bad_cpu);
}

static void set_cpus_allowed_rejects_bad_masks(struct kunit *test)
{
	struct tthread t;
	cpumask_t empty, before;

	WRITE_ONCE(hogs_stop, false);
	spawn(test, &t, hog_fn, NULL, "hog", -1, 0);
	cpumask_copy(&before, t.task->cpus_ptr);
	cpumask_clear(&empty);
	KUNIT_EXPECT_EQ(test, set_cpus_allowed_ptr(t.task, &empty), -EINVAL);
	if (num_possible_cpus() < NR_CPUS) {
		cpumask_t offline;
		cpumask_clear(&offline);
		cpumask_set_cpu(NR_CPUS - 1, &offline);
		KUNIT_EXPECT_EQ(test, set_cpus_allowed_ptr(t.task, &offline), -EINVAL);
	}
	KUNIT_EXPECT_TRUE(test, cpumask_equal(t.task->cpus_ptr, &before));
	WRITE_ONCE(hogs_stop, true);
	KUNIT_EXPECT_TRUE(test, reap(&t, 2000));
}

static void n_hogs_spread_one_per_cpu(struct kunit *test)
{
	int n = num_online_cpus();
	struct tthread *t = kunit_kcalloc(test, n, sizeof(*t), GFP_KERNEL);
	u64 deadline = ktime_get_ns() + NSEC_PER_SEC;
	bool spread = false;

	KUNIT_ASSERT_NOT_NULL(test, t);
	WRITE_ONCE(hogs_stop, false);
	for (int i = 0; i < n; i++)
		spawn(test, &t[i], hog_fn, NULL, "spread", -1, 0);
	while (!spread && ktime_get_ns() < deadline) {
		cpumask_t seen;

		msleep(10);
		cpumask_clear(&seen);
		/* where each hog is queued: this checker itself briefly
		 * displaces the hog of the CPU it runs on */
		for (int i = 0; i < n; i++)
			cpumask_set_cpu(task_cpu(t[i].task), &seen);
		spread = cpumask_weight(&seen) == (unsigned int)n;
	}
	WRITE_ONCE(hogs_stop, true);
	for (int i = 0; i < n; i++)
		KUNIT_EXPECT_TRUE(test, reap(&t[i], 2000));
	KUNIT_EXPECT_TRUE_MSG(test, spread, "%d hogs not running on %d distinct CPUs within 1 s", n, n);
}

/* ---- exit and misuse ---- */

static int quick_fn(void *arg)
{
	return (int)(long)arg;
}

static void create_exit_1000_no_leak(struct kunit *test)
{
	long pages, bytes, stacks;
	int alive;

	KUNIT_ASSERT_EQ(test, wait_for_dead_tasks(2000), 0);
	alive = atomic_read(&nr_tasks_alive);
	kmem_shrink_all();
	pages = nr_pages_in_use_direct();
	bytes = atomic_long_read(&slab_bytes_in_use);
	stacks = atomic_long_read(&nr_stacks_in_use);
	for (int i = 0; i < 1000; i++) {
		struct tthread t;

		spawn(test, &t, quick_fn, (void *)(long)i, "quick", -1, 0);
		KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&t.exited, HZ) != 0);
		KUNIT_EXPECT_EQ(test, t.task->exit_code, i);
		put_task_struct(t.task);
	}
	/* the last reference goes at the dead task's final switch: bounded wait */
	KUNIT_EXPECT_EQ(test, wait_for_dead_tasks(2000), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&nr_tasks_alive), alive);
	kmem_shrink_all();
	KUNIT_EXPECT_EQ(test, atomic_long_read(&nr_stacks_in_use), stacks);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&slab_bytes_in_use), bytes);
	KUNIT_EXPECT_EQ(test, nr_pages_in_use_direct(), pages);
}

static void waking_dead_task_is_noop_and_put_below_zero_warns(struct kunit *test)
{
	struct tthread t;
	unsigned long warns;

	spawn(test, &t, quick_fn, NULL, "quick", -1, 0);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&t.exited, HZ) != 0);
	/* the completion fires just before the final switch: wait for TASK_DEAD */
	for (int i = 0; i < 1000 && READ_ONCE(t.task->__state) != TASK_DEAD; i++)
		msleep(1);
	KUNIT_EXPECT_EQ(test, READ_ONCE(t.task->__state), (unsigned int)TASK_DEAD);
	KUNIT_EXPECT_EQ(test, wake_up_process(t.task), 0);
	KUNIT_EXPECT_EQ(test, READ_ONCE(t.task->__state), (unsigned int)TASK_DEAD);
	while (task_on_cpu(t.task))
		msleep(1);
	msleep(5);
	KUNIT_EXPECT_EQ(test, atomic_read(&t.task->usage), 1);
	{
		/* a private task struct to drive the count below zero safely */
		static struct task_struct fake;
		fake.magic = TASK_MAGIC;
		fake.__state = TASK_DEAD;
		atomic_set(&fake.usage, 0);
		warns = warn_count;
		put_task_struct(&fake);
		KUNIT_EXPECT_EQ(test, warn_count, warns + 1);
		KUNIT_EXPECT_EQ(test, atomic_read(&fake.usage), 0);
	}
	put_task_struct(t.task);
}

static void might_sleep_in_atomic_warns(struct kunit *test)
{
	unsigned long warns = warn_count;

	might_sleep();
	KUNIT_EXPECT_EQ(test, warn_count, warns);
	preempt_disable();
	might_sleep();
	preempt_enable();
	KUNIT_EXPECT_EQ(test, warn_count, warns + 1);
}

static int yield_fn(void *arg)
{
	atomic_t *ctr = arg;

	for (int i = 0; i < 100; i++) {
		atomic_inc(ctr);
		yield();
	}
	return 0;
}

static void yield_lets_peers_run(struct kunit *test)
{
	struct tthread a, b;
	atomic_t ctr = ATOMIC_INIT(0);
	int cpu = last_cpu();

	spawn(test, &a, yield_fn, &ctr, "yield_a", cpu, 0);
	spawn(test, &b, yield_fn, &ctr, "yield_b", cpu, 0);
	KUNIT_EXPECT_TRUE(test, reap(&a, 3000));
	KUNIT_EXPECT_TRUE(test, reap(&b, 3000));
	KUNIT_EXPECT_EQ(test, atomic_read(&ctr), 200);
}

/* set_user_nice() outside -20..19 is ignored, as in Linux (not clamped). */
static int nice_idle_fn(void *data)
{
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

static void set_user_nice_out_of_range_is_ignored(struct kunit *test)
{
	struct task_struct *k = kthread_create(nice_idle_fn, NULL, "nice_range");

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, k);
	set_user_nice(k, 3);
	KUNIT_EXPECT_EQ(test, task_nice(k), 3);
	set_user_nice(k, 20);
	KUNIT_EXPECT_EQ(test, task_nice(k), 3);
	set_user_nice(k, -21);
	KUNIT_EXPECT_EQ(test, task_nice(k), 3);
	set_user_nice(k, MIN_NICE);
	KUNIT_EXPECT_EQ(test, task_nice(k), MIN_NICE);
	set_user_nice(k, MAX_NICE);
	KUNIT_EXPECT_EQ(test, task_nice(k), MAX_NICE);
	KUNIT_EXPECT_EQ(test, kthread_stop(k), -EINTR);	/* never woken */
}

static struct kunit_case sched_cases[] = {
	KUNIT_CASE(set_user_nice_out_of_range_is_ignored),
	KUNIT_CASE(two_hogs_on_one_cpu_split_evenly),
	KUNIT_CASE(nice_5_gets_linux_weight_share),
	KUNIT_CASE(woken_task_preempts_hog_within_a_tick),
	KUNIT_CASE(pingpong_no_lost_wakeups_every_cpu_pair),
	KUNIT_CASE(affinity_changes_respected_10k),
	KUNIT_CASE(set_cpus_allowed_rejects_bad_masks),
	KUNIT_CASE(n_hogs_spread_one_per_cpu),
	KUNIT_CASE(create_exit_1000_no_leak),
	KUNIT_CASE(waking_dead_task_is_noop_and_put_below_zero_warns),
	KUNIT_CASE(might_sleep_in_atomic_warns),
	KUNIT_CASE(yield_lets_peers_run),
	{}
};

static struct kunit_suite sched_suite = {
	.name = "sched",
	.test_cases = sched_cases,
};
kunit_test_suite(sched_suite);
