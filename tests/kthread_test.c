/*
 * kthreads: the life cycle and every corner the Linux history fixed.
 *
 *   created (asleep, UNINTERRUPTIBLE) --wake--> threadfn --return--> exited
 *        |                       |                                     ^
 *        +--stop: -EINTR, fn     +--park--> PARKED --unpark--+          |
 *        |  never runs           |          (per-CPU: rebound first)   |
 *        +--park: parks first    +--stop (unparks, wakes, waits)-------+
 *
 * Each case says which transition it covers; memory is checked back at
 * its baseline at the end of the suite (suite_exit).
 */
#include <kunit/test.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/ktime.h>
#include <linux/smp.h>
#include <linux/cpu.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/atomic.h>
#include <linux/wait.h>
#include <kernel/sched.h>
#include <kernel/mm.h>
#include <kernel/panic.h>

static atomic_t fn_runs;

/* The stop-only shape from Linux's documentation. */
static int stop_loop_fn(void *data)
{
	atomic_inc(&fn_runs);
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 42;
}

/* The parkable shape. */
static int park_loop_fn(void *data)
{
	atomic_t *iters = data;

	for (;;) {
		if (kthread_should_stop())
			break;
		if (kthread_should_park()) {
			kthread_parkme();
			if (iters)
				atomic_inc(iters);
			continue;
		}
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop_or_park())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 7;
}

static void stop_before_first_wakeup_returns_eintr(struct kunit *test)
{
	struct task_struct *k;

	atomic_set(&fn_runs, 0);
	k = kthread_create(stop_loop_fn, NULL, "kt_never");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, k);
	KUNIT_EXPECT_EQ(test, READ_ONCE(k->__state), (unsigned int)TASK_UNINTERRUPTIBLE);
	KUNIT_EXPECT_EQ(test, kthread_stop(k), -EINTR);
	KUNIT_EXPECT_EQ(test, atomic_read(&fn_runs), 0);
}

static void stop_returns_threadfn_result(struct kunit *test)
{
	struct task_struct *k;

	atomic_set(&fn_runs, 0);
	k = kthread_run(stop_loop_fn, NULL, "kt_run");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, k);
	for (int t = 0; t < 2000 && !atomic_read(&fn_runs); t++)
		msleep(1);	/* in threadfn, so the stop returns its result */
	KUNIT_EXPECT_EQ(test, kthread_stop(k), 42);
}

static int exit_early_fn(void *data)
{
	complete(data);
	return 99;
}

static void stop_after_self_exit_returns_its_code(struct kunit *test)
{
	DECLARE_COMPLETION_ONSTACK(ran);
	struct task_struct *k = kthread_create(exit_early_fn, &ran, "kt_exits");

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, k);
	get_task_struct(k);
	wake_up_process(k);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&ran, HZ), 0UL);
	msleep(10);	/* it has surely exited by now */
	KUNIT_EXPECT_TRUE(test, k->flags & PF_EXITING);
	KUNIT_EXPECT_EQ(test, kthread_stop_put(k), 99);
}

static int complete_exit_fn(void *data)
{
	kthread_complete_and_exit(data, 5);
}

static void complete_and_exit_and_kthread_exit(struct kunit *test)
{
	DECLARE_COMPLETION_ONSTACK(done);
	struct task_struct *k = kthread_create(complete_exit_fn, &done, "kt_cae");

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, k);
	get_task_struct(k);
	wake_up_process(k);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&done, HZ), 0UL);
	KUNIT_EXPECT_EQ(test, kthread_stop_put(k), 5);
}

/* A thread that stops another while it is itself being stopped. */
struct chain {
	struct task_struct *victim;
	int victim_ret;
	struct completion started;
};

static int stopper_fn(void *data)
{
	struct chain *c = data;

	complete(&c->started);
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	c->victim_ret = kthread_stop(c->victim);
	return 1;
}

static void stopping_while_stopping_another_no_deadlock(struct kunit *test)
{
	struct chain c = {};
	struct task_struct *a;
	u64 t0 = ktime_get_ns();

	init_completion(&c.started);
	atomic_set(&fn_runs, 0);
	c.victim = kthread_run(stop_loop_fn, NULL, "kt_victim");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, c.victim);
	for (int t = 0; t < 1000 && !atomic_read(&fn_runs); t++)
		msleep(1);	/* in its threadfn, so its stop returns 42 */
	a = kthread_run(stopper_fn, &c, "kt_stopper");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, a);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&c.started, HZ), 0UL);
	KUNIT_EXPECT_EQ(test, kthread_stop(a), 1);
	KUNIT_EXPECT_EQ(test, c.victim_ret, 42);
	KUNIT_EXPECT_LT(test, ktime_get_ns() - t0, 2ULL * NSEC_PER_SEC);
}

