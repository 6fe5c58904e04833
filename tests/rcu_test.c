/*
 * RCU (kernel/rcu/tree.c): grace periods wait for every read section
 * that was running when they started; callbacks run after one, in queue
 * order per CPU, in softirq-like context; readers traversing an RCU list
 * while it is changed never see freed memory.
 *
 *   reader: rcu_read_lock ... rcu_read_unlock       (preemption off)
 *   updater: unpublish -> synchronize_rcu()/call_rcu() -> free
 *   GP: start (snapshot each CPU) -> every CPU quiescent (switch, idle,
 *       interrupt outside a read section) -> end -> callbacks
 *
 * Ordering is checked with sequence numbers, not with time: a grace
 * period must end after a pre-existing reader's unlock, whatever the
 * host does.  Cases that need a reader on another CPU skip on one CPU.
 */
#include <kunit/test.h>
#include <linux/rcupdate.h>
#include <linux/rculist.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/irqflags.h>
#include <linux/interrupt.h>
#include <asm/processor.h>
#include "helper.h"
#include "leak.h"
#include "../kernel/rcu/rcu.h"

/* A reader on another CPU, inside its read section until released. */
struct held_reader {
	atomic_t *seq;
	atomic_t in_section, release;
	int unlocked_at;
	struct completion done;
};

static int held_reader_fn(void *data)
{
	struct held_reader *r = data;
	u64 end = ktime_get_ns() + 3 * NSEC_PER_SEC;	/* bound, not a timing assumption */

	rcu_read_lock();
	atomic_set(&r->in_section, 1);
	while (!atomic_read(&r->release) && ktime_get_ns() < end)
		cpu_relax();
	r->unlocked_at = atomic_inc_return(r->seq);
	rcu_read_unlock();
	complete(&r->done);
	return 0;
}

static atomic_t sync_seq;

static long sync_and_stamp(void *arg)
{
	synchronize_rcu();
	return atomic_inc_return(&sync_seq);
}

static long sync_exp_and_stamp(void *arg)
{
	synchronize_rcu_expedited();
	return atomic_inc_return(&sync_seq);
}

static void grace_period_waits_for_reader(struct kunit *test, long (*sync)(void *))
{
	struct held_reader r = { .seq = &sync_seq };
	int cpu = cpumask_last(cpu_online_mask);
	struct task_struct *t;
	struct helper h;

	if (cpu == 0)
		kunit_skip(test, "needs a reader on a second CPU");
	atomic_set(&sync_seq, 0);
	init_completion(&r.done);
	t = kthread_create_on_cpu(held_reader_fn, &r, cpu, "rcu_reader/%u");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t);
	wake_up_process(t);
	KUNIT_ASSERT_TRUE(test, WAIT_FOR(atomic_read(&r.in_section), 5000));
	helper_start(test, &h, sync, NULL, "rcu_syncer");
	msleep(5);		/* give the grace period a chance to end too early */
	atomic_set(&r.release, 1);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&r.done, HANG_BOUND), 0UL);
	KUNIT_ASSERT_TRUE(test, helper_wait(&h));
	KUNIT_EXPECT_GT_MSG(test, h.ret, (long)r.unlocked_at,
			    "the grace period ended before a pre-existing reader's unlock");
}

static void synchronize_rcu_waits_for_pre_existing_reader(struct kunit *test)
{
	grace_period_waits_for_reader(test, sync_and_stamp);
}

static void synchronize_rcu_expedited_waits_for_pre_existing_reader(struct kunit *test)
{
	grace_period_waits_for_reader(test, sync_exp_and_stamp);
}

/* call_rcu(): after a grace period, in queue order, BH off, not hard IRQ. */
struct cb_probe {
	struct rcu_head head;
	atomic_t *order;
	int pos, bh, hardirq;
};

static void probe_cb(struct rcu_head *head)
{
	struct cb_probe *p = container_of(head, struct cb_probe, head);

	p->pos = atomic_inc_return(p->order);
	p->bh = !!in_softirq();
	p->hardirq = !!in_hardirq();
}

