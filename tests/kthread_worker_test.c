/*
 * kthread_worker: items run one at a time in queue order on the worker's
 * thread; queueing a pending item is refused; flushes wait for the last
 * queued instance; cancel copes with self-requeueing items; delayed items
 * wait for their timer.
 *
 *   idle --queue--> queued --run--> idle   (requeue from its own func ok)
 *   idle --queue_delayed(d)--> timer --d jiffies--> queued
 */
#include <kunit/test.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/ktime.h>
#include <linux/atomic.h>
#include "helper.h"

struct kw_item {
	struct kthread_work work;
	int id;
	int *log;
	atomic_t *pos;
	struct task_struct *ran_on;
};

static void log_fn(struct kthread_work *work)
{
	struct kw_item *it = container_of(work, struct kw_item, work);

	it->log[atomic_fetch_inc(it->pos)] = it->id;
	it->ran_on = current;
}

static void items_run_in_order_on_the_worker(struct kunit *test)
{
	struct kthread_worker *w = kthread_create_worker(0, "kw_order");
	struct kw_item items[8];
	int log[8] = { 0 };
	atomic_t pos = ATOMIC_INIT(0);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, w);
	for (int i = 0; i < 8; i++) {
		kthread_init_work(&items[i].work, log_fn);
		items[i].id = i + 1;
		items[i].log = log;
		items[i].pos = &pos;
		KUNIT_EXPECT_TRUE(test, kthread_queue_work(w, &items[i].work));
	}
	kthread_flush_worker(w);
	KUNIT_EXPECT_EQ(test, atomic_read(&pos), 8);
	for (int i = 0; i < 8; i++) {
		KUNIT_EXPECT_EQ(test, log[i], i + 1);
		KUNIT_EXPECT_PTR_EQ(test, items[i].ran_on, w->task);
	}
	kthread_destroy_worker(w);
}

static void block_fn(struct kthread_work *work)
{
	msleep(30);
}

static void queue_of_pending_item_refused(struct kunit *test)
{
	struct kthread_worker *w = kthread_create_worker(0, "kw_pend");
	struct kthread_work blocker, item;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, w);
	kthread_init_work(&blocker, block_fn);
	kthread_init_work(&item, block_fn);
	KUNIT_EXPECT_TRUE(test, kthread_queue_work(w, &blocker));
	KUNIT_EXPECT_TRUE(test, kthread_queue_work(w, &item));
	KUNIT_EXPECT_FALSE(test, kthread_queue_work(w, &item));	/* pending */
	kthread_flush_work(&item);
	KUNIT_EXPECT_TRUE(test, list_empty(&item.node));
	kthread_destroy_worker(w);
}

struct requeuer {
	struct kthread_work work;
	struct kthread_worker *w;
	atomic_t runs;
};

static void requeue_fn(struct kthread_work *work)
{
	struct requeuer *r = container_of(work, struct requeuer, work);

	atomic_inc(&r->runs);
	udelay(200);
	kthread_queue_work(r->w, work);
}

static void cancel_sync_stops_self_requeueing_work(struct kunit *test)
{
	struct requeuer r = { .runs = ATOMIC_INIT(0) };
	int after;

	r.w = kthread_create_worker(0, "kw_requeue");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, r.w);
	kthread_init_work(&r.work, requeue_fn);
	kthread_queue_work(r.w, &r.work);
	msleep(20);
	/* true if it was queued, false if it was only running: either way it stops */
	kthread_cancel_work_sync(&r.work);
	after = atomic_read(&r.runs);
	KUNIT_EXPECT_GT(test, after, 1);
	msleep(20);
	KUNIT_EXPECT_EQ(test, atomic_read(&r.runs), after);	/* really stopped */
	KUNIT_EXPECT_FALSE(test, kthread_cancel_work_sync(&r.work));
	kthread_destroy_worker(r.w);
}

struct timed {
	struct kthread_delayed_work dwork;
	u64 ran_at;
};

static void timed_fn(struct kthread_work *work)
{
	struct timed *t = container_of(work, struct timed, dwork.work);

	t->ran_at = ktime_get_ns();
}

static void delayed_work_waits_and_can_be_cancelled(struct kunit *test)
{
	struct kthread_worker *w = kthread_create_worker(0, "kw_delay");
	struct timed a = {}, b = {};
	u64 t0;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, w);
	kthread_init_delayed_work(&a.dwork, timed_fn);
	kthread_init_delayed_work(&b.dwork, timed_fn);
	t0 = ktime_get_ns();
	KUNIT_EXPECT_TRUE(test, kthread_queue_delayed_work(w, &a.dwork, msecs_to_jiffies(20)));
	KUNIT_EXPECT_FALSE(test, kthread_queue_delayed_work(w, &a.dwork, 1));	/* pending */
	KUNIT_EXPECT_TRUE(test, kthread_queue_delayed_work(w, &b.dwork, msecs_to_jiffies(20)));
	KUNIT_EXPECT_TRUE(test, kthread_cancel_delayed_work_sync(&b.dwork));
	/* mod of a pending item: true, and it now fires later */
	KUNIT_EXPECT_TRUE(test, kthread_mod_delayed_work(w, &a.dwork, msecs_to_jiffies(40)));
	msleep(80);
	kthread_flush_worker(w);
	KUNIT_EXPECT_NE(test, a.ran_at, 0ULL);
	KUNIT_EXPECT_GE(test, a.ran_at - t0, 38ULL * NSEC_PER_MSEC);
	KUNIT_EXPECT_EQ(test, b.ran_at, 0ULL);
	kthread_destroy_worker(w);
}