static void stop_self_warns_edeadlk(struct kunit *test)
{
	unsigned long warns = warn_count;

	/* current (the test case's own kthread, made by kthread_create()) */
	KUNIT_EXPECT_EQ(test, kthread_stop(current), -EDEADLK);
	KUNIT_EXPECT_EQ(test, warn_count, warns + 1);
}

/* 16 threads stopped concurrently from 4 CPUs (or as many as there are). */
struct mass_stop {
	struct task_struct *victims[16];
	atomic_t next, good;
	struct completion done;
	atomic_t left;
};

static int mass_stopper_fn(void *data)
{
	struct mass_stop *m = data;
	int i;

	while ((i = atomic_fetch_inc(&m->next)) < 16)
		if (kthread_stop(m->victims[i]) == 42)
			atomic_inc(&m->good);
	if (atomic_dec_and_test(&m->left))
		complete(&m->done);
	return 0;
}

static void sixteen_threads_stopped_from_four_cpus(struct kunit *test)
{
	struct mass_stop *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);
	int nstoppers = min_t(int, 4, num_online_cpus()), cpu = -1;

	KUNIT_ASSERT_NOT_NULL(test, m);
	atomic_set(&fn_runs, 0);
	for (int i = 0; i < 16; i++) {
		m->victims[i] = kthread_run(stop_loop_fn, NULL, "kt_mass/%d", i);
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, m->victims[i]);
	}
	/* all in threadfn first (a stop before that returns -EINTR, by design) */
	for (int t = 0; t < 2000 && atomic_read(&fn_runs) < 16; t++)
		msleep(1);
	init_completion(&m->done);
	atomic_set(&m->left, nstoppers);
	for (int s = 0; s < nstoppers; s++) {
		struct task_struct *k;

		cpu = cpumask_next(cpu, cpu_online_mask);
		k = kthread_create_on_cpu(mass_stopper_fn, m, cpu, "kt_ms/%u");
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, k);
		wake_up_process(k);
	}
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&m->done, 5 * HZ), 0UL);
	KUNIT_EXPECT_EQ(test, atomic_read(&m->good), 16);
}

static void park_before_wakeup_parks_without_running_fn(struct kunit *test)
{
	struct task_struct *k;

	atomic_set(&fn_runs, 0);
	k = kthread_create(stop_loop_fn, NULL, "kt_parkfirst");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, k);
	KUNIT_EXPECT_EQ(test, kthread_park(k), 0);
	KUNIT_EXPECT_EQ(test, READ_ONCE(k->__state), (unsigned int)TASK_PARKED);
	KUNIT_EXPECT_FALSE(test, task_on_cpu(k));
	KUNIT_EXPECT_EQ(test, atomic_read(&fn_runs), 0);
	/* a stray wake-up does not wake a parked thread */
	KUNIT_EXPECT_EQ(test, wake_up_process(k), 0);
	KUNIT_EXPECT_EQ(test, READ_ONCE(k->__state), (unsigned int)TASK_PARKED);
	kthread_unpark(k);
	for (int t = 0; t < 2000 && !atomic_read(&fn_runs); t++)
		msleep(1);
	KUNIT_EXPECT_EQ(test, atomic_read(&fn_runs), 1);
	KUNIT_EXPECT_EQ(test, kthread_stop(k), 42);
}