static void call_rcu_runs_callbacks_in_order_after_a_grace_period(struct kunit *test)
{
	struct cb_probe *p = kunit_kcalloc(test, 32, sizeof(*p), GFP_KERNEL);
	atomic_t order = ATOMIC_INIT(0);
	unsigned long gps = READ_ONCE(rcu_state.nr_gps);

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_EQ(test, set_cpus_allowed_ptr(current, cpumask_of(0)), 0);
	for (int i = 0; i < 32; i++) {
		p[i].order = &order;
		call_rcu(&p[i].head, probe_cb);
	}
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, atomic_read(&order), 32);
	for (int i = 0; i < 32; i++) {
		KUNIT_EXPECT_EQ(test, p[i].pos, i + 1);	/* one CPU's callbacks in order */
		KUNIT_EXPECT_EQ(test, p[i].bh, 1);
		KUNIT_EXPECT_EQ(test, p[i].hardirq, 0);
	}
	KUNIT_EXPECT_GT(test, READ_ONCE(rcu_state.nr_gps), gps);
	set_cpus_allowed_ptr(current, cpu_possible_mask);
}

/* A callback queued with interrupts off is not lost (its wake-up is deferred). */
static void call_rcu_with_irqs_off_runs(struct kunit *test)
{
	struct cb_probe p = { };
	atomic_t order = ATOMIC_INIT(0);
	unsigned long flags;

	p.order = &order;
	local_irq_save(flags);
	call_rcu(&p.head, probe_cb);
	local_irq_restore(flags);
	KUNIT_EXPECT_TRUE(test, WAIT_FOR(atomic_read(&order) == 1, 10000));
	rcu_barrier();		/* p is on the stack: it must be done before we return */
}

/* kfree_rcu() frees after a grace period: memory back at its baseline. */
struct rcu_obj {
	long payload[6];
	struct rcu_head rh;
	unsigned long magic;
};

static void kfree_rcu_frees_after_a_grace_period(struct kunit *test)
{
	struct mem_snapshot base;

	mem_snapshot(&base);
	for (int i = 0; i < 200; i++) {
		struct rcu_obj *o = kzalloc(sizeof(*o), GFP_KERNEL);

		KUNIT_ASSERT_NOT_NULL(test, o);
		kfree_rcu(o, rh);
	}
	kfree_rcu_mightsleep(kzalloc(64, GFP_KERNEL));
	rcu_barrier();
	mem_expect_baseline(test, &base);
}

static void polled_grace_periods(struct kunit *test)
{
	unsigned long cookie = get_state_synchronize_rcu();

	synchronize_rcu_expedited();
	if (num_online_cpus() > 1)	/* one CPU: a blocking wait is a GP by itself */
		KUNIT_EXPECT_TRUE(test, poll_state_synchronize_rcu(cookie));
	cookie = start_poll_synchronize_rcu();
	KUNIT_EXPECT_TRUE(test, WAIT_FOR(poll_state_synchronize_rcu(cookie), 10000));
	cond_synchronize_rcu(get_state_synchronize_rcu());	/* returns after a GP */
}

/* ---- rculist under concurrent readers ---- */

#define RCU_OBJ_MAGIC	0x52435530UL

struct rl_item {
	struct list_head node;
	struct rcu_head rh;
	unsigned long magic;
	int value;
};

struct rl_stress {
	struct list_head list;		/* writer: rl_lock */
	spinlock_t rl_lock;
	u64 end;
	atomic_t violations, walks, running, replaced;
	struct completion done;
};

static int rl_reader_fn(void *data)
{
	struct rl_stress *st = data;

	while (ktime_get_ns() < st->end) {
		struct rl_item *it;
		int n = 0;

		rcu_read_lock();
		list_for_each_entry_rcu(it, &st->list, node) {
			if (READ_ONCE(it->magic) != RCU_OBJ_MAGIC)
				atomic_inc(&st->violations);	/* freed under our feet */
			if (++n > 1000) {
				atomic_inc(&st->violations);	/* a cycle: corrupt links */
				break;
			}
		}
		rcu_read_unlock();
		atomic_inc(&st->walks);
		cond_resched();
	}
	if (atomic_dec_and_test(&st->running))
		complete(&st->done);
	return 0;
}

