/*
 * Workqueues: the work item's life cycle, the pools' workers, and every
 * corner the Linux history fixed.
 *
 *   idle --queue (PENDING claimed atomically)--> pending --a worker takes it,
 *    ^                                              |    PENDING cleared-->
 *    |  cancel (grab PENDING, off the list)         v
 *    +<------------------------------------------ running --returns--> idle
 *                                   (queued again meanwhile: runs again after,
 *                                    on the same worker, never concurrently)
 *
 *   worker: created (manager, on demand) --> idle <--> busy
 *           idle --destroy_worker (idle timer / teardown)--> dying:
 *           "kworker/dying", id freed at once, detaches itself, exits;
 *           pool teardown waits for the last detach only.
 *
 * Suites: "workqueue" (the API: queueing, PENDING, non-reentrancy,
 * flushing with colours, draining, cancelling, delayed work, ordered
 * workqueues, max_active, destroy, the system workqueues), "workqueue_pool"
 * (concurrency management, workers on demand, the manager's retry,
 * culling, asynchronous destruction, the seed's stress scenario),
 * "workqueue_hotplug" and "workqueue_misuse" (WARN, never corruption).
 * Every wait is bounded; each suite ends with leak accounting against
 * the memory counters taken when it started (per-CPU pools trimmed back
 * to one worker on both sides).
 */
#include <kunit/test.h>
#include <linux/workqueue.h>
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
#include <linux/string.h>
#include <asm/processor.h>
#include <kernel/sched.h>
#include <linux/sched/signal.h>
#include <kernel/mm.h>
#include <kernel/panic.h>

#define TMO		(5 * HZ)	/* bound of every wait on a completion */

/* Poll cond every millisecond for up to ms milliseconds. */
#define WAIT_FOR(cond, ms) ({						\
	unsigned int __waited = 0;					\
	bool __ok;							\
	while (!(__ok = (cond)) && __waited++ < (ms))			\
		msleep(1);						\
	__ok; })

/*
 * Wait (up to TMO) until t sleeps in TASK_UNINTERRUPTIBLE and is off its
 * CPU: a flusher or drainer that has reached its wait.  A sleep of a few
 * milliseconds is no such guarantee on a loaded host.  t must stay alive.
 */
static bool blocked_in_d(struct task_struct *t)
{
	return WAIT_FOR(READ_ONCE(t->__state) == TASK_UNINTERRUPTIBLE &&
			wait_task_inactive(t, TASK_UNINTERRUPTIBLE), 5000);
}

static void spin_ms(unsigned int ms)
{
	u64 end = ktime_get_ns() + (u64)ms * NSEC_PER_MSEC;

	while (ktime_get_ns() < end)
		cpu_relax();
}

/* The highest online CPU (0 on one CPU): the target of per-CPU tests. */
static int test_cpu(void)
{
	return cpumask_last(cpu_online_mask);
}

static void atomic_max(atomic_t *m, int v)
{
	int old = atomic_read(m);

	while (old < v && !atomic_try_cmpxchg(m, &old, v))
		;
}

/* ---- the probe: a work item that records how it ran ---- */

struct probe {
	struct work_struct work;
	struct completion started;	/* the function was entered */
	struct completion release;	/* a blocking probe waits for it */
	struct completion done;		/* the function returned */
	atomic_t runs;
	bool block;
	int sleep_ms, spin_ms;
	int cpu;			/* where it last ran */
	struct task_struct *task;	/* the worker that last ran it */
	char comm[TASK_COMM_LEN];
	bool pending_at_entry;
	struct work_struct *cur;	/* current_work() inside */
	u64 t_start, t_end;
	atomic_t *running, *max_running;	/* concurrency tracking, optional */
	int *log, id;			/* order log, optional */
	atomic_t *logpos;
};

static void probe_fn(struct work_struct *work)
{
	struct probe *p = container_of(work, struct probe, work);

	p->t_start = ktime_get_ns();
	p->cpu = raw_smp_processor_id();
	p->task = current;
	get_task_comm(p->comm, current);
	p->pending_at_entry = work_pending(work);
	p->cur = current_work();
	if (p->running)
		atomic_max(p->max_running, atomic_inc_return(p->running));
	if (p->log)
		p->log[atomic_fetch_inc(p->logpos)] = p->id;
	complete(&p->started);
	if (p->block)
		wait_for_completion_timeout(&p->release, TMO);
	if (p->sleep_ms)
		msleep(p->sleep_ms);
	if (p->spin_ms)
		spin_ms(p->spin_ms);
	if (p->running)
		atomic_dec(p->running);
	p->t_end = ktime_get_ns();
	atomic_inc(&p->runs);
	complete(&p->done);
}

static void probe_init(struct probe *p)
{
	memset(p, 0, sizeof(*p));
	INIT_WORK(&p->work, probe_fn);
	init_completion(&p->started);
	init_completion(&p->release);
	init_completion(&p->done);
}

static bool started(struct probe *p)
{
	return wait_for_completion_timeout(&p->started, TMO) != 0;
}

static bool finished(struct probe *p)
{
	return wait_for_completion_timeout(&p->done, TMO) != 0;
}

/* ---- running a function on every online CPU at once ---- */

struct par {
	void (*fn)(struct par *par, int cpu);
	void *arg;
	atomic_t ready, left;
	int nr;
	struct completion done;
};

static int par_thread(void *data)
{
	struct par *par = data;
	int cpu = raw_smp_processor_id();

	atomic_inc(&par->ready);
	while (atomic_read(&par->ready) < par->nr)
		cpu_relax();
	par->fn(par, cpu);
	if (atomic_dec_and_test(&par->left))
		complete(&par->done);
	return 0;
}

/* Return: true if every CPU's call returned within ms (else par is leaked). */
static bool run_on_all_cpus(struct par *par, unsigned int ms)
{
	int cpu;

	par->nr = num_online_cpus();
	atomic_set(&par->ready, 0);
	atomic_set(&par->left, par->nr);
	init_completion(&par->done);
	for_each_online_cpu(cpu) {
		struct task_struct *t = kthread_create_on_cpu(par_thread, par, cpu, "wqt_par/%u");

		if (IS_ERR(t))
			return false;
		wake_up_process(t);
	}
	return wait_for_completion_timeout(&par->done, msecs_to_jiffies(ms)) != 0;
}

/* ---- memory accounting ---- */

static long suite_bytes, suite_pages;
static int suite_tasks;

/*
 * Wait until the number of live tasks is back to tasks (a detached worker
 * may still be on its way out of the kthread code), then for their final
 * free.  Return: true if it got there within ms.
 */
static bool wait_for_tasks(int tasks, unsigned int ms)
{
	bool ok = WAIT_FOR(atomic_read(&nr_tasks_alive) <= tasks, ms);

	return !wait_for_dead_tasks(ms) && ok;
}

/*
 * Let helper threads of earlier cases finish exiting before a baseline is
 * taken: the number of live tasks stays the same for 20 ms.
 */
static void wait_quiescent(void)
{
	int i, n = atomic_read(&nr_tasks_alive), stable = 0;

	for (i = 0; i < 3000 && stable < 20; i++) {
		wait_for_dead_tasks(1000);
		msleep(1);
		stable = atomic_read(&nr_tasks_alive) == n ? stable + 1 : 0;
		n = atomic_read(&nr_tasks_alive);
	}
}

/* Per-CPU and system pools back to one worker each. */
static void trim_pools(void)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		workqueue_pool_trim(system_wq, cpu, 1);
		workqueue_pool_trim(system_highpri_wq, cpu, 1);
	}
	workqueue_pool_trim(system_unbound_wq, 0, 1);
}

/*
 * The first baseline is taken after 96 threads have existed at once:
 * mapping stacks that far into the stack area allocates page-table pages
 * that stay, which must not count as a leak of the test that first
 * needs that many.
 */
static int warm_fn(void *data)
{
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

static void warm_up_stack_area(void)
{
	static bool done;
	struct task_struct **t;
	int i;

	if (done)
		return;
	done = true;
	t = kcalloc(96, sizeof(*t), GFP_KERNEL);
	if (!t)
		return;
	for (i = 0; i < 96; i++)
		t[i] = kthread_run(warm_fn, NULL, "wqt_warm/%d", i);
	for (i = 0; i < 96; i++)
		if (!IS_ERR_OR_NULL(t[i]))
			kthread_stop(t[i]);
	kfree(t);
}

static bool baseline_pending;

static int wq_suite_init(struct kunit_suite *suite)
{
	warm_up_stack_area();
	baseline_pending = true;
	return 0;
}

/*
 * Before every case; the first one takes the suite's baseline.  Every
 * case runs in a kthread of its own (KUnit's), so the baseline is taken
 * from a case too: the case's kthread and KUnit's bookkeeping for it are
 * then in both the baseline and leak_check_last's count.
 */
static int wq_case_init(struct kunit *test)
{
	if (!baseline_pending)
		return 0;
	baseline_pending = false;
	trim_pools();
	wait_quiescent();
	kmem_shrink_all();
	suite_tasks = atomic_read(&nr_tasks_alive);
	suite_bytes = atomic_long_read(&slab_bytes_in_use);
	suite_pages = nr_pages_in_use_direct();
	return 0;
}

/* After every case: per-CPU pools back to their first worker. */
static void wq_case_exit(struct kunit *test)
{
	trim_pools();
}

static void leak_check_last(struct kunit *test)
{
	trim_pools();
	KUNIT_EXPECT_TRUE(test, wait_for_tasks(suite_tasks, 3000));
	kmem_shrink_all();
	KUNIT_EXPECT_EQ(test, atomic_read(&nr_tasks_alive), suite_tasks);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&slab_bytes_in_use), suite_bytes);
	KUNIT_EXPECT_EQ(test, nr_pages_in_use_direct(), suite_pages);
}

/* A private unbound workqueue on a pool of its own (nice picks the pool). */
static struct workqueue_struct *alloc_private_unbound(const char *name, int max_active, int nice)
{
	struct workqueue_struct *wq = alloc_workqueue("%s", WQ_UNBOUND, max_active, name);
	struct workqueue_attrs *attrs = alloc_workqueue_attrs();

	if (wq && attrs) {
		attrs->nice = nice;
		if (apply_workqueue_attrs(wq, attrs)) {
			destroy_workqueue(wq);
			wq = NULL;
		}
	}
	free_workqueue_attrs(attrs);
	return wq;
}

/* =========================== suite "workqueue" =========================== */