static void park_unpark_10k_cycles(struct kunit *test)
{
	atomic_t iters = ATOMIC_INIT(0);
	struct task_struct *k = kthread_run(park_loop_fn, &iters, "kt_park");
	u64 t0 = ktime_get_ns();

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, k);
	/* in threadfn (sleeping in its loop) before the first park */
	for (int t = 0; t < 1000 && !wait_task_inactive(k, TASK_INTERRUPTIBLE); t++)
		msleep(1);
	for (int i = 0; i < 10000; i++) {
		KUNIT_ASSERT_EQ(test, kthread_park(k), 0);
		KUNIT_ASSERT_EQ(test, READ_ONCE(k->__state), (unsigned int)TASK_PARKED);
		kthread_unpark(k);
	}
	kunit_info(test, "10000 park/unpark pairs in %llu ms", (ktime_get_ns() - t0) / NSEC_PER_MSEC);
	KUNIT_EXPECT_EQ(test, kthread_stop(k), 7);
	/*
	 * Each unpark lets threadfn's kthread_parkme() return, unless the next
	 * park request arrives before the thread has run: it then parks again
	 * inside the same call (Linux's loop does the same).  So 1..10000.
	 */
	KUNIT_EXPECT_GE(test, atomic_read(&iters), 1);
	KUNIT_EXPECT_LE(test, atomic_read(&iters), 10000);
}

static void stop_of_parked_thread_works(struct kunit *test)
{
	struct task_struct *k = kthread_run(park_loop_fn, NULL, "kt_parkstop");

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, k);
	KUNIT_ASSERT_EQ(test, kthread_park(k), 0);
	KUNIT_EXPECT_EQ(test, kthread_stop(k), 7);
}

static void park_misuse(struct kunit *test)
{
	unsigned long warns;
	DECLARE_COMPLETION_ONSTACK(ran);
	struct task_struct *k = kthread_run(park_loop_fn, NULL, "kt_misuse"), *e;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, k);
	KUNIT_ASSERT_EQ(test, kthread_park(k), 0);
	warns = warn_count;
	KUNIT_EXPECT_EQ(test, kthread_park(k), -EBUSY);	/* double park */
	KUNIT_EXPECT_EQ(test, warn_count, warns + 1);
	kthread_unpark(k);
	kthread_unpark(k);		/* not parked: nothing happens */
	KUNIT_EXPECT_EQ(test, kthread_stop(k), 7);

	e = kthread_create(exit_early_fn, &ran, "kt_gone");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, e);
	get_task_struct(e);
	wake_up_process(e);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&ran, HZ), 0UL);
	msleep(10);
	warns = warn_count;
	KUNIT_EXPECT_EQ(test, kthread_park(e), -ENOSYS);	/* exited */
	KUNIT_EXPECT_EQ(test, warn_count, warns + 1);
	KUNIT_EXPECT_EQ(test, kthread_stop_put(e), 99);
}

static int where_fn(void *data)
{
	int *cpu = data;

	*cpu = smp_processor_id();
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

static void bind_before_start_and_misuse_after(struct kunit *test)
{
	int target = cpumask_last(cpu_online_mask), ran_on = -1;
	struct task_struct *k = kthread_create(where_fn, &ran_on, "kt_bind");
	unsigned long warns;
	cpumask_t before;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, k);
	kthread_bind(k, target);
	KUNIT_EXPECT_TRUE(test, k->flags & PF_NO_SETAFFINITY);
	KUNIT_EXPECT_TRUE(test, cpumask_equal(k->cpus_ptr, cpumask_of(target)));
	wake_up_process(k);
	for (int t = 0; t < 2000 && READ_ONCE(ran_on) < 0; t++)
		msleep(1);
	KUNIT_EXPECT_EQ(test, ran_on, target);
	cpumask_copy(&before, k->cpus_ptr);
	warns = warn_count;
	kthread_bind(k, cpumask_first(cpu_online_mask));	/* started: WARN, no change */
	KUNIT_EXPECT_EQ(test, warn_count, warns + 1);
	KUNIT_EXPECT_TRUE(test, cpumask_equal(k->cpus_ptr, &before));
	KUNIT_EXPECT_EQ(test, kthread_stop(k), 0);
}

/* The 2003 primitives' pattern: an init step, then one step per wake-up. */
struct stepper {
	bool inited;
	atomic_t steps;
};

static int stepper_fn(void *data)
{
	struct stepper *s = data;

	s->inited = true;
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		schedule();
		__set_current_state(TASK_RUNNING);
		if (kthread_should_stop())
			break;
		atomic_inc(&s->steps);
	}
	__set_current_state(TASK_RUNNING);
	return atomic_read(&s->steps);
}