static void rl_free(struct rcu_head *head)
{
	struct rl_item *it = container_of(head, struct rl_item, rh);

	it->magic = 0;
	kfree(it);
}

static int rl_writer_fn(void *data)
{
	struct rl_stress *st = data;
	unsigned int n = 0;

	while (ktime_get_ns() < st->end) {
		struct rl_item *old, *new = kzalloc(sizeof(*new), GFP_KERNEL);

		if (!new) {
			msleep(1);
			continue;
		}
		new->magic = RCU_OBJ_MAGIC;
		new->value = n;
		spin_lock(&st->rl_lock);
		old = list_first_entry(&st->list, struct rl_item, node);
		if (n % 3 == 0) {
			list_replace_rcu(&old->node, &new->node);
		} else {
			list_del_rcu(&old->node);
			list_add_tail_rcu(&new->node, &st->list);
		}
		spin_unlock(&st->rl_lock);
		if (n % 4 == 0)
			kfree_rcu(old, rh);
		else
			call_rcu(&old->rh, rl_free);
		if (n % 64 == 0)
			synchronize_rcu();
		atomic_inc(&st->replaced);
		n++;
		cond_resched();
	}
	if (atomic_dec_and_test(&st->running))
		complete(&st->done);
	return 0;
}

static void rculist_readers_never_see_freed_entries(struct kunit *test)
{
	struct rl_stress *st = kunit_kzalloc(test, sizeof(*st), GFP_KERNEL);
	struct rl_item *it, *tmp;
	struct mem_snapshot base;
	int cpu;

	KUNIT_ASSERT_NOT_NULL(test, st);
	mem_snapshot(&base);
	INIT_LIST_HEAD(&st->list);
	spin_lock_init(&st->rl_lock);
	for (int i = 0; i < 16; i++) {
		it = kzalloc(sizeof(*it), GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, it);
		it->magic = RCU_OBJ_MAGIC;
		list_add_tail_rcu(&it->node, &st->list);
	}
	init_completion(&st->done);
	st->end = ktime_get_ns() + 400 * NSEC_PER_MSEC;
	atomic_set(&st->running, num_online_cpus() + 1);
	for_each_online_cpu(cpu) {
		struct task_struct *t = kthread_create_on_cpu(rl_reader_fn, st, cpu, "rcu_rd/%u");

		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t);
		wake_up_process(t);
	}
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, kthread_run(rl_writer_fn, st, "rcu_wr"));
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&st->done, HANG_BOUND), 0UL);
	kunit_info(test, "%d walks, %d replacements", atomic_read(&st->walks),
		   atomic_read(&st->replaced));
	KUNIT_EXPECT_EQ(test, atomic_read(&st->violations), 0);
	KUNIT_EXPECT_GT(test, atomic_read(&st->replaced), 0);
	list_for_each_entry_safe(it, tmp, &st->list, node) {
		list_del_rcu(&it->node);
		kfree_rcu(it, rh);
	}
	rcu_barrier();
	mem_expect_baseline(test, &base);
}

/* Grace periods keep completing while CPUs go offline and come back. */
static long hotplug_loop(void *arg)
{
	int cpu = *(int *)arg;
	long err = 0;

	for (int i = 0; i < 20 && !err; i++) {
		err = remove_cpu(cpu);
		if (!err)
			err = add_cpu(cpu);
	}
	return err;
}

static void grace_periods_across_cpu_hotplug(struct kunit *test)
{
	int cpu = cpumask_last(cpu_online_mask);
	unsigned long gps = READ_ONCE(rcu_state.nr_gps);
	struct helper h;
	int syncs = 0;

	if (cpu == 0)
		kunit_skip(test, "needs a second CPU");
	helper_start(test, &h, hotplug_loop, &cpu, "rcu_hp");
	while (!completion_done(&h.done)) {
		synchronize_rcu();
		syncs++;
	}
	KUNIT_ASSERT_TRUE(test, helper_wait(&h));
	KUNIT_EXPECT_EQ(test, h.ret, 0L);
	KUNIT_EXPECT_GT(test, syncs, 0);
	KUNIT_EXPECT_GT(test, READ_ONCE(rcu_state.nr_gps), gps);
	KUNIT_EXPECT_TRUE(test, cpu_online(cpu));
}