static void queue_runs_item_in_a_kworker(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_workqueue("wqt_basic", 0, 0);
	struct probe p;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	probe_init(&p);
	KUNIT_EXPECT_EQ(test, current_work(), NULL);
	KUNIT_EXPECT_TRUE(test, queue_work_on(test_cpu(), wq, &p.work));
	KUNIT_EXPECT_TRUE(test, finished(&p));
	KUNIT_EXPECT_EQ(test, atomic_read(&p.runs), 1);
	KUNIT_EXPECT_EQ(test, p.cpu, test_cpu());
	KUNIT_EXPECT_TRUE(test, p.task->flags & PF_WQ_WORKER);
	KUNIT_EXPECT_EQ(test, strncmp(p.comm, "kworker/", 8), 0);
	KUNIT_EXPECT_PTR_EQ(test, p.cur, &p.work);
	KUNIT_EXPECT_FALSE(test, p.pending_at_entry);
	KUNIT_EXPECT_FALSE(test, work_pending(&p.work));
	destroy_workqueue(wq);
}

/* PENDING: a second queueing of a pending item is refused; it runs once. */
static void queue_of_pending_item_returns_false(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_ordered_workqueue("wqt_pend", 0);
	struct probe blocker, p;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	probe_init(&blocker);
	probe_init(&p);
	blocker.block = true;
	KUNIT_EXPECT_TRUE(test, queue_work(wq, &blocker.work));
	KUNIT_EXPECT_TRUE(test, started(&blocker));
	KUNIT_EXPECT_TRUE(test, queue_work(wq, &p.work));
	KUNIT_EXPECT_TRUE(test, work_pending(&p.work));
	KUNIT_EXPECT_FALSE(test, queue_work(wq, &p.work));
	KUNIT_EXPECT_FALSE(test, queue_work(system_wq, &p.work));
	KUNIT_EXPECT_EQ(test, work_busy(&p.work), (unsigned int)WORK_BUSY_PENDING);
	complete(&blocker.release);
	flush_workqueue(wq);
	KUNIT_EXPECT_EQ(test, atomic_read(&p.runs), 1);
	KUNIT_EXPECT_EQ(test, work_busy(&p.work), 0U);
	destroy_workqueue(wq);
}

/* Every CPU queues the same idle item at once: exactly one wins each round. */
struct race_arg {
	struct workqueue_struct *wq;
	struct probe *p;
	atomic_t wins;
};

static void race_queue(struct par *par, int cpu)
{
	struct race_arg *a = par->arg;

	if (queue_work(a->wq, &a->p->work))
		atomic_inc(&a->wins);
}

static void pending_is_claimed_atomically_from_all_cpus(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_ordered_workqueue("wqt_race", 0);
	struct race_arg *a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);
	struct probe *p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);
	struct probe *blocker = kunit_kzalloc(test, sizeof(*blocker), GFP_KERNEL);
	struct par *par = kzalloc(sizeof(*par), GFP_KERNEL);
	int round, bad = 0;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_NOT_NULL(test, blocker);
	KUNIT_ASSERT_NOT_NULL(test, par);
	probe_init(p);
	a->wq = wq;
	a->p = p;
	par->fn = race_queue;
	par->arg = a;
	for (round = 0; round < 50; round++) {
		/* the item stays pending behind the blocker while they race */
		probe_init(blocker);
		blocker->block = true;
		queue_work(wq, &blocker->work);
		atomic_set(&a->wins, 0);
		if (!run_on_all_cpus(par, 5000)) {
			KUNIT_FAIL(test, "racers did not finish");
			complete(&blocker->release);
			flush_workqueue(wq);
			return;	/* par leaked on purpose: threads may still use it */
		}
		complete(&blocker->release);
		flush_work(&p->work);
		if (atomic_read(&a->wins) != 1)
			bad++;
	}
	KUNIT_EXPECT_EQ(test, bad, 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&p->runs), 50);
	kfree(par);
	destroy_workqueue(wq);
}

/* PENDING is clear when the function starts: it can queue itself again. */
struct requeuer {
	struct work_struct work;
	struct workqueue_struct *wq;
	atomic_t runs;
	int limit;
	bool pending_seen, requeue_failed;
	struct completion done;
	struct task_struct *first, *other;
};

static void requeue_fn(struct work_struct *work)
{
	struct requeuer *r = container_of(work, struct requeuer, work);
	int n = atomic_inc_return(&r->runs);

	if (work_pending(work))
		r->pending_seen = true;
	if (!r->first)
		r->first = current;
	else if (r->first != current)
		r->other = current;
	if (n < r->limit) {
		if (!queue_work(r->wq, work))
			r->requeue_failed = true;
	} else {
		complete(&r->done);
	}
}

static void self_requeue_works_pending_clear_at_entry(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_workqueue("wqt_self", 0, 0);
	struct requeuer r = { .limit = 100 };

	KUNIT_ASSERT_NOT_NULL(test, wq);
	INIT_WORK(&r.work, requeue_fn);
	init_completion(&r.done);
	r.wq = wq;
	KUNIT_EXPECT_TRUE(test, queue_work(wq, &r.work));
	KUNIT_EXPECT_NE(test, wait_for_completion_timeout(&r.done, TMO), 0UL);
	flush_work(&r.work);
	KUNIT_EXPECT_EQ(test, atomic_read(&r.runs), 100);
	KUNIT_EXPECT_FALSE(test, r.pending_seen);
	KUNIT_EXPECT_FALSE(test, r.requeue_failed);
	destroy_workqueue(wq);
}

/*
 * queue_work is a full barrier even when it returns false: the run that
 * is pending after the call sees every store made before it.
 */
struct seq_item {
	struct work_struct work;
	int value;		/* written by the queuer before queue_work */
	int seen;		/* what the last run read */
};

static void seq_fn(struct work_struct *work)
{
	struct seq_item *s = container_of(work, struct seq_item, work);

	s->seen = READ_ONCE(s->value);
}

static void failed_queue_is_still_a_barrier(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_workqueue("wqt_mb", WQ_UNBOUND, 0);
	struct seq_item s = { .value = 0 };
	int i, failures = 0;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	INIT_WORK(&s.work, seq_fn);
	for (i = 1; i <= 20000; i++) {
		WRITE_ONCE(s.value, i);
		if (!queue_work(wq, &s.work))
			failures++;
	}
	flush_work(&s.work);
	KUNIT_EXPECT_EQ(test, s.seen, 20000);
	kunit_info(test, "%d of 20000 queueings found the item pending", failures);
	destroy_workqueue(wq);
}

/* Queued again while running (from another CPU): runs after, same worker. */
static void requeue_while_running_runs_after_on_same_worker(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_workqueue("wqt_reent", 0, 0);
	int cpu = test_cpu(), other = cpumask_first(cpu_online_mask);
	struct probe p;
	struct task_struct *first;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	probe_init(&p);
	p.block = true;
	KUNIT_EXPECT_TRUE(test, queue_work_on(cpu, wq, &p.work));
	KUNIT_EXPECT_TRUE(test, started(&p));
	first = p.task;
	reinit_completion(&p.started);
	/* another CPU's pwq: must be redirected to the running one */
	KUNIT_EXPECT_TRUE(test, queue_work_on(other, wq, &p.work));
	KUNIT_EXPECT_EQ(test, work_busy(&p.work), (unsigned int)(WORK_BUSY_PENDING | WORK_BUSY_RUNNING));
	msleep(20);
	KUNIT_EXPECT_EQ(test, atomic_read(&p.runs), 0);	/* not concurrently */
	complete_all(&p.release);
	KUNIT_EXPECT_TRUE(test, started(&p));
	flush_work(&p.work);
	KUNIT_EXPECT_EQ(test, atomic_read(&p.runs), 2);
	KUNIT_EXPECT_PTR_EQ(test, p.task, first);
	KUNIT_EXPECT_EQ(test, p.cpu, cpu);
	destroy_workqueue(wq);
}

/* One item hammered from every CPU never runs twice at once. */
struct nonre_arg {
	struct workqueue_struct *wq;
	struct work_struct work;
	atomic_t running, max, runs;
};

static void nonre_fn(struct work_struct *work)
{
	struct nonre_arg *a = container_of(work, struct nonre_arg, work);

	atomic_max(&a->max, atomic_inc_return(&a->running));
	udelay(20);
	atomic_dec(&a->running);
	atomic_inc(&a->runs);
}

/* Queue from this CPU until the item has run 300 times (or 3 s passed). */
static void nonre_queue(struct par *par, int cpu)
{
	struct nonre_arg *a = par->arg;
	u64 end = ktime_get_ns() + 3 * NSEC_PER_SEC;

	while (atomic_read(&a->runs) < 300 && ktime_get_ns() < end) {
		queue_work_on(cpu, a->wq, &a->work);
		udelay(5);
	}
}

static void same_item_never_runs_concurrently_with_itself(struct kunit *test)
{
	struct nonre_arg *a = kzalloc(sizeof(*a), GFP_KERNEL);
	struct par *par = kzalloc(sizeof(*par), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, par);
	a->wq = alloc_workqueue("wqt_nonre", 0, 0);
	KUNIT_ASSERT_NOT_NULL(test, a->wq);
	INIT_WORK(&a->work, nonre_fn);
	par->fn = nonre_queue;
	par->arg = a;
	if (!run_on_all_cpus(par, 8000)) {
		KUNIT_FAIL(test, "queuers did not finish");
		return;
	}
	flush_work(&a->work);
	KUNIT_EXPECT_EQ(test, atomic_read(&a->max), 1);
	KUNIT_EXPECT_GE(test, atomic_read(&a->runs), 300);
	kunit_info(test, "%d runs", atomic_read(&a->runs));
	destroy_workqueue(a->wq);
	kfree(par);
	kfree(a);
}

/* flush_work waits for the instance queued when it was called, not later ones. */
struct forever {
	struct work_struct work;
	struct workqueue_struct *wq;
	atomic_t runs;		/* runs started */
	atomic_t ended;		/* runs returned (after requeueing: never idle) */
	atomic_t stop;
};

static void forever_fn(struct work_struct *work)
{
	struct forever *f = container_of(work, struct forever, work);

	atomic_inc(&f->runs);
	usleep_range(100, 200);
	if (!atomic_read(&f->stop))
		queue_work(f->wq, work);
	atomic_inc(&f->ended);
}