static void init_then_one_step_per_wakeup(struct kunit *test)
{
	struct stepper s = {};
	struct task_struct *k = kthread_run(stepper_fn, &s, "kt_stepper");

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, k);
	for (int i = 1; i <= 50; i++) {
		int t;

		/* wait until it sleeps again (bounded), then give it one step */
		for (t = 0; t < 1000 && !wait_task_inactive(k, TASK_INTERRUPTIBLE); t++)
			msleep(1);
		wake_up_process(k);
		for (t = 0; t < 1000 && atomic_read(&s.steps) < i; t++)
			msleep(1);
		if (atomic_read(&s.steps) != i) {
			KUNIT_FAIL(test, "step %d: thread made %d steps", i, atomic_read(&s.steps));
			break;	/* (no ASSERT: the thread uses our stack until stopped) */
		}
	}
	KUNIT_EXPECT_TRUE(test, s.inited);
	KUNIT_EXPECT_EQ(test, kthread_stop(k), 50);
}

static void creation_context_is_clean(struct kunit *test)
{
	int ran_on = -1;
	struct task_struct *k;
	long old_nice = task_nice(current);
	cpumask_t old_mask;

	/* a creator with nice -5, bound to one CPU */
	cpumask_copy(&old_mask, current->cpus_ptr);
	set_user_nice(current, -5);
	KUNIT_ASSERT_EQ(test, set_cpus_allowed_ptr(current, cpumask_of(cpumask_last(cpu_online_mask))), 0);
	k = kthread_create(where_fn, &ran_on, "kt_context_is_clean_long_name");
	set_user_nice(current, old_nice);
	set_cpus_allowed_ptr(current, &old_mask);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, k);
	KUNIT_EXPECT_EQ(test, task_nice(k), 0);
	KUNIT_EXPECT_TRUE(test, cpumask_subset(cpu_online_mask, k->cpus_ptr));
	KUNIT_EXPECT_PTR_EQ(test, k->real_parent, kthreadd_task);
	KUNIT_EXPECT_TRUE(test, k->flags & PF_KTHREAD);
	KUNIT_EXPECT_EQ(test, strlen(k->comm), 15UL);
	KUNIT_EXPECT_STREQ(test, k->comm, "kt_context_is_c");
	{
		char full[64];
		get_kthread_comm(full, sizeof(full), k);
		KUNIT_EXPECT_STREQ(test, full, "kt_context_is_clean_long_name");
	}
	KUNIT_EXPECT_EQ(test, kthread_stop(k), -EINTR);
}

static void kthreadd_is_pid2_child_of_idle(struct kunit *test)
{
	KUNIT_ASSERT_NOT_NULL(test, kthreadd_task);
	KUNIT_EXPECT_EQ(test, kthreadd_task->pid, 2);
	KUNIT_EXPECT_STREQ(test, kthreadd_task->comm, "kthreadd");
	KUNIT_EXPECT_PTR_EQ(test, kthreadd_task->real_parent, &init_task);
	KUNIT_EXPECT_EQ(test, task_nice(kthreadd_task), -5);
	KUNIT_EXPECT_EQ(test, init_task.pid, 0);
}

static void accessors(struct kunit *test)
{
	int x;
	struct task_struct *k = kthread_create(where_fn, &x, "kt_acc");

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, k);
	KUNIT_EXPECT_PTR_EQ(test, kthread_data(k), &x);
	KUNIT_EXPECT_PTR_EQ(test, kthread_probe_data(k), &x);
	KUNIT_EXPECT_PTR_EQ(test, kthread_func(k), (void *)where_fn);
	KUNIT_EXPECT_FALSE(test, kthread_is_per_cpu(k));
	kthread_bind(k, 0);
	kthread_set_per_cpu(k, 0);
	KUNIT_EXPECT_TRUE(test, kthread_is_per_cpu(k));
	kthread_set_per_cpu(k, -1);
	KUNIT_EXPECT_FALSE(test, kthread_is_per_cpu(k));
	KUNIT_EXPECT_EQ(test, kthread_stop(k), -EINTR);
}

/*
 * Every PF_KTHREAD task has a struct kthread (Linux 5.17+), also those
 * that kthread_create() did not make: kthreadd, kernel_init, the idle
 * tasks.  The accessors answer for them (no data, no function, no
 * request pending); park, stop and bind, which need a kthread_create()
 * thread's loop, are refused with a WARN and -EINVAL.
 */