static int where_cpu;

static void cpu_fn(struct kthread_work *work)
{
	where_cpu = smp_processor_id();
}

static void worker_on_cpu_runs_there(struct kunit *test)
{
	int cpu = cpumask_last(cpu_online_mask);
	struct kthread_worker *w = kthread_create_worker_on_cpu(cpu, 0, "kw/%d", cpu);
	struct kthread_work item;
	char name[32];

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, w);
	get_kthread_comm(name, sizeof(name), w->task);
	KUNIT_EXPECT_EQ(test, strncmp(name, "kw/", 3), 0);
	kthread_init_work(&item, cpu_fn);
	where_cpu = -1;
	kthread_queue_work(w, &item);
	kthread_flush_work(&item);
	KUNIT_EXPECT_EQ(test, where_cpu, cpu);
	kthread_destroy_worker(w);
}

/*
 * A worker asked to park parks (between items) and does not run what is
 * queued meanwhile; unparked, it runs it.  Destroying a parked worker
 * unparks it first, so its flush completes.
 */
static atomic_t park_item_runs;

static void park_item_fn(struct kthread_work *work)
{
	atomic_inc(&park_item_runs);
}

static long park_worker(void *arg)
{
	return kthread_park(arg);
}

static void worker_parks_and_unparks(struct kunit *test)
{
	struct kthread_worker *w = kthread_create_worker(0, "kw_park");
	struct kthread_work item;
	struct helper h;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, w);
	atomic_set(&park_item_runs, 0);
	kthread_init_work(&item, park_item_fn);
	helper_start(test, &h, park_worker, w->task, "kw_parker");
	if (!helper_wait(&h)) {
		KUNIT_FAIL(test, "kthread_park() of a kthread_worker did not return");
		kthread_unpark(w->task);	/* stop it spinning; the parker stays stuck */
		return;
	}
	KUNIT_EXPECT_EQ(test, h.ret, 0L);
	KUNIT_EXPECT_EQ(test, READ_ONCE(w->task->__state), (unsigned int)TASK_PARKED);
	KUNIT_EXPECT_TRUE(test, kthread_queue_work(w, &item));
	msleep(20);
	KUNIT_EXPECT_EQ(test, atomic_read(&park_item_runs), 0);	/* parked: not run */
	KUNIT_EXPECT_EQ(test, READ_ONCE(w->task->__state), (unsigned int)TASK_PARKED);
	kthread_unpark(w->task);
	kthread_flush_work(&item);
	KUNIT_EXPECT_EQ(test, atomic_read(&park_item_runs), 1);

	/* parked again with an item queued, then destroyed: the item runs */
	helper_start(test, &h, park_worker, w->task, "kw_parker");
	KUNIT_ASSERT_TRUE(test, helper_wait(&h));
	KUNIT_EXPECT_TRUE(test, kthread_queue_work(w, &item));
	kthread_destroy_worker(w);
	KUNIT_EXPECT_EQ(test, atomic_read(&park_item_runs), 2);
}

/* The worker's name is formatted once: '%' in an argument stays as it is. */
static void worker_name_formatted_once(struct kunit *test)
{
	int cpu = cpumask_last(cpu_online_mask);
	struct kthread_worker *w;
	char name[32], expect[32];

	w = kthread_create_worker_on_cpu(cpu, 0, "kw%%%s/%d", "a%sb", cpu);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, w);
	get_kthread_comm(name, sizeof(name), w->task);
	snprintf(expect, sizeof(expect), "kw%%a%%sb/%d", cpu);
	KUNIT_EXPECT_STREQ(test, name, expect);
	kthread_destroy_worker(w);
	w = kthread_create_worker(0, "kw%%%s", "x%dy");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, w);
	get_kthread_comm(name, sizeof(name), w->task);
	KUNIT_EXPECT_STREQ(test, name, "kw%x%dy");
	kthread_destroy_worker(w);
}

static struct kunit_case kw_cases[] = {
	KUNIT_CASE(items_run_in_order_on_the_worker),
	KUNIT_CASE(queue_of_pending_item_refused),
	KUNIT_CASE(cancel_sync_stops_self_requeueing_work),
	KUNIT_CASE(delayed_work_waits_and_can_be_cancelled),
	KUNIT_CASE(worker_on_cpu_runs_there),
	KUNIT_CASE(worker_parks_and_unparks),
	KUNIT_CASE(worker_name_formatted_once),
	{}
};

static struct kunit_suite kw_suite = {
	.name = "kthread_worker",
	.test_cases = kw_cases,
};
kunit_test_suite(kw_suite);