static void flush_work_waits_for_last_instance_only(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_workqueue("wqt_flushw", 0, 0);
	struct forever f = { };
	struct probe p;
	int before;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	probe_init(&p);
	KUNIT_EXPECT_FALSE(test, flush_work(&p.work));		/* never queued */
	p.sleep_ms = 100;
	queue_work(wq, &p.work);
	KUNIT_EXPECT_TRUE(test, flush_work(&p.work));
	KUNIT_EXPECT_EQ(test, atomic_read(&p.runs), 1);
	KUNIT_EXPECT_FALSE(test, flush_work(&p.work));		/* idle now */

	/* a self-requeueing item does not livelock its flusher */
	INIT_WORK(&f.work, forever_fn);
	f.wq = wq;
	queue_work(wq, &f.work);
	msleep(5);
	/* running or pending at the call: flush waits for that run's end, no more */
	before = atomic_read(&f.ended);
	KUNIT_EXPECT_TRUE(test, flush_work(&f.work));
	KUNIT_EXPECT_GT(test, atomic_read(&f.ended), before);
	atomic_set(&f.stop, 1);
	cancel_work_sync(&f.work);
	destroy_workqueue(wq);
}

/* flush_workqueue: colours, so later items never hold up a flush; > 15 flushers. */
struct flusher {
	struct workqueue_struct *wq;
	struct completion done;
};

static int flusher_thread(void *data)
{
	struct flusher *f = data;

	flush_workqueue(f->wq);
	complete(&f->done);
	return 0;
}

#define NFLUSH 20

static void flush_workqueue_colours_later_work_never_stalls(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_workqueue("wqt_colors", WQ_UNBOUND, 64);
	struct probe *items = kunit_kcalloc(test, NFLUSH, sizeof(*items), GFP_KERNEL);
	struct flusher *fl = kzalloc(NFLUSH * sizeof(*fl), GFP_KERNEL);
	struct task_struct *t;
	int i, k, early = 0, late = 0;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	KUNIT_ASSERT_NOT_NULL(test, items);
	KUNIT_ASSERT_NOT_NULL(test, fl);
	for (i = 0; i < NFLUSH; i++) {
		probe_init(&items[i]);
		items[i].block = true;
		KUNIT_EXPECT_TRUE(test, queue_work(wq, &items[i].work));
		fl[i].wq = wq;
		init_completion(&fl[i].done);
		t = kthread_run(flusher_thread, &fl[i], "wqt_fl/%d", i);
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t);
		/* flusher i waits (its colour taken) before item i+1 is queued */
		KUNIT_ASSERT_TRUE(test, blocked_in_d(t));
	}
	/*
	 * Release item k: flusher k (one of the 14 with a colour of their
	 * own) ends now, though items k+1.. (later colours) are still
	 * blocked; no flusher i >= k ends before.  Flushers 14.. overflowed
	 * the 15 colours and share the colour given when one came free.
	 */
	for (k = 0; k < NFLUSH; k++) {
		for (i = k; i < NFLUSH; i++)
			if (completion_done(&fl[i].done))
				early++;
		complete(&items[k].release);
		if (k < WORK_NR_COLORS - 1 && !wait_for_completion_timeout(&fl[k].done, TMO))
			late++;
	}
	for (i = WORK_NR_COLORS - 1; i < NFLUSH; i++)
		if (!wait_for_completion_timeout(&fl[i].done, TMO))
			late++;
	KUNIT_EXPECT_EQ(test, early, 0);
	KUNIT_EXPECT_EQ(test, late, 0);
	for (i = 0; i < NFLUSH; i++)
		KUNIT_EXPECT_TRUE(test, finished(&items[i]));
	if (!late)
		kfree(fl);
	destroy_workqueue(wq);
}

/* A flush started while a long item runs ends though newer items keep coming. */
static void flush_workqueue_not_livelocked_by_requeue(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_workqueue("wqt_fl2", 0, 0);
	struct forever f = { };

	KUNIT_ASSERT_NOT_NULL(test, wq);
	INIT_WORK(&f.work, forever_fn);
	f.wq = wq;
	queue_work(wq, &f.work);
	msleep(5);
	flush_workqueue(wq);	/* would never return if later colours counted */
	KUNIT_EXPECT_GT(test, atomic_read(&f.runs), 0);
	atomic_set(&f.stop, 1);
	cancel_work_sync(&f.work);
	destroy_workqueue(wq);
}

/* drain: chained work runs to the end; outside queueing is refused (WARN). */
struct chain {
	struct work_struct work;
	struct workqueue_struct *wq;
	atomic_t runs;
	int limit;
	struct completion gate;		/* the first run waits here */
	struct completion entered;
};

static void chain_fn(struct work_struct *work)
{
	struct chain *c = container_of(work, struct chain, work);

	if (atomic_inc_return(&c->runs) == 1) {
		complete(&c->entered);
		wait_for_completion_timeout(&c->gate, TMO);
	}
	if (atomic_read(&c->runs) < c->limit)
		queue_work(c->wq, work);
}

struct drainer {
	struct workqueue_struct *wq;
	struct completion done;
};

static int drain_thread(void *data)
{
	struct drainer *d = data;

	drain_workqueue(d->wq);
	complete(&d->done);
	return 0;
}

static void drain_runs_chained_work_and_refuses_others(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_workqueue("wqt_drain", 0, 0);
	struct chain c = { .limit = 50 };
	struct drainer *d = kzalloc(sizeof(*d), GFP_KERNEL);
	struct probe outsider;
	struct task_struct *t;
	unsigned long warns;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	KUNIT_ASSERT_NOT_NULL(test, d);
	INIT_WORK(&c.work, chain_fn);
	init_completion(&c.gate);
	init_completion(&c.entered);
	c.wq = wq;
	probe_init(&outsider);
	queue_work(wq, &c.work);
	KUNIT_EXPECT_NE(test, wait_for_completion_timeout(&c.entered, TMO), 0UL);
	d->wq = wq;
	init_completion(&d->done);
	t = kthread_run(drain_thread, d, "wqt_drainer");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t);
	/* blocked in its flush (the chain item waits for the gate): DRAINING is set */
	KUNIT_ASSERT_TRUE(test, blocked_in_d(t));
	warns = warn_count;
	queue_work(wq, &outsider.work);	/* refused: WARN, dropped */
	KUNIT_EXPECT_EQ(test, warn_count, warns + 1);
	KUNIT_EXPECT_FALSE(test, work_pending(&outsider.work));
	complete(&c.gate);
	KUNIT_EXPECT_NE(test, wait_for_completion_timeout(&d->done, TMO), 0UL);
	KUNIT_EXPECT_EQ(test, atomic_read(&c.runs), 50);
	KUNIT_EXPECT_EQ(test, atomic_read(&outsider.runs), 0);
	/* after the drain, queueing works again */
	KUNIT_EXPECT_TRUE(test, queue_work(wq, &outsider.work));
	KUNIT_EXPECT_TRUE(test, finished(&outsider));
	kfree(d);
	destroy_workqueue(wq);
}

/* cancel_work_sync against a self-requeueing item, and two cancellers at once. */
struct canceller {
	struct work_struct *work;
	bool ret;
	struct completion done;
};

static int cancel_thread(void *data)
{
	struct canceller *c = data;

	c->ret = cancel_work_sync(c->work);
	complete(&c->done);
	return 0;
}

static void cancel_work_sync_self_requeueing_two_cancellers(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_workqueue("wqt_cancel", 0, 0);
	struct forever *f = kzalloc(sizeof(*f), GFP_KERNEL);
	struct canceller *c = kzalloc(2 * sizeof(*c), GFP_KERNEL);
	int i, runs, round, hung = 0;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	KUNIT_ASSERT_NOT_NULL(test, f);
	KUNIT_ASSERT_NOT_NULL(test, c);
	INIT_WORK(&f->work, forever_fn);
	f->wq = wq;
	/* one canceller */
	queue_work(wq, &f->work);
	KUNIT_EXPECT_TRUE(test, WAIT_FOR(atomic_read(&f->runs) > 3, 2000));
	cancel_work_sync(&f->work);
	runs = atomic_read(&f->runs);
	KUNIT_EXPECT_GT(test, runs, 0);
	KUNIT_EXPECT_EQ(test, work_busy(&f->work), 0U);
	msleep(10);
	KUNIT_EXPECT_EQ(test, atomic_read(&f->runs), runs);	/* stopped for good */
	/* two at once, 20 times */
	for (round = 0; round < 20 && !hung; round++) {
		queue_work(wq, &f->work);
		usleep_range(200, 500);
		for (i = 0; i < 2; i++) {
			c[i].work = &f->work;
			init_completion(&c[i].done);
			KUNIT_ASSERT_NOT_ERR_OR_NULL(test, kthread_run(cancel_thread, &c[i], "wqt_cx/%d", i));
		}
		for (i = 0; i < 2; i++)
			if (!wait_for_completion_timeout(&c[i].done, TMO))
				hung++;
		runs = atomic_read(&f->runs);
		msleep(2);
		KUNIT_EXPECT_EQ(test, atomic_read(&f->runs), runs);
		KUNIT_EXPECT_FALSE(test, work_pending(&f->work));
	}
	KUNIT_EXPECT_EQ(test, hung, 0);
	if (hung)
		return;		/* leak f and c: threads may still use them */
	/* a cancelled item can be queued again */
	atomic_set(&f->stop, 1);
	KUNIT_EXPECT_TRUE(test, queue_work(wq, &f->work));
	flush_work(&f->work);
	destroy_workqueue(wq);
	kfree(c);
	kfree(f);
}

static void cancel_work_returns_whether_it_was_pending(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_ordered_workqueue("wqt_cw", 0);
	struct probe blocker, p;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	probe_init(&blocker);
	probe_init(&p);
	blocker.block = true;
	KUNIT_EXPECT_FALSE(test, cancel_work(&p.work));
	KUNIT_EXPECT_FALSE(test, cancel_work_sync(&p.work));
	queue_work(wq, &blocker.work);
	KUNIT_EXPECT_TRUE(test, started(&blocker));
	queue_work(wq, &p.work);		/* inactive behind the blocker */
	KUNIT_EXPECT_TRUE(test, cancel_work(&p.work));
	KUNIT_EXPECT_FALSE(test, work_pending(&p.work));
	queue_work(wq, &p.work);
	KUNIT_EXPECT_TRUE(test, cancel_work_sync(&p.work));
	complete(&blocker.release);
	flush_workqueue(wq);
	KUNIT_EXPECT_EQ(test, atomic_read(&p.runs), 0);
	/* still usable */
	KUNIT_EXPECT_TRUE(test, queue_work(wq, &p.work));
	KUNIT_EXPECT_TRUE(test, finished(&p));
	destroy_workqueue(wq);
}

/* Delayed work: the timer, delay 0, queue vs mod, cancel, flush. */
struct dprobe {
	struct delayed_work dwork;
	atomic_t runs;
	u64 t_run;
	int cpu;
};