static void kthread_api_on_threads_not_made_by_kthread_create(struct kunit *test)
{
	struct task_struct *init = find_task_by_pid(1), *idle = idle_task(0), *k;
	unsigned long warns;

	KUNIT_ASSERT_NOT_NULL(test, init);
	KUNIT_EXPECT_STREQ(test, init->comm, "kernel_init");
	KUNIT_EXPECT_PTR_NE(test, init, current);	/* the case runs in a kthread of its own */
	KUNIT_EXPECT_NULL(test, kthread_data(kthreadd_task));
	KUNIT_EXPECT_NULL(test, kthread_func(kthreadd_task));
	KUNIT_EXPECT_NULL(test, kthread_probe_data(init));
	KUNIT_EXPECT_NULL(test, kthread_data(idle));
	KUNIT_EXPECT_FALSE(test, kthread_should_stop());
	KUNIT_EXPECT_FALSE(test, kthread_should_park());
	KUNIT_EXPECT_FALSE(test, kthread_is_per_cpu(kthreadd_task));
	kthread_parkme();			/* not asked to park: returns */

	warns = warn_count;
	KUNIT_EXPECT_EQ(test, kthread_park(kthreadd_task), -EINVAL);
	KUNIT_EXPECT_EQ(test, kthread_stop(kthreadd_task), -EINVAL);
	KUNIT_EXPECT_EQ(test, kthread_park(idle), -EINVAL);
	KUNIT_EXPECT_EQ(test, kthread_stop(idle), -EINVAL);
	KUNIT_EXPECT_EQ(test, kthread_stop(init), -EINVAL);
	KUNIT_EXPECT_EQ(test, kthread_stop(current), -EDEADLK);	/* itself, first */
	kthread_bind(kthreadd_task, 0);
	KUNIT_EXPECT_EQ(test, warn_count, warns + 7);
	KUNIT_EXPECT_TRUE(test, cpumask_equal(kthreadd_task->cpus_ptr, cpu_possible_mask));
	kthread_unpark(kthreadd_task);		/* not parked: nothing happens */
	KUNIT_EXPECT_EQ(test, warn_count, warns + 7);

	/* kthreadd still works */
	atomic_set(&fn_runs, 0);
	k = kthread_run(stop_loop_fn, NULL, "kt_after");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, k);
	for (int t = 0; t < 2000 && !atomic_read(&fn_runs); t++)
		msleep(1);
	KUNIT_EXPECT_EQ(test, kthread_stop(k), 42);
	put_task_struct(init);
}

/* 4 CPUs x 50 concurrent kthread_run calls; every threadfn runs once. */
struct runs {
	atomic_t ran[200];
	atomic_t created, left;
	struct completion done;
};

struct run_arg {
	struct runs *r;
	int idx;
};

static int once_fn(void *data)
{
	struct run_arg *a = data;

	atomic_inc(&a->r->ran[a->idx]);
	kfree(a);
	return 0;
}

static int creator_fn(void *data)
{
	struct runs *r = data;
	int base = atomic_fetch_add(50, &r->created);

	for (int i = 0; i < 50; i++) {
		struct run_arg *a = kmalloc(sizeof(*a), GFP_KERNEL);
		struct task_struct *k;

		if (!a)
			continue;
		a->r = r;
		a->idx = base + i;
		k = kthread_run(once_fn, a, "kt_once");
		if (IS_ERR(k))
			kfree(a);
	}
	if (atomic_dec_and_test(&r->left))
		complete(&r->done);
	return 0;
}

static void concurrent_kthread_run_each_fn_once(struct kunit *test)
{
	struct runs *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	int cpu = -1;

	KUNIT_ASSERT_NOT_NULL(test, r);
	init_completion(&r->done);
	atomic_set(&r->left, 4);
	for (int i = 0; i < 4; i++) {
		struct task_struct *k;

		cpu = cpumask_next(cpu, cpu_online_mask);
		if (cpu >= NR_CPUS)
			cpu = cpumask_first(cpu_online_mask);
		k = kthread_create_on_cpu(creator_fn, r, cpu, "kt_creator/%u");
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, k);
		wake_up_process(k);
	}
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&r->done, 10 * HZ), 0UL);
	for (int t = 0; t < 5000; t++) {	/* every thread has run (bounded) */
		int done = 0;

		for (int i = 0; i < 200; i++)
			done += atomic_read(&r->ran[i]) != 0;
		if (done == 200)
			break;
		msleep(1);
	}
	for (int i = 0; i < 200; i++)
		KUNIT_EXPECT_EQ_MSG(test, atomic_read(&r->ran[i]), 1, "thread %d", i);
	KUNIT_EXPECT_EQ(test, wait_for_dead_tasks(2000), 0);
}