/* The list helpers, one thread. */
struct hl_item {
	struct hlist_node node;
	int v;
};

static void rculist_helpers(struct kunit *test)
{
	struct rl_item a = { .value = 1 }, b = { .value = 2 }, c = { .value = 3 };
	struct hl_item x = { .v = 1 }, y = { .v = 2 }, z = { .v = 3 }, *hp;
	struct rl_item *it;
	LIST_HEAD(head);
	HLIST_HEAD(hh);
	int sum = 0, n = 0;

	list_add_rcu(&b.node, &head);
	list_add_rcu(&a.node, &head);
	list_add_tail_rcu(&c.node, &head);
	rcu_read_lock();
	list_for_each_entry_rcu(it, &head, node)
		sum = sum * 10 + it->value;
	KUNIT_EXPECT_EQ(test, sum, 123);
	KUNIT_EXPECT_PTR_EQ(test, list_first_or_null_rcu(&head, struct rl_item, node), &a);
	KUNIT_EXPECT_PTR_EQ(test, list_next_or_null_rcu(&head, &c.node, struct rl_item, node),
			    NULL);
	rcu_read_unlock();
	list_del_rcu(&b.node);
	KUNIT_EXPECT_PTR_EQ(test, b.node.next, &c.node);	/* a reader on b goes on */
	KUNIT_EXPECT_PTR_EQ(test, b.node.prev, LIST_POISON2);
	list_replace_rcu(&a.node, &b.node);
	sum = 0;
	list_for_each_entry_rcu(it, &head, node)
		sum = sum * 10 + it->value;
	KUNIT_EXPECT_EQ(test, sum, 23);

	hlist_add_head_rcu(&y.node, &hh);
	hlist_add_before_rcu(&x.node, &y.node);
	hlist_add_behind_rcu(&z.node, &y.node);
	sum = 0;
	hlist_for_each_entry_rcu(hp, &hh, node)
		sum = sum * 10 + hp->v, n++;
	KUNIT_EXPECT_EQ(test, sum, 123);
	KUNIT_EXPECT_EQ(test, n, 3);
	hlist_del_rcu(&y.node);
	sum = 0;
	hlist_for_each_entry_rcu(hp, &hh, node)
		sum = sum * 10 + hp->v;
	KUNIT_EXPECT_EQ(test, sum, 13);
	hlist_del_init_rcu(&x.node);
	KUNIT_EXPECT_TRUE(test, hlist_unhashed(&x.node));
	KUNIT_EXPECT_PTR_EQ(test, hh.first, &z.node);
}

static void rcu_case_exit(struct kunit *test)
{
	set_cpus_allowed_ptr(current, cpu_possible_mask);
}

static struct kunit_case rcu_cases[] = {
	KUNIT_CASE(synchronize_rcu_waits_for_pre_existing_reader),
	KUNIT_CASE(synchronize_rcu_expedited_waits_for_pre_existing_reader),
	KUNIT_CASE(call_rcu_runs_callbacks_in_order_after_a_grace_period),
	KUNIT_CASE(call_rcu_with_irqs_off_runs),
	KUNIT_CASE(kfree_rcu_frees_after_a_grace_period),
	KUNIT_CASE(polled_grace_periods),
	KUNIT_CASE(rculist_helpers),
	KUNIT_CASE(rculist_readers_never_see_freed_entries),
	KUNIT_CASE(grace_periods_across_cpu_hotplug),
	{}
};

static struct kunit_suite rcu_suite = {
	.name = "rcu",
	.exit = rcu_case_exit,
	.test_cases = rcu_cases,
};
kunit_test_suite(rcu_suite);