static void dprobe_fn(struct work_struct *work)
{
	struct dprobe *d = container_of(to_delayed_work(work), struct dprobe, dwork);

	d->t_run = ktime_get_ns();
	d->cpu = raw_smp_processor_id();
	atomic_inc(&d->runs);
}

static void delayed_work_runs_after_its_delay(struct kunit *test)
{
	struct dprobe d = { };
	u64 t0;

	INIT_DELAYED_WORK(&d.dwork, dprobe_fn);
	t0 = ktime_get_ns();
	KUNIT_EXPECT_TRUE(test, schedule_delayed_work(&d.dwork, msecs_to_jiffies(30)));
	KUNIT_EXPECT_TRUE(test, delayed_work_pending(&d.dwork));
	KUNIT_EXPECT_TRUE(test, timer_pending(&d.dwork.timer));
	KUNIT_EXPECT_FALSE(test, schedule_delayed_work(&d.dwork, 1));
	KUNIT_EXPECT_TRUE(test, WAIT_FOR(atomic_read(&d.runs) == 1, 2000));
	KUNIT_EXPECT_GE(test, d.t_run - t0, 29 * NSEC_PER_MSEC);
	flush_delayed_work(&d.dwork);

	/* delay 0: queued at once, no timer */
	KUNIT_EXPECT_TRUE(test, queue_delayed_work_on(test_cpu(), system_wq, &d.dwork, 0));
	KUNIT_EXPECT_FALSE(test, timer_pending(&d.dwork.timer));
	flush_delayed_work(&d.dwork);	/* true or false: it may have run already */
	KUNIT_EXPECT_EQ(test, atomic_read(&d.runs), 2);
	KUNIT_EXPECT_EQ(test, d.cpu, test_cpu());
}

static void mod_delayed_work_changes_expiry_queue_does_not(struct kunit *test)
{
	struct dprobe d = { };

	INIT_DELAYED_WORK(&d.dwork, dprobe_fn);
	KUNIT_EXPECT_FALSE(test, mod_delayed_work(system_wq, &d.dwork, HZ));	/* idle: queued */
	KUNIT_EXPECT_TRUE(test, delayed_work_pending(&d.dwork));
	KUNIT_EXPECT_FALSE(test, queue_delayed_work(system_wq, &d.dwork, 1));	/* keeps 1 s */
	msleep(30);
	KUNIT_EXPECT_EQ(test, atomic_read(&d.runs), 0);
	KUNIT_EXPECT_TRUE(test, mod_delayed_work(system_wq, &d.dwork, 5));	/* was pending */
	KUNIT_EXPECT_TRUE(test, WAIT_FOR(atomic_read(&d.runs) == 1, 1000));
	/* mod to 0: as soon as possible */
	queue_delayed_work(system_wq, &d.dwork, HZ);
	KUNIT_EXPECT_TRUE(test, mod_delayed_work(system_wq, &d.dwork, 0));
	KUNIT_EXPECT_TRUE(test, WAIT_FOR(atomic_read(&d.runs) == 2, 1000));
	flush_delayed_work(&d.dwork);
}

static void cancel_and_flush_delayed_work(struct kunit *test)
{
	struct dprobe d = { };

	INIT_DELAYED_WORK(&d.dwork, dprobe_fn);
	KUNIT_EXPECT_FALSE(test, cancel_delayed_work(&d.dwork));
	schedule_delayed_work(&d.dwork, HZ);
	KUNIT_EXPECT_TRUE(test, cancel_delayed_work(&d.dwork));
	KUNIT_EXPECT_FALSE(test, delayed_work_pending(&d.dwork));
	schedule_delayed_work(&d.dwork, HZ);
	KUNIT_EXPECT_TRUE(test, cancel_delayed_work_sync(&d.dwork));
	msleep(5);
	KUNIT_EXPECT_EQ(test, atomic_read(&d.runs), 0);
	KUNIT_EXPECT_FALSE(test, timer_pending(&d.dwork.timer));
	/* flush of a pending timer runs it now */
	schedule_delayed_work(&d.dwork, 10 * HZ);
	KUNIT_EXPECT_TRUE(test, flush_delayed_work(&d.dwork));
	KUNIT_EXPECT_EQ(test, atomic_read(&d.runs), 1);
	KUNIT_EXPECT_FALSE(test, delayed_work_pending(&d.dwork));
	KUNIT_EXPECT_FALSE(test, flush_delayed_work(&d.dwork));
}

/* Ordered: one at a time, in queue order, even queued from several CPUs in turn. */
static void ordered_workqueue_one_at_a_time_in_order(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_ordered_workqueue("wqt_ordered", 0);
	struct probe *p = kunit_kcalloc(test, 32, sizeof(*p), GFP_KERNEL);
	int *log = kunit_kcalloc(test, 32, sizeof(int), GFP_KERNEL);
	atomic_t pos = ATOMIC_INIT(0), running = ATOMIC_INIT(0), max = ATOMIC_INIT(0);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_NOT_NULL(test, log);
	for (i = 0; i < 32; i++) {
		probe_init(&p[i]);
		p[i].id = i;
		p[i].log = log;
		p[i].logpos = &pos;
		p[i].running = &running;
		p[i].max_running = &max;
		p[i].sleep_ms = (i % 4 == 0) ? 2 : 0;
		p[i].spin_ms = (i % 4 == 1) ? 1 : 0;
		KUNIT_EXPECT_TRUE(test, queue_work_on(i % num_online_cpus(), wq, &p[i].work));
	}
	flush_workqueue(wq);
	KUNIT_EXPECT_EQ(test, atomic_read(&pos), 32);
	KUNIT_EXPECT_EQ(test, atomic_read(&max), 1);
	for (i = 0; i < 32; i++)
		KUNIT_EXPECT_EQ(test, log[i], i);
	destroy_workqueue(wq);
}

/* max_active: per CPU on a per-CPU workqueue, in total on an unbound one. */
static void max_active_limits_running_items(struct kunit *test)
{
	struct workqueue_struct *pc = alloc_workqueue("wqt_ma", 0, 2);
	struct workqueue_struct *ub = alloc_workqueue("wqt_mau", WQ_UNBOUND, 3);
	struct probe *p = kunit_kcalloc(test, 8, sizeof(*p), GFP_KERNEL);
	atomic_t running = ATOMIC_INIT(0), max = ATOMIC_INIT(0);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, pc);
	KUNIT_ASSERT_NOT_NULL(test, ub);
	KUNIT_ASSERT_NOT_NULL(test, p);
	for (i = 0; i < 8; i++) {
		probe_init(&p[i]);
		p[i].sleep_ms = 10;
		p[i].running = &running;
		p[i].max_running = &max;
		queue_work_on(test_cpu(), pc, &p[i].work);
	}
	KUNIT_EXPECT_TRUE(test, workqueue_congested(test_cpu(), pc));
	flush_workqueue(pc);
	KUNIT_EXPECT_EQ(test, atomic_read(&max), 2);

	atomic_set(&max, 0);
	for (i = 0; i < 8; i++) {
		probe_init(&p[i]);
		p[i].sleep_ms = 10;
		p[i].running = &running;
		p[i].max_running = &max;
		queue_work(ub, &p[i].work);
	}
	flush_workqueue(ub);
	KUNIT_EXPECT_EQ(test, atomic_read(&max), 3);

	/* raising max_active starts waiting items at once */
	for (i = 0; i < 8; i++) {
		probe_init(&p[i]);
		p[i].block = true;
		queue_work(ub, &p[i].work);
	}
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_TRUE(test, started(&p[i]));
	KUNIT_EXPECT_FALSE(test, completion_done(&p[3].started));
	workqueue_set_max_active(ub, 8);
	for (i = 3; i < 8; i++)
		KUNIT_EXPECT_TRUE(test, started(&p[i]));
	for (i = 0; i < 8; i++)
		complete(&p[i].release);
	flush_workqueue(ub);
	destroy_workqueue(ub);
	destroy_workqueue(pc);
}

/* destroy_workqueue drains what is queued, sleeping items included. */
static void destroy_workqueue_drains_queued_items(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_workqueue("wqt_destroy", 0, 0);
	struct probe *p = kunit_kcalloc(test, 16, sizeof(*p), GFP_KERNEL);
	int i, ran = 0;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	KUNIT_ASSERT_NOT_NULL(test, p);
	for (i = 0; i < 16; i++) {
		probe_init(&p[i]);
		p[i].sleep_ms = i % 3;
		queue_work_on(i % num_online_cpus(), wq, &p[i].work);
	}
	destroy_workqueue(wq);
	for (i = 0; i < 16; i++)
		ran += atomic_read(&p[i].runs);
	KUNIT_EXPECT_EQ(test, ran, 16);
}

/* The system workqueues, their workers' names and priorities; on each CPU. */
static atomic_t each_cpu_hits[NR_CPUS];

static void each_cpu_fn(struct work_struct *work)
{
	atomic_inc(&each_cpu_hits[raw_smp_processor_id()]);
}

static long on_cpu_fn(void *arg)
{
	return raw_smp_processor_id() + 1000;
}

static void system_workqueues_run_items(struct kunit *test)
{
	struct probe p;
	int cpu;

	KUNIT_ASSERT_NOT_NULL(test, system_wq);
	probe_init(&p);
	KUNIT_EXPECT_TRUE(test, schedule_work(&p.work));
	KUNIT_EXPECT_TRUE(test, finished(&p));
	KUNIT_EXPECT_EQ(test, task_nice(p.task), 0);

	probe_init(&p);
	queue_work_on(test_cpu(), system_highpri_wq, &p.work);
	KUNIT_EXPECT_TRUE(test, finished(&p));
	KUNIT_EXPECT_EQ(test, task_nice(p.task), -20);
	KUNIT_EXPECT_EQ(test, p.comm[strlen(p.comm) - 1], 'H');
	KUNIT_EXPECT_EQ(test, p.cpu, test_cpu());

	probe_init(&p);
	queue_work(system_long_wq, &p.work);
	KUNIT_EXPECT_TRUE(test, finished(&p));

	probe_init(&p);
	queue_work(system_unbound_wq, &p.work);
	KUNIT_EXPECT_TRUE(test, finished(&p));
	KUNIT_EXPECT_EQ(test, strncmp(p.comm, "kworker/u", 9), 0);
	flush_work(&p.work);

	for_each_possible_cpu(cpu)
		atomic_set(&each_cpu_hits[cpu], 0);
	KUNIT_EXPECT_EQ(test, schedule_on_each_cpu(each_cpu_fn), 0);
	for_each_online_cpu(cpu)
		KUNIT_EXPECT_EQ(test, atomic_read(&each_cpu_hits[cpu]), 1);
	KUNIT_EXPECT_EQ(test, work_on_cpu(test_cpu(), on_cpu_fn, NULL), (long)test_cpu() + 1000);
}