static void create_enomem_leaks_nothing(struct kunit *test)
{
	long bytes, pages;

	KUNIT_ASSERT_EQ(test, wait_for_dead_tasks(2000), 0);
	kmem_shrink_all();
	bytes = atomic_long_read(&slab_bytes_in_use);
	pages = nr_pages_in_use_direct();
	for (int nth = 1; nth <= 6; nth++) {
		struct task_struct *k;

		alloc_fail_inject(nth);
		k = kthread_create(stop_loop_fn, NULL, "kt_enomem");
		alloc_fail_inject(0);
		if (IS_ERR(k))
			KUNIT_EXPECT_EQ(test, PTR_ERR(k), -ENOMEM);
		else
			KUNIT_EXPECT_EQ(test, kthread_stop(k), -EINTR);
	}
	KUNIT_EXPECT_EQ(test, wait_for_dead_tasks(2000), 0);
	kmem_shrink_all();
	KUNIT_EXPECT_EQ(test, atomic_long_read(&slab_bytes_in_use), bytes);
	KUNIT_EXPECT_EQ(test, nr_pages_in_use_direct(), pages);
}

/* ---- per-CPU threads across CPU hotplug ---- */

struct pcpu_probe {
	atomic_t wrong_cpu, unparks;
	int cpu;
};

static int pcpu_fn(void *data)
{
	struct pcpu_probe *p = data;

	for (;;) {
		if (kthread_should_stop())
			break;
		if (kthread_should_park()) {
			kthread_parkme();
			/* the first instruction after parking must run on our CPU */
			if (smp_processor_id() != p->cpu)
				atomic_inc(&p->wrong_cpu);
			atomic_inc(&p->unparks);
			continue;
		}
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop_or_park())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

static void percpu_thread_on_its_cpu_after_every_unpark(struct kunit *test)
{
	struct pcpu_probe p = {};
	int cpu = cpumask_last(cpu_online_mask);
	struct task_struct *k;
	int cycles = 1000;

	if (cpu == 0)
		kunit_skip(test, "needs a second CPU to take offline");
	p.cpu = cpu;
	k = kthread_create_on_cpu(pcpu_fn, &p, cpu, "kt_pcpu/%u");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, k);
	kthread_set_per_cpu(k, cpu);
	wake_up_process(k);
	/* into its loop first, so every park happens in its kthread_parkme() */
	for (int t = 0; t < 1000 && !wait_task_inactive(k, TASK_INTERRUPTIBLE); t++)
		msleep(1);
	for (int i = 0; i < cycles; i++) {
		KUNIT_ASSERT_EQ(test, kthread_park(k), 0);
		KUNIT_ASSERT_EQ(test, remove_cpu(cpu), 0);
		KUNIT_ASSERT_FALSE(test, cpu_online(cpu));
		KUNIT_ASSERT_EQ(test, add_cpu(cpu), 0);
		kthread_unpark(k);
		/* let it get past kthread_parkme() before the next park (bounded) */
		for (int t = 0; t < 1000 && atomic_read(&p.unparks) <= i; t++)
			msleep(1);
	}
	for (int t = 0; t < 1000 && atomic_read(&p.unparks) < cycles; t++)
		msleep(1);
	KUNIT_EXPECT_EQ(test, atomic_read(&p.unparks), cycles);
	KUNIT_EXPECT_EQ(test, atomic_read(&p.wrong_cpu), 0);
	KUNIT_EXPECT_EQ(test, kthread_stop(k), 0);
}

static void hotplug_misuse(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, remove_cpu(0), -EBUSY);
	KUNIT_EXPECT_EQ(test, add_cpu(NR_CPUS + 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, add_cpu(0), 0);		/* already online */
}

/* Every non-boot CPU offlined and onlined while hogs and sleepers run. */
static int load_fn(void *data)
{
	atomic_t *work = data;

	while (!kthread_should_stop()) {
		atomic_inc(work);
		if (atomic_read(work) % 64 == 0)
			msleep(1);
		cond_resched();
	}
	return 0;
}