/* current_work() and work_busy() through an item's life. */
static void current_work_and_work_busy(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_ordered_workqueue("wqt_busy", 0);
	struct probe a, b;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	probe_init(&a);
	probe_init(&b);
	a.block = true;
	KUNIT_EXPECT_EQ(test, work_busy(&a.work), 0U);
	queue_work(wq, &a.work);
	KUNIT_EXPECT_TRUE(test, started(&a));
	KUNIT_EXPECT_PTR_EQ(test, a.cur, &a.work);
	KUNIT_EXPECT_EQ(test, work_busy(&a.work), (unsigned int)WORK_BUSY_RUNNING);
	queue_work(wq, &b.work);
	KUNIT_EXPECT_EQ(test, work_busy(&b.work), (unsigned int)WORK_BUSY_PENDING);
	queue_work(wq, &a.work);
	KUNIT_EXPECT_EQ(test, work_busy(&a.work), (unsigned int)(WORK_BUSY_PENDING | WORK_BUSY_RUNNING));
	complete_all(&a.release);
	flush_workqueue(wq);
	KUNIT_EXPECT_EQ(test, work_busy(&a.work), 0U);
	KUNIT_EXPECT_EQ(test, work_busy(&b.work), 0U);
	KUNIT_EXPECT_EQ(test, current_work(), NULL);
	destroy_workqueue(wq);
}

static void alloc_workqueue_clamps_max_active(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_workqueue("wqt_clamp%d", 0, 100000, 1);
	struct probe p;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	probe_init(&p);
	queue_work(wq, &p.work);
	KUNIT_EXPECT_TRUE(test, finished(&p));
	destroy_workqueue(wq);
	wq = alloc_workqueue("wqt_clamp%d", WQ_MEM_RECLAIM | WQ_FREEZABLE | WQ_CPU_INTENSIVE, -5, 2);
	KUNIT_ASSERT_NOT_NULL(test, wq);
	probe_init(&p);
	queue_work(wq, &p.work);
	KUNIT_EXPECT_TRUE(test, finished(&p));
	destroy_workqueue(wq);
}

static struct kunit_case workqueue_cases[] = {
	KUNIT_CASE(queue_runs_item_in_a_kworker),
	KUNIT_CASE(queue_of_pending_item_returns_false),
	KUNIT_CASE(pending_is_claimed_atomically_from_all_cpus),
	KUNIT_CASE(self_requeue_works_pending_clear_at_entry),
	KUNIT_CASE(failed_queue_is_still_a_barrier),
	KUNIT_CASE(requeue_while_running_runs_after_on_same_worker),
	KUNIT_CASE(same_item_never_runs_concurrently_with_itself),
	KUNIT_CASE(flush_work_waits_for_last_instance_only),
	KUNIT_CASE(flush_workqueue_colours_later_work_never_stalls),
	KUNIT_CASE(flush_workqueue_not_livelocked_by_requeue),
	KUNIT_CASE(drain_runs_chained_work_and_refuses_others),
	KUNIT_CASE(cancel_work_sync_self_requeueing_two_cancellers),
	KUNIT_CASE(cancel_work_returns_whether_it_was_pending),
	KUNIT_CASE(delayed_work_runs_after_its_delay),
	KUNIT_CASE(mod_delayed_work_changes_expiry_queue_does_not),
	KUNIT_CASE(cancel_and_flush_delayed_work),
	KUNIT_CASE(ordered_workqueue_one_at_a_time_in_order),
	KUNIT_CASE(max_active_limits_running_items),
	KUNIT_CASE(destroy_workqueue_drains_queued_items),
	KUNIT_CASE(system_workqueues_run_items),
	KUNIT_CASE(current_work_and_work_busy),
	KUNIT_CASE(alloc_workqueue_clamps_max_active),
	KUNIT_CASE(leak_check_last),
	{}
};

static struct kunit_suite workqueue_suite = {
	.name = "workqueue",
	.suite_init = wq_suite_init,
	.init = wq_case_init,
	.exit = wq_case_exit,
	.test_cases = workqueue_cases,
};

/* ========================= suite "workqueue_pool" ========================= */

/* Concurrency management: an item that sleeps lets the next one run. */
static void sleeping_item_lets_the_next_run(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_workqueue("wqt_cm", 0, 0);
	struct probe a, b;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	probe_init(&a);
	probe_init(&b);
	a.sleep_ms = 100;
	queue_work_on(test_cpu(), wq, &a.work);
	queue_work_on(test_cpu(), wq, &b.work);
	KUNIT_EXPECT_TRUE(test, finished(&b));
	KUNIT_EXPECT_TRUE(test, finished(&a));
	KUNIT_EXPECT_LT(test, b.t_start, a.t_end);
	KUNIT_EXPECT_PTR_NE(test, a.task, b.task);
	KUNIT_EXPECT_EQ(test, a.cpu, test_cpu());
	KUNIT_EXPECT_EQ(test, b.cpu, test_cpu());
	destroy_workqueue(wq);
}

/* ...and one that spins holds the per-CPU pool back. */
static void spinning_item_holds_the_pool_back(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_workqueue("wqt_cm2", 0, 0);
	struct wq_pool_info info;
	struct probe a, b;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	probe_init(&a);
	probe_init(&b);
	a.spin_ms = 50;
	queue_work_on(test_cpu(), wq, &a.work);
	queue_work_on(test_cpu(), wq, &b.work);
	KUNIT_EXPECT_TRUE(test, started(&a));
	KUNIT_EXPECT_EQ(test, workqueue_pool_info(wq, test_cpu(), &info), 0);
	KUNIT_EXPECT_EQ(test, info.nr_running, 1);
	KUNIT_EXPECT_TRUE(test, finished(&b));
	KUNIT_EXPECT_TRUE(test, finished(&a));
	KUNIT_EXPECT_GE(test, b.t_start, a.t_end);
	/* an unbound pool does not hold back */
	destroy_workqueue(wq);
	wq = alloc_workqueue("wqt_cm3", WQ_UNBOUND, 0);
	KUNIT_ASSERT_NOT_NULL(test, wq);
	probe_init(&a);
	probe_init(&b);
	a.spin_ms = 50;
	queue_work(wq, &a.work);
	KUNIT_EXPECT_TRUE(test, started(&a));
	queue_work(wq, &b.work);
	KUNIT_EXPECT_TRUE(test, finished(&b));
	KUNIT_EXPECT_TRUE(test, finished(&a));
	KUNIT_EXPECT_LT(test, b.t_start, a.t_end);
	destroy_workqueue(wq);
}

/* Workers are created on demand, up to one per blocked item. */
#define K_BLOCKED 12

static void workers_created_on_demand_for_blocked_items(struct kunit *test)
{
	struct workqueue_struct *pc = alloc_workqueue("wqt_grow", 0, 0);
	struct workqueue_struct *ub = alloc_private_unbound("wqt_growu", 0, 3);
	struct probe *p = kunit_kcalloc(test, K_BLOCKED, sizeof(*p), GFP_KERNEL);
	struct wq_pool_info info;
	int i, ok = 0;

	KUNIT_ASSERT_NOT_NULL(test, pc);
	KUNIT_ASSERT_NOT_NULL(test, ub);
	KUNIT_ASSERT_NOT_NULL(test, p);
	for (i = 0; i < K_BLOCKED; i++) {
		probe_init(&p[i]);
		p[i].block = true;
		queue_work_on(test_cpu(), pc, &p[i].work);
	}
	for (i = 0; i < K_BLOCKED; i++)
		ok += started(&p[i]);
	KUNIT_EXPECT_EQ(test, ok, K_BLOCKED);
	workqueue_pool_info(pc, test_cpu(), &info);
	KUNIT_EXPECT_GE(test, info.nr_workers, K_BLOCKED);
	/* all asleep (the last one may still be on its way to sleep) */
	KUNIT_EXPECT_TRUE(test, WAIT_FOR(({ workqueue_pool_info(pc, test_cpu(), &info);
					    info.nr_running == 0; }), 1000));
	for (i = 0; i < K_BLOCKED; i++)
		complete(&p[i].release);
	flush_workqueue(pc);

	for (i = 0, ok = 0; i < K_BLOCKED; i++) {
		probe_init(&p[i]);
		p[i].block = true;
		queue_work(ub, &p[i].work);
	}
	for (i = 0; i < K_BLOCKED; i++)
		ok += started(&p[i]);
	KUNIT_EXPECT_EQ(test, ok, K_BLOCKED);
	workqueue_pool_info(ub, 0, &info);
	KUNIT_EXPECT_GE(test, info.nr_workers, K_BLOCKED);
	KUNIT_EXPECT_EQ(test, info.cpu, -1);
	for (i = 0; i < K_BLOCKED; i++)
		complete(&p[i].release);
	destroy_workqueue(ub);
	destroy_workqueue(pc);
	KUNIT_EXPECT_EQ(test, workqueue_pool_trim(system_wq, test_cpu(), 1), 0);
}

/* The manager retries a failed creation; the work is not lost. */
static void manager_retries_failed_creation_without_losing_work(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_private_unbound("wqt_enomem", 0, 4);
	long fails;
	struct probe a, b;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	probe_init(&a);
	probe_init(&b);
	a.block = true;
	b.block = true;
	queue_work(wq, &a.work);
	KUNIT_EXPECT_TRUE(test, started(&a));	/* its worker made a spare one */
	KUNIT_EXPECT_TRUE(test, WAIT_FOR(({ struct wq_pool_info i; workqueue_pool_info(wq, 0, &i);
					    i.nr_idle >= 1 && !i.manager_active; }), 2000));
	fails = atomic_long_read(&wq_stats.create_failures);
	/* b takes the spare worker, which must make another: its first allocation fails */
	alloc_fail_inject(1);
	queue_work(wq, &b.work);
	KUNIT_EXPECT_TRUE(test, started(&b));
	alloc_fail_inject(0);
	kunit_info(test, "creation failures: %ld", atomic_long_read(&wq_stats.create_failures) - fails);
	KUNIT_EXPECT_TRUE(test, WAIT_FOR(({ struct wq_pool_info i; workqueue_pool_info(wq, 0, &i);
					    i.nr_idle >= 1; }), 2000));
	complete(&a.release);
	complete(&b.release);
	destroy_workqueue(wq);
	KUNIT_EXPECT_EQ(test, atomic_read(&a.runs) + atomic_read(&b.runs), 2);
}

/* Unbound pools: shared by equal attributes, reference counted. */
static void unbound_pools_shared_by_equal_attrs(struct kunit *test)
{
	struct workqueue_struct *a = alloc_private_unbound("wqt_sha", 0, 5);
	struct workqueue_struct *b = alloc_private_unbound("wqt_shb", 0, 5);
	struct workqueue_struct *c = alloc_private_unbound("wqt_shc", 0, 6);
	struct wq_pool_info ia, ib, ic;
	struct probe p;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_NOT_NULL(test, c);
	workqueue_pool_info(a, 0, &ia);
	workqueue_pool_info(b, 0, &ib);
	workqueue_pool_info(c, 0, &ic);
	KUNIT_EXPECT_EQ(test, ia.id, ib.id);
	KUNIT_EXPECT_NE(test, ia.id, ic.id);
	KUNIT_EXPECT_EQ(test, ia.refcnt, 2);
	KUNIT_EXPECT_EQ(test, ic.refcnt, 1);
	KUNIT_EXPECT_EQ(test, ia.nice, 5);
	destroy_workqueue(a);
	workqueue_pool_info(b, 0, &ib);
	KUNIT_EXPECT_EQ(test, ib.refcnt, 1);
	probe_init(&p);
	queue_work(b, &p.work);
	KUNIT_EXPECT_TRUE(test, finished(&p));
	KUNIT_EXPECT_EQ(test, task_nice(p.task), 5);
	flush_work(&p.work);
	destroy_workqueue(b);
	destroy_workqueue(c);
}

/* Culling: down to two idle, oldest first, and Linux's ratio with busy workers. */
static void idle_workers_culled_down_to_two(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_private_unbound("wqt_cull", 0, 7);
	struct probe *p = kunit_kcalloc(test, 12, sizeof(*p), GFP_KERNEL);
	unsigned long old = workqueue_set_idle_timeout(msecs_to_jiffies(20));
	struct wq_pool_info info;
	int i, idle_before;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	KUNIT_ASSERT_NOT_NULL(test, p);
	for (i = 0; i < 12; i++) {
		probe_init(&p[i]);
		p[i].block = true;
		queue_work(wq, &p[i].work);
	}
	for (i = 0; i < 12; i++)
		KUNIT_EXPECT_TRUE(test, started(&p[i]));
	/* 3 go idle, 9 stay busy: (idle - 2) * 4 < 9 keeps them all */
	for (i = 0; i < 3; i++) {
		complete(&p[i].release);
		KUNIT_EXPECT_TRUE(test, finished(&p[i]));
	}
	KUNIT_EXPECT_TRUE(test, WAIT_FOR(({ workqueue_pool_info(wq, 0, &info);
					    info.nr_workers - info.nr_idle == 9; }), 2000));
	idle_before = info.nr_idle;
	msleep(80);
	workqueue_pool_info(wq, 0, &info);
	KUNIT_EXPECT_EQ(test, info.nr_idle, idle_before);
	KUNIT_EXPECT_GE(test, info.nr_idle, 3);
	KUNIT_EXPECT_LE(test, info.nr_idle, 4);
	/* everyone idle: culled down to exactly two */
	for (i = 3; i < 12; i++)
		complete(&p[i].release);
	flush_workqueue(wq);
	KUNIT_EXPECT_TRUE(test, WAIT_FOR(({ workqueue_pool_info(wq, 0, &info);
					    info.nr_workers == 2 && info.nr_attached == 2; }), 3000));
	KUNIT_EXPECT_EQ(test, info.nr_idle, 2);
	msleep(50);
	workqueue_pool_info(wq, 0, &info);
	KUNIT_EXPECT_EQ(test, info.nr_workers, 2);
	workqueue_set_idle_timeout(old);
	destroy_workqueue(wq);
}

/*
 * The seed: destroy_worker does not wait; the dying worker renames itself
 * "kworker/dying", frees its id (a new worker reuses it while the dying
 * one still exits) and detaches; pool teardown waits for that detach.
 */
static struct {
	struct completion entered, release;
	char comm[TASK_COMM_LEN];
	int id;
	struct task_struct *task;
	atomic_t calls;
} dying;

static void dying_hook(struct task_struct *task, int id)
{
	if (atomic_inc_return(&dying.calls) != 1)
		return;
	get_task_comm(dying.comm, task);
	dying.id = id;
	dying.task = task;
	complete(&dying.entered);
	wait_for_completion_timeout(&dying.release, TMO);
}

struct destroyer {
	struct workqueue_struct *wq;
	struct completion done;
};

static int destroy_thread(void *data)
{
	struct destroyer *d = data;

	destroy_workqueue(d->wq);
	complete(&d->done);
	return 0;
}

static int count_tasks_named(const char *name)
{
	struct task_struct *t;
	unsigned long flags;
	int n = 0;

	raw_spin_lock_irqsave(&tasklist_lock, flags);
	for_each_process(t)
		n += !strncmp(t->comm, name, TASK_COMM_LEN);
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
	return n;
}

static void dying_worker_id_reused_and_teardown_waits_for_detach(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_private_unbound("wqt_dying", 0, 8);
	struct probe *p = kunit_kcalloc(test, 4, sizeof(*p), GFP_KERNEL);
	struct destroyer *d = kzalloc(sizeof(*d), GFP_KERNEL);
	unsigned long old;
	struct wq_pool_info info;
	char want[TASK_COMM_LEN];
	unsigned long destroyed;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_NOT_NULL(test, d);
	init_completion(&dying.entered);
	init_completion(&dying.release);
	atomic_set(&dying.calls, 0);

	/*
	 * Workers 0-3: three busy, one spare (ids from 0, lowest free first),
	 * one item at a time so that each is taken before the next comes.
	 */
	for (i = 0; i < 3; i++) {
		probe_init(&p[i]);
		p[i].block = true;
		queue_work(wq, &p[i].work);
		KUNIT_EXPECT_TRUE(test, started(&p[i]));
		KUNIT_EXPECT_TRUE(test, WAIT_FOR(({ workqueue_pool_info(wq, 0, &info);
						    !info.manager_active && info.nr_idle; }), 2000));
	}
	/* exactly three workers: culling to two idle kills exactly one */
	KUNIT_EXPECT_EQ(test, workqueue_pool_trim(wq, 0, 3), 0);
	workqueue_pool_info(wq, 0, &info);
	KUNIT_EXPECT_EQ(test, info.nr_workers, 3);
	WRITE_ONCE(wq_dying_worker_hook, dying_hook);
	old = workqueue_set_idle_timeout(1);
	for (i = 0; i < 3; i++)
		complete(&p[i].release);
	flush_workqueue(wq);
	/* culled to two idle: the first victim stops in the hook, still attached */
	KUNIT_EXPECT_NE(test, wait_for_completion_timeout(&dying.entered, TMO), 0UL);
	workqueue_set_idle_timeout(old);
	KUNIT_EXPECT_STREQ(test, dying.comm, "kworker/dying");
	KUNIT_EXPECT_TRUE(test, WAIT_FOR(({ workqueue_pool_info(wq, 0, &info);
					    info.nr_workers == 2; }), 2000));
	KUNIT_EXPECT_GT(test, info.nr_attached, info.nr_workers);	/* it has not detached */

	/*
	 * Four blocked items for two idle workers: three new workers, which
	 * take the lowest free ids, 0-3 but the two alive, then 4.  One of
	 * them gets the dying worker's id while it is still exiting.
	 */
	for (i = 0; i < 4; i++) {
		probe_init(&p[i]);
		p[i].block = true;
		queue_work(wq, &p[i].work);
	}
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_TRUE(test, started(&p[i]));
	KUNIT_EXPECT_TRUE(test, WAIT_FOR(({ workqueue_pool_info(wq, 0, &info); !info.manager_active; }),
					 2000));
	KUNIT_EXPECT_LT(test, dying.id, 4);
	snprintf(want, sizeof(want), "kworker/u%d:%d", info.id, dying.id);
	KUNIT_EXPECT_EQ_MSG(test, count_tasks_named(want), 1, "no new %s", want);
	KUNIT_EXPECT_STREQ(test, dying.task->comm, "kworker/dying");
	KUNIT_EXPECT_FALSE(test, dying.task->flags & PF_EXITING);
	for (i = 0; i < 4; i++)
		complete(&p[i].release);

	/* teardown must wait for the dying worker's detach */
	d->wq = wq;
	init_completion(&d->done);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, kthread_run(destroy_thread, d, "wqt_destroyer"));
	msleep(50);
	KUNIT_EXPECT_FALSE(test, completion_done(&d->done));
	complete(&dying.release);
	destroyed = wait_for_completion_timeout(&d->done, TMO);
	KUNIT_EXPECT_NE(test, destroyed, 0UL);
	WRITE_ONCE(wq_dying_worker_hook, NULL);
	if (destroyed)
		kfree(d);
}

/*
 * The seed's stress scenario, 1000 times: an unbound pool grown to 8
 * busy workers, released and destroyed at once; then the same with a
 * one-tick idle timeout racing the teardown.  Debug builds poison freed
 * memory: a use after free would show as a slab error or a crash.
 */
struct seed_item {
	struct work_struct work;
	struct seed *s;
};

struct seed {
	struct seed_item items[8];
	atomic_t started;
	struct completion all_started, release;
};

static void seed_fn(struct work_struct *work)
{
	struct seed *s = container_of(work, struct seed_item, work)->s;

	if (atomic_inc_return(&s->started) == 8)
		complete(&s->all_started);
	wait_for_completion_timeout(&s->release, TMO);
}