static void hotplug_under_load_nothing_lost(struct kunit *test)
{
	int n = num_online_cpus(), rounds = 100;
	struct task_struct *hogs[16];
	atomic_t work[16];
	int nh = min(2 * n, 16);

	if (n < 2)
		kunit_skip(test, "needs a second CPU");
	for (int i = 0; i < nh; i++) {
		atomic_set(&work[i], 0);
		hogs[i] = kthread_run(load_fn, &work[i], "kt_load/%d", i);
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, hogs[i]);
	}
	for (int r = 0; r < rounds; r++) {
		int cpu;

		for_each_cpu(cpu, cpu_present_mask) {
			if (cpu == 0 || !cpu_online(cpu))
				continue;
			KUNIT_ASSERT_EQ(test, remove_cpu(cpu), 0);
			KUNIT_ASSERT_EQ(test, add_cpu(cpu), 0);
		}
	}
	for (int i = 0; i < nh; i++) {
		int before = atomic_read(&work[i]);

		msleep(5);
		/* every load thread still runs after 100 rounds */
		for (int t = 0; t < 500 && atomic_read(&work[i]) == before; t++)
			msleep(1);
		KUNIT_EXPECT_GT_MSG(test, atomic_read(&work[i]), before, "load %d stalled", i);
		KUNIT_EXPECT_EQ(test, kthread_stop(hogs[i]), 0);
	}
	KUNIT_EXPECT_EQ(test, num_online_cpus(), (unsigned int)n);
}

/*
 * wait_woken() in a stop/park loop.  The thread passes its loop check, then
 * kthread_stop() (or kthread_park()) sets the flag and wakes it while it
 * is still running, so the wake-up finds nothing asleep.  The thread's
 * next wait_woken() must see the flag itself (Linux checks
 * kthread_should_stop_or_park() there) instead of sleeping for good.  The
 * thread holds that window open until the stopper is asleep in its wait,
 * so the interleaving is the same on every run.
 */
struct woken_loop {
	struct wait_queue_head wq;
	struct task_struct *asker;	/* the stopper/parker, once it runs */
	int asker_ret;
	struct completion in_window, asked;
	atomic_t rounds, parks;
	bool park;			/* ask for a park instead of a stop */
	struct task_struct *victim;
};

static void woken_loop_hold_window(struct woken_loop *w)
{
	u64 end = ktime_get_ns() + 2 * NSEC_PER_SEC;
	struct task_struct *asker;

	complete(&w->in_window);
	while (!kthread_should_stop_or_park() && ktime_get_ns() < end)
		yield();
	/* the flag is set; once the asker sleeps, its wake-up is behind us */
	while (!(asker = READ_ONCE(w->asker)) && ktime_get_ns() < end)
		yield();
	while (asker && task_is_running(asker) && ktime_get_ns() < end)
		yield();
}

static int woken_loop_fn(void *data)
{
	struct woken_loop *w = data;
	DEFINE_WAIT_FUNC(wait, woken_wake_function);

	add_wait_queue(&w->wq, &wait);
	while (!kthread_should_stop()) {
		if (kthread_should_park()) {
			atomic_inc(&w->parks);
			kthread_parkme();
			continue;
		}
		if (atomic_inc_return(&w->rounds) == 1)
			woken_loop_hold_window(w);
		wait_woken(&wait, TASK_INTERRUPTIBLE, MAX_SCHEDULE_TIMEOUT);
	}
	remove_wait_queue(&w->wq, &wait);
	return 3;
}

static int woken_asker_fn(void *data)
{
	struct woken_loop *w = data;

	WRITE_ONCE(w->asker, current);
	w->asker_ret = w->park ? kthread_park(w->victim) : kthread_stop(w->victim);
	complete(&w->asked);
	return 0;
}