static void seed_loop(struct kunit *test, int iterations, unsigned long idle_timeout)
{
	struct seed *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	struct workqueue_attrs *attrs;
	unsigned long old, errors = slab_errors, warns = warn_count;
	long bytes, pages, created = atomic_long_read(&wq_stats.workers_created);
	int i, j, grown = 0, tasks;
	u64 t0, t_alloc = 0, t_grow = 0, t_destroy = 0;

	KUNIT_ASSERT_NOT_NULL(test, s);
	wait_quiescent();
	kmem_shrink_all();
	tasks = atomic_read(&nr_tasks_alive);
	bytes = atomic_long_read(&slab_bytes_in_use);
	pages = nr_pages_in_use_direct();
	attrs = alloc_workqueue_attrs();
	KUNIT_ASSERT_NOT_NULL(test, attrs);
	attrs->nice = 1;
	old = workqueue_set_idle_timeout(idle_timeout);
	t0 = ktime_get_ns();
	for (i = 0; i < iterations; i++) {
		u64 ta = ktime_get_ns(), tb, tc;
		struct workqueue_struct *wq = alloc_workqueue("wqt_seed", WQ_UNBOUND, 8);
		struct wq_pool_info info;

		if (!wq || apply_workqueue_attrs(wq, attrs)) {
			KUNIT_FAIL(test, "iteration %d: no workqueue", i);
			if (wq)
				destroy_workqueue(wq);
			break;
		}
		tb = ktime_get_ns();
		t_alloc += tb - ta;
		atomic_set(&s->started, 0);
		init_completion(&s->all_started);
		init_completion(&s->release);
		for (j = 0; j < 8; j++) {
			s->items[j].s = s;
			INIT_WORK(&s->items[j].work, seed_fn);
			queue_work(wq, &s->items[j].work);
		}
		if (!wait_for_completion_timeout(&s->all_started, TMO))
			KUNIT_FAIL(test, "iteration %d: only %d of 8 started", i,
				   atomic_read(&s->started));
		workqueue_pool_info(wq, 0, &info);
		grown += info.nr_workers >= 8;
		tc = ktime_get_ns();
		t_grow += tc - tb;
		complete_all(&s->release);
		destroy_workqueue(wq);
		t_destroy += ktime_get_ns() - tc;
	}
	kunit_info(test, "per iteration: alloc+attrs %llu us, grow to 8 %llu us, release+destroy %llu us",
		   t_alloc / 1000 / iterations, t_grow / 1000 / iterations, t_destroy / 1000 / iterations);
	workqueue_set_idle_timeout(old);
	free_workqueue_attrs(attrs);
	kunit_info(test, "%d iterations in %llu ms, %ld workers created", iterations,
		   (ktime_get_ns() - t0) / NSEC_PER_MSEC,
		   atomic_long_read(&wq_stats.workers_created) - created);
	KUNIT_EXPECT_EQ(test, grown, iterations);
	KUNIT_EXPECT_EQ(test, slab_errors, errors);
	KUNIT_EXPECT_EQ(test, warn_count, warns);
	KUNIT_EXPECT_TRUE(test, wait_for_tasks(tasks, 3000));
	kmem_shrink_all();
	KUNIT_EXPECT_EQ(test, atomic_long_read(&slab_bytes_in_use), bytes);
	KUNIT_EXPECT_EQ(test, nr_pages_in_use_direct(), pages);
}

static void seed_grow_to_8_destroy_at_once_1000_times(struct kunit *test)
{
	seed_loop(test, 1000, 300 * HZ);
}

static void seed_one_tick_idle_timeout_races_teardown_1000_times(struct kunit *test)
{
	seed_loop(test, 1000, 1);
}

/*
 * destroy_workqueue() racing the release of a pwq that
 * apply_workqueue_attrs() replaced: an item still on the old pwq ends
 * just before the destroy, so the old pwq's release (a system_wq item)
 * and the destroyer's release of the current one meet on wq->mutex, and
 * whichever is last frees the workqueue while the other may still be in
 * mutex_unlock().  The mutex's own guarantee makes that safe (its test:
 * mutex.mutex_new_owner_may_free_it_at_once, which pins the interleaving);
 * this drives the real pair, checked by the slab poison and leak counters.
 */
struct replaced_item {
	struct work_struct work;
	struct completion go;
};

static void replaced_item_fn(struct work_struct *work)
{
	wait_for_completion_timeout(&container_of(work, struct replaced_item, work)->go, TMO);
}

static void destroy_races_release_of_replaced_pwq(struct kunit *test)
{
	struct replaced_item *ri = kunit_kzalloc(test, sizeof(*ri), GFP_KERNEL);
	unsigned long errors = slab_errors, warns = warn_count;
	struct workqueue_attrs *attrs;
	long bytes, pages;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, ri);
	trim_pools();
	wait_quiescent();
	kmem_shrink_all();
	bytes = atomic_long_read(&slab_bytes_in_use);
	pages = nr_pages_in_use_direct();
	attrs = alloc_workqueue_attrs();
	KUNIT_ASSERT_NOT_NULL(test, attrs);
	for (i = 0; i < 300; i++) {
		struct workqueue_struct *wq = alloc_workqueue("wqt_replaced", WQ_UNBOUND, 1);

		KUNIT_ASSERT_NOT_NULL(test, wq);
		INIT_WORK(&ri->work, replaced_item_fn);
		init_completion(&ri->go);
		queue_work(wq, &ri->work);		/* holds the first pwq */
		attrs->nice = i % 2 ? 1 : -1;
		KUNIT_ASSERT_EQ(test, apply_workqueue_attrs(wq, attrs), 0);
		complete(&ri->go);			/* its end releases the old pwq */
		destroy_workqueue(wq);
	}
	flush_workqueue(system_wq);			/* the last releases */
	free_workqueue_attrs(attrs);
	KUNIT_EXPECT_EQ(test, slab_errors, errors);
	KUNIT_EXPECT_EQ(test, warn_count, warns);
	trim_pools();
	wait_quiescent();
	kmem_shrink_all();
	KUNIT_EXPECT_EQ(test, atomic_long_read(&slab_bytes_in_use), bytes);
	KUNIT_EXPECT_EQ(test, nr_pages_in_use_direct(), pages);
}

static struct kunit_case workqueue_pool_cases[] = {
	KUNIT_CASE(sleeping_item_lets_the_next_run),
	KUNIT_CASE(spinning_item_holds_the_pool_back),
	KUNIT_CASE(workers_created_on_demand_for_blocked_items),
	KUNIT_CASE(manager_retries_failed_creation_without_losing_work),
	KUNIT_CASE(unbound_pools_shared_by_equal_attrs),
	KUNIT_CASE(idle_workers_culled_down_to_two),
	KUNIT_CASE(dying_worker_id_reused_and_teardown_waits_for_detach),
	KUNIT_CASE(seed_grow_to_8_destroy_at_once_1000_times),
	KUNIT_CASE(seed_one_tick_idle_timeout_races_teardown_1000_times),
	KUNIT_CASE(destroy_races_release_of_replaced_pwq),
	KUNIT_CASE(leak_check_last),
	{}
};

static struct kunit_suite workqueue_pool_suite = {
	.name = "workqueue_pool",
	.suite_init = wq_suite_init,
	.init = wq_case_init,
	.exit = wq_case_exit,
	.test_cases = workqueue_pool_cases,
};

/* ======================= suite "workqueue_hotplug" ======================== */

/*
 * A CPU goes down with work in flight on its pool: the work keeps
 * running elsewhere, new work queued to it runs elsewhere, nothing is
 * lost; when it comes back, work runs on it again under concurrency
 * management.
 */
static void hotplug_with_work_in_flight_nothing_lost(struct kunit *test)
{
	struct workqueue_struct *wq;
	struct probe *p;
	struct dprobe d = { };
	struct wq_pool_info info;
	int cpu = test_cpu(), i, ran = 0, elsewhere = 0, here = 0;

	if (num_online_cpus() < 2 || cpu == 0)
		kunit_skip(test, "needs a second CPU");
	wq = alloc_workqueue("wqt_hp", 0, 0);
	p = kunit_kcalloc(test, 40, sizeof(*p), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, wq);
	KUNIT_ASSERT_NOT_NULL(test, p);
	INIT_DELAYED_WORK(&d.dwork, dprobe_fn);
	for (i = 0; i < 4; i++) {		/* blocked, in flight */
		probe_init(&p[i]);
		p[i].block = true;
		queue_work_on(cpu, wq, &p[i].work);
	}
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_TRUE(test, started(&p[i]));
	for (i = 4; i < 20; i++) {		/* pending */
		probe_init(&p[i]);
		p[i].sleep_ms = i % 2;
		queue_work_on(cpu, wq, &p[i].work);
	}
	queue_delayed_work_on(cpu, wq, &d.dwork, msecs_to_jiffies(30));
	KUNIT_EXPECT_EQ(test, remove_cpu(cpu), 0);
	workqueue_pool_info(wq, cpu, &info);
	KUNIT_EXPECT_TRUE(test, info.disassociated);
	KUNIT_EXPECT_EQ(test, info.nr_running, 0);
	for (i = 20; i < 30; i++) {		/* queued while it is down */
		probe_init(&p[i]);
		queue_work_on(cpu, wq, &p[i].work);
	}
	for (i = 20; i < 30; i++)
		if (finished(&p[i]) && p[i].cpu != cpu)
			elsewhere++;
	KUNIT_EXPECT_EQ(test, elsewhere, 10);
	for (i = 0; i < 4; i++)
		complete(&p[i].release);
	flush_workqueue(wq);
	KUNIT_EXPECT_TRUE(test, WAIT_FOR(atomic_read(&d.runs) == 1, 2000));
	KUNIT_EXPECT_EQ(test, add_cpu(cpu), 0);
	workqueue_pool_info(wq, cpu, &info);
	KUNIT_EXPECT_FALSE(test, info.disassociated);
	for (i = 30; i < 40; i++) {		/* back on its CPU */
		probe_init(&p[i]);
		queue_work_on(cpu, wq, &p[i].work);
	}
	for (i = 30; i < 40; i++)
		if (finished(&p[i]) && p[i].cpu == cpu)
			here++;
	KUNIT_EXPECT_EQ(test, here, 10);
	flush_workqueue(wq);
	for (i = 0; i < 40; i++)
		ran += atomic_read(&p[i].runs);
	KUNIT_EXPECT_EQ(test, ran, 40);
	/* concurrency management is back: a spinning item holds the pool */
	probe_init(&p[0]);
	probe_init(&p[1]);
	p[0].spin_ms = 30;
	queue_work_on(cpu, wq, &p[0].work);
	queue_work_on(cpu, wq, &p[1].work);
	KUNIT_EXPECT_TRUE(test, finished(&p[1]));
	KUNIT_EXPECT_GE(test, p[1].t_start, p[0].t_end);
	destroy_workqueue(wq);
}

/* Offline/online cycles while another CPU keeps queueing to the cycling one. */
struct hp_load {
	struct workqueue_struct *wq;
	struct work_struct work[16];
	atomic_t queued, stop;
	struct completion done;
	int cpu;
};

static atomic_t hp_runs;

static void hp_count_fn(struct work_struct *work)
{
	atomic_inc(&hp_runs);
	if (((unsigned long)work >> 6) & 1)
		usleep_range(50, 100);
}

static int hp_queuer(void *data)
{
	struct hp_load *l = data;
	int i = 0;

	while (!atomic_read(&l->stop)) {
		if (queue_work_on(l->cpu, l->wq, &l->work[i % 16]))
			atomic_inc(&l->queued);
		i++;
		usleep_range(20, 50);
	}
	complete(&l->done);
	return 0;
}