static void wait_woken_loop_case(struct kunit *test, bool park)
{
	struct woken_loop *w = kunit_kzalloc(test, sizeof(*w), GFP_KERNEL);
	struct task_struct *asker;

	KUNIT_ASSERT_NOT_NULL(test, w);
	init_waitqueue_head(&w->wq);
	init_completion(&w->in_window);
	init_completion(&w->asked);
	w->park = park;
	w->victim = kthread_run(woken_loop_fn, w, "kt_woken");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, w->victim);
	get_task_struct(w->victim);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&w->in_window, 5 * HZ), 0UL);
	asker = kthread_run(woken_asker_fn, w, "kt_woken_ask");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, asker);
	/* a bound for a hang, not a timing assertion: the ask returns at once */
	if (!wait_for_completion_timeout(&w->asked, 10 * HZ)) {
		KUNIT_FAIL(test, "%s did not return: the thread slept through it in wait_woken()",
			   park ? "kthread_park()" : "kthread_stop()");
		wake_up_process(w->victim);	/* rescue it, so the suite goes on */
		wait_for_completion(&w->asked);
	}
	if (park) {
		KUNIT_EXPECT_EQ(test, w->asker_ret, 0);
		KUNIT_EXPECT_EQ(test, READ_ONCE(w->victim->__state), (unsigned int)TASK_PARKED);
		KUNIT_EXPECT_EQ(test, atomic_read(&w->parks), 1);
		KUNIT_EXPECT_EQ(test, kthread_stop(w->victim), 3);
	} else {
		KUNIT_EXPECT_EQ(test, w->asker_ret, 3);
	}
	put_task_struct(w->victim);
}

static void stop_not_lost_in_wait_woken(struct kunit *test)
{
	wait_woken_loop_case(test, false);
}

static void park_not_lost_in_wait_woken(struct kunit *test)
{
	wait_woken_loop_case(test, true);
}

/* ---- suite-wide leak check ---- */

static long suite_bytes, suite_pages;
static bool baseline_pending;

static int kthread_suite_init(struct kunit_suite *suite)
{
	baseline_pending = true;
	return 0;
}

/*
 * The first case takes the baseline: each case runs in a kthread of its
 * own (KUnit's), which then counts in the baseline and in
 * leak_check_last's measurement alike.
 */
static int kthread_case_init(struct kunit *test)
{
	if (!baseline_pending)
		return 0;
	baseline_pending = false;
	wait_for_dead_tasks(2000);
	kmem_shrink_all();
	suite_bytes = atomic_long_read(&slab_bytes_in_use);
	suite_pages = nr_pages_in_use_direct();
	return 0;
}

static void leak_check_last(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, wait_for_dead_tasks(3000), 0);
	kmem_shrink_all();
	KUNIT_EXPECT_EQ(test, atomic_long_read(&slab_bytes_in_use), suite_bytes);
	KUNIT_EXPECT_EQ(test, nr_pages_in_use_direct(), suite_pages);
}

static struct kunit_case kthread_cases[] = {
	KUNIT_CASE(stop_before_first_wakeup_returns_eintr),
	KUNIT_CASE(stop_returns_threadfn_result),
	KUNIT_CASE(stop_after_self_exit_returns_its_code),
	KUNIT_CASE(complete_and_exit_and_kthread_exit),
	KUNIT_CASE(stopping_while_stopping_another_no_deadlock),
	KUNIT_CASE(stop_self_warns_edeadlk),
	KUNIT_CASE(sixteen_threads_stopped_from_four_cpus),
	KUNIT_CASE(park_before_wakeup_parks_without_running_fn),
	KUNIT_CASE(park_unpark_10k_cycles),
	KUNIT_CASE(stop_of_parked_thread_works),
	KUNIT_CASE(park_misuse),
	KUNIT_CASE(bind_before_start_and_misuse_after),
	KUNIT_CASE(init_then_one_step_per_wakeup),
	KUNIT_CASE(creation_context_is_clean),
	KUNIT_CASE(kthreadd_is_pid2_child_of_idle),
	KUNIT_CASE(accessors),
	KUNIT_CASE(kthread_api_on_threads_not_made_by_kthread_create),
	KUNIT_CASE(concurrent_kthread_run_each_fn_once),
	KUNIT_CASE(create_enomem_leaks_nothing),
	KUNIT_CASE(percpu_thread_on_its_cpu_after_every_unpark),
	KUNIT_CASE(hotplug_misuse),
	KUNIT_CASE(hotplug_under_load_nothing_lost),
	KUNIT_CASE(stop_not_lost_in_wait_woken),
	KUNIT_CASE(park_not_lost_in_wait_woken),
	KUNIT_CASE(leak_check_last),
	{}
};

static struct kunit_suite kthread_suite = {
	.name = "kthread",
	.suite_init = kthread_suite_init,
	.init = kthread_case_init,
	.test_cases = kthread_cases,
};
kunit_test_suite(kthread_suite);