static void hotplug_cycles_under_queueing_load(struct kunit *test)
{
	struct hp_load *l;
	int cpu = test_cpu(), i, cycles = 10;

	if (num_online_cpus() < 2 || cpu == 0)
		kunit_skip(test, "needs a second CPU");
	l = kzalloc(sizeof(*l), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, l);
	l->wq = alloc_workqueue("wqt_hpload", 0, 0);
	KUNIT_ASSERT_NOT_NULL(test, l->wq);
	for (i = 0; i < 16; i++)
		INIT_WORK(&l->work[i], hp_count_fn);
	atomic_set(&hp_runs, 0);
	l->cpu = cpu;
	init_completion(&l->done);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, kthread_run(hp_queuer, l, "wqt_hpq"));
	for (i = 0; i < cycles; i++) {
		KUNIT_EXPECT_EQ(test, remove_cpu(cpu), 0);
		msleep(3);
		KUNIT_EXPECT_EQ(test, add_cpu(cpu), 0);
		msleep(3);
	}
	atomic_set(&l->stop, 1);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&l->done, TMO), 0UL);
	flush_workqueue(l->wq);
	KUNIT_EXPECT_EQ(test, atomic_read(&hp_runs), atomic_read(&l->queued));
	kunit_info(test, "%d items over %d cycles", atomic_read(&hp_runs), cycles);
	destroy_workqueue(l->wq);
	kfree(l);
	KUNIT_EXPECT_EQ(test, num_online_cpus(), (unsigned int)(cpu + 1));
}

static struct kunit_case workqueue_hotplug_cases[] = {
	KUNIT_CASE(hotplug_with_work_in_flight_nothing_lost),
	KUNIT_CASE(hotplug_cycles_under_queueing_load),
	KUNIT_CASE(leak_check_last),
	{}
};

static struct kunit_suite workqueue_hotplug_suite = {
	.name = "workqueue_hotplug",
	.suite_init = wq_suite_init,
	.init = wq_case_init,
	.exit = wq_case_exit,
	.test_cases = workqueue_hotplug_cases,
};

/* ======================== suite "workqueue_misuse" ======================== */

static void queue_uninitialised_work_warns(struct kunit *test)
{
	struct work_struct *w = kunit_kzalloc(test, sizeof(*w), GFP_KERNEL);
	unsigned long warns = warn_count;

	KUNIT_ASSERT_NOT_NULL(test, w);
	KUNIT_EXPECT_FALSE(test, queue_work(system_wq, w));		/* zeroed */
	memset(w, 0x5a, sizeof(*w));
	KUNIT_EXPECT_FALSE(test, queue_work(system_wq, w));		/* garbage */
	KUNIT_EXPECT_FALSE(test, flush_work(w));
	KUNIT_EXPECT_FALSE(test, cancel_work_sync(w));
	KUNIT_EXPECT_EQ(test, warn_count, warns + 4);
}

static void destroyed_workqueue_destroy_and_queue_warn(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_workqueue("wqt_dead", 0, 0);
	struct probe p;
	unsigned long warns;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	probe_init(&p);
	destroy_workqueue(wq);
	warns = warn_count;
	destroy_workqueue(wq);		/* twice: the freed (poisoned) magic */
	KUNIT_EXPECT_EQ(test, warn_count, warns + 1);
	queue_work(wq, &p.work);	/* to a destroyed workqueue: dropped */
	KUNIT_EXPECT_EQ(test, warn_count, warns + 2);
	KUNIT_EXPECT_FALSE(test, work_pending(&p.work));
	msleep(5);
	KUNIT_EXPECT_EQ(test, atomic_read(&p.runs), 0);
	/* the item is still usable elsewhere */
	KUNIT_EXPECT_TRUE(test, schedule_work(&p.work));
	KUNIT_EXPECT_TRUE(test, finished(&p));
	flush_work(&p.work);
}

/* Flushing (or draining, destroying) a workqueue from its own item would deadlock. */
struct selfflush {
	struct work_struct work;
	struct workqueue_struct *wq;
	struct work_struct other;
	unsigned long warns;
	struct completion done;
};

static void nop_fn(struct work_struct *work) { }

static void selfflush_fn(struct work_struct *work)
{
	struct selfflush *s = container_of(work, struct selfflush, work);
	unsigned long warns = warn_count;

	flush_workqueue(s->wq);		/* ordered: would wait for itself */
	drain_workqueue(s->wq);
	destroy_workqueue(s->wq);
	flush_work(work);		/* itself */
	queue_work(s->wq, &s->other);	/* behind itself on the ordered wq */
	flush_work(&s->other);
	s->warns = warn_count - warns;
	complete(&s->done);
}

static void flush_from_own_item_warns_instead_of_deadlock(struct kunit *test)
{
	struct selfflush s = { };

	s.wq = alloc_ordered_workqueue("wqt_selfflush", 0);
	KUNIT_ASSERT_NOT_NULL(test, s.wq);
	INIT_WORK(&s.work, selfflush_fn);
	INIT_WORK(&s.other, nop_fn);
	init_completion(&s.done);
	queue_work(s.wq, &s.work);
	KUNIT_EXPECT_NE(test, wait_for_completion_timeout(&s.done, TMO), 0UL);
	KUNIT_EXPECT_EQ(test, s.warns, 5UL);
	flush_workqueue(s.wq);
	destroy_workqueue(s.wq);
}

/* An item freed while queued: WARN, dropped without a write into it, counts rebuilt. */
struct freed_item {
	struct work_struct work;
	char pad[200];
};

static atomic_t freed_runs;

static void freed_fn(struct work_struct *work)
{
	atomic_inc(&freed_runs);
}

/* Holds its (per-CPU) pool back by computing until told to stop (5 s at most). */
struct holder {
	struct work_struct work;
	struct completion started;
	atomic_t stop;
};

static void holder_fn(struct work_struct *work)
{
	struct holder *h = container_of(work, struct holder, work);
	u64 end = ktime_get_ns() + 5 * NSEC_PER_SEC;

	complete(&h->started);
	while (!atomic_read(&h->stop) && ktime_get_ns() < end)
		cpu_relax();
}

static void item_freed_while_queued_is_detected(struct kunit *test)
{
	struct workqueue_struct *ord = alloc_ordered_workqueue("wqt_freed", 0);
	struct workqueue_struct *pc = alloc_workqueue("wqt_freed_pc", 0, 0);
	unsigned long errors = slab_errors, warns = warn_count;
	long corrupt = atomic_long_read(&wq_stats.corrupt_items);
	struct freed_item *f[3];
	struct probe blocker, after;
	struct holder holder;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, ord);
	KUNIT_ASSERT_NOT_NULL(test, pc);
	atomic_set(&freed_runs, 0);
	for (i = 0; i < 3; i++) {
		f[i] = kmalloc(sizeof(*f[i]), GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, f[i]);
		INIT_WORK(&f[i]->work, freed_fn);
	}
	/* on an inactive list (ordered workqueue, behind a blocker) */
	probe_init(&blocker);
	probe_init(&after);
	blocker.block = true;
	queue_work(ord, &blocker.work);
	KUNIT_EXPECT_TRUE(test, started(&blocker));
	queue_work(ord, &f[0]->work);
	queue_work(ord, &f[1]->work);
	queue_work(ord, &after.work);
	kfree(f[0]);
	kfree(f[1]);
	complete(&blocker.release);
	KUNIT_EXPECT_TRUE(test, finished(&after));
	flush_workqueue(ord);

	/* on a pool's worklist, behind an item that computes until the free is done */
	INIT_WORK(&holder.work, holder_fn);
	init_completion(&holder.started);
	atomic_set(&holder.stop, 0);
	probe_init(&after);
	queue_work_on(test_cpu(), pc, &holder.work);
	KUNIT_EXPECT_NE(test, wait_for_completion_timeout(&holder.started, TMO), 0UL);
	queue_work_on(test_cpu(), pc, &f[2]->work);
	queue_work_on(test_cpu(), pc, &after.work);
	kfree(f[2]);
	atomic_set(&holder.stop, 1);
	KUNIT_EXPECT_TRUE(test, finished(&after));
	flush_workqueue(pc);

	KUNIT_EXPECT_EQ(test, atomic_read(&freed_runs), 0);
	/* the adjacent pair is dropped in one go */
	KUNIT_EXPECT_EQ(test, atomic_long_read(&wq_stats.corrupt_items), corrupt + 2);
	KUNIT_EXPECT_EQ(test, warn_count, warns + 2);
	destroy_workqueue(ord);
	destroy_workqueue(pc);
	/* reallocate the poisoned objects: nothing wrote into them */
	for (i = 0; i < 3; i++)
		f[i] = kmalloc(sizeof(*f[i]), GFP_KERNEL);
	for (i = 0; i < 3; i++)
		kfree(f[i]);
	KUNIT_EXPECT_EQ(test, slab_errors, errors);
}

/* The stall watchdog names the running function (threshold shortened). */
static void stall_watchdog_reports_running_function(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_workqueue("wqt_stall", 0, 0);
	unsigned long old = workqueue_set_watchdog_thresh(msecs_to_jiffies(100));
	long reports = atomic_long_read(&wq_stats.watchdog_reports);
	struct probe hog, victim;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	probe_init(&hog);
	probe_init(&victim);
	hog.spin_ms = 400;
	queue_work_on(test_cpu(), wq, &hog.work);
	KUNIT_EXPECT_TRUE(test, started(&hog));
	queue_work_on(test_cpu(), wq, &victim.work);
	KUNIT_EXPECT_TRUE(test, finished(&victim));
	KUNIT_EXPECT_GE(test, atomic_long_read(&wq_stats.watchdog_reports), reports + 1);
	KUNIT_EXPECT_PTR_EQ(test, wq_stats.watchdog_last_func, (void *)probe_fn);
	workqueue_set_watchdog_thresh(old);
	destroy_workqueue(wq);
}

static struct kunit_case workqueue_misuse_cases[] = {
	KUNIT_CASE(queue_uninitialised_work_warns),
	KUNIT_CASE(destroyed_workqueue_destroy_and_queue_warn),
	KUNIT_CASE(flush_from_own_item_warns_instead_of_deadlock),
	KUNIT_CASE(item_freed_while_queued_is_detected),
	KUNIT_CASE(stall_watchdog_reports_running_function),
	KUNIT_CASE(leak_check_last),
	{}
};

static struct kunit_suite workqueue_misuse_suite = {
	.name = "workqueue_misuse",
	.suite_init = wq_suite_init,
	.init = wq_case_init,
	.exit = wq_case_exit,
	.test_cases = workqueue_misuse_cases,
};

kunit_test_suites(&workqueue_suite, &workqueue_pool_suite, &workqueue_hotplug_suite,
		  &workqueue_misuse_suite);
