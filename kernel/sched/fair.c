/*
 * The fair class: weighted fair sharing by virtual runtime (CFS-style).
 *
 * Each task's vruntime advances by its real run time scaled by
 * NICE_0_LOAD / weight, with Linux's nice-to-weight table (each nice step
 * about 10% of CPU: nice 0 = 1024, nice 5 = 335).  The runnable task with
 * the smallest vruntime runs next, so over time every task receives CPU
 * in proportion to its weight.
 *
 *   enqueue (wake-up)  vruntime = max(vruntime, min_vruntime - latency/2):
 *                      a sleeper gets a bounded bonus, never a banked one
 *   enqueue (new)      vruntime = max(vruntime, min_vruntime)
 *   tick               curr's vruntime advances; once it has run its slice
 *                      (latency * weight / load, at least min_granularity)
 *                      and someone is behind it, reschedule
 *   wake-up preemption a woken task whose vruntime is more than
 *                      wakeup_granularity behind curr preempts it at once
 *   migration          vruntime is carried relative to min_vruntime
 *
 * The runnable tasks, the current one included, sit in one list sorted by
 * vruntime (cfs_rq->tasks).  A list, not a red-black tree: a CPU rarely
 * has more than a handful of runnable tasks here, and insertion walks
 * from the tail where a task that just ran belongs.  Everything is under
 * rq->lock.
 */
#include <linux/kernel.h>
#include "sched.h"

#define SCHED_LATENCY_NS	6000000ULL	/* period within which all run once */
#define MIN_GRANULARITY_NS	750000ULL	/* shortest slice */
#define WAKEUP_GRANULARITY_NS	1000000ULL	/* lead a woken task needs to preempt */

/* Linux's table: weight for nice -20..19, and 2^32 / weight. */
const int sched_prio_to_weight[40] = {
	88761, 71755, 56483, 46273, 36291,
	29154, 23254, 18705, 14949, 11916,
	9548, 7620, 6100, 4904, 3906,
	3121, 2501, 1991, 1586, 1277,
	1024, 820, 655, 526, 423,
	335, 272, 215, 172, 137,
	110, 87, 70, 56, 45,
	36, 29, 23, 18, 15,
};

const u32 sched_prio_to_wmult[40] = {
	48388, 59856, 76040, 92818, 118348,
	147320, 184698, 229616, 287308, 360437,
	449829, 563644, 704093, 875809, 1099582,
	1376151, 1717300, 2157191, 2708050, 3363326,
	4194304, 5237765, 6557202, 8165337, 10153587,
	12820798, 15790321, 19976592, 24970740, 31350126,
	39045157, 49367440, 61356676, 76695844, 95443717,
	119304647, 148102320, 186737708, 238609294, 286331153,
};

void init_cfs_rq(struct cfs_rq *cfs)
{
	INIT_LIST_HEAD(&cfs->tasks);
	cfs->nr_running = 0;
	cfs->load = 0;
	cfs->min_vruntime = 0;
}

/* delta * NICE_0_LOAD / weight, via the inverse weight (no division). */
static u64 calc_delta_fair(u64 delta, const struct sched_entity *se)
{
	if (se->weight == NICE_0_LOAD)
		return delta;
	return (u64)(((unsigned __int128)delta * NICE_0_LOAD * se->inv_weight) >> 32);
}

static struct sched_entity *first_se(struct cfs_rq *cfs)
{
	return list_first_entry_or_null(&cfs->tasks, struct sched_entity, run_node);
}

static void insert_sorted(struct cfs_rq *cfs, struct sched_entity *se)
{
	struct list_head *pos;

	for (pos = cfs->tasks.prev; pos != &cfs->tasks; pos = pos->prev) {
		struct sched_entity *o = list_entry(pos, struct sched_entity, run_node);
		if ((s64)(o->vruntime - se->vruntime) <= 0)
			break;
	}
	list_add(&se->run_node, pos);
}

static void update_min_vruntime(struct cfs_rq *cfs)
{
	struct sched_entity *se = first_se(cfs);

	if (se && (s64)(se->vruntime - cfs->min_vruntime) > 0)
		cfs->min_vruntime = se->vruntime;
}

/* Charge the running task for the time since it was last charged. */
static void update_curr(struct rq *rq)
{
	struct task_struct *curr = rq->curr;
	struct sched_entity *se = &curr->se;
	s64 delta;

	if (curr->sched_class != &fair_sched_class)
		return;
	delta = (s64)(rq->clock - se->exec_start);
	if (delta <= 0)
		return;
	se->exec_start = rq->clock;
	se->sum_exec_runtime += delta;
	se->vruntime += calc_delta_fair(delta, se);
	/* keep the list sorted: curr only ever moves towards the tail */
	if (!list_is_last(&se->run_node, &rq->cfs.tasks) &&
	    (s64)(list_next_entry(se, run_node)->vruntime - se->vruntime) < 0) {
		list_del(&se->run_node);
		insert_sorted(&rq->cfs, se);
	}
	update_min_vruntime(&rq->cfs);
}

static void enqueue_task_fair(struct rq *rq, struct task_struct *p, int flags)
{
	struct cfs_rq *cfs = &rq->cfs;
	struct sched_entity *se = &p->se;

	update_curr(rq);
	if (flags & ENQUEUE_WAKEUP) {
		u64 floor = cfs->min_vruntime - SCHED_LATENCY_NS / 2;
		if ((s64)(se->vruntime - floor) < 0)
			se->vruntime = floor;
	} else if (flags & ENQUEUE_NEW) {
		if ((s64)(se->vruntime - cfs->min_vruntime) < 0)
			se->vruntime = cfs->min_vruntime;
	}
	insert_sorted(cfs, se);
	cfs->nr_running++;
	cfs->load += se->weight;
}

static void dequeue_task_fair(struct rq *rq, struct task_struct *p, int flags)
{
	struct cfs_rq *cfs = &rq->cfs;

	update_curr(rq);
	list_del_init(&p->se.run_node);
	cfs->nr_running--;
	cfs->load -= p->se.weight;
	update_min_vruntime(cfs);
}

/* Carry vruntime across run queues relative to each one's floor. */
static void migrate_task_fair(struct task_struct *p, struct rq *from, struct rq *to)
{
	p->se.vruntime = p->se.vruntime - READ_ONCE(from->cfs.min_vruntime) +
			 READ_ONCE(to->cfs.min_vruntime);
}

static u64 sched_slice(struct cfs_rq *cfs, struct sched_entity *se)
{
	u64 period = SCHED_LATENCY_NS;
	u64 slice;

	if (cfs->nr_running > SCHED_LATENCY_NS / MIN_GRANULARITY_NS)
		period = cfs->nr_running * MIN_GRANULARITY_NS;
	slice = cfs->load ? period * se->weight / cfs->load : period;
	return slice < MIN_GRANULARITY_NS ? MIN_GRANULARITY_NS : slice;
}

static void task_tick_fair(struct rq *rq, struct task_struct *curr)
{
	struct cfs_rq *cfs = &rq->cfs;
	struct sched_entity *se = &curr->se, *first;
	u64 ran, ideal;

	update_curr(rq);
	if (cfs->nr_running < 2)
		return;
	ran = se->sum_exec_runtime - se->prev_sum_exec_runtime;
	ideal = sched_slice(cfs, se);
	first = first_se(cfs);
	if (ran >= ideal && first != se)
		resched_curr(rq);
	else if (first != se && (s64)(se->vruntime - first->vruntime) > (s64)ideal)
		resched_curr(rq);
}

static void check_preempt_fair(struct rq *rq, struct task_struct *p)
{
	struct task_struct *curr = rq->curr;
	u64 gran;

	if (curr->sched_class != &fair_sched_class)
		return;		/* FIFO curr: never; idle curr: handled by the core */
	update_curr(rq);
	gran = calc_delta_fair(WAKEUP_GRANULARITY_NS, &p->se);
	if ((s64)(curr->se.vruntime - p->se.vruntime) > (s64)gran)
		resched_curr(rq);
}

static struct task_struct *pick_next_task_fair(struct rq *rq)
{
	struct sched_entity *se = first_se(&rq->cfs);

	return se ? container_of(se, struct task_struct, se) : NULL;
}

static void put_prev_task_fair(struct rq *rq, struct task_struct *p)
{
	if (p == rq->curr)
		update_curr(rq);
}

static void set_next_task_fair(struct rq *rq, struct task_struct *p)
{
	p->se.exec_start = rq->clock;
	p->se.prev_sum_exec_runtime = p->se.sum_exec_runtime;
}

/* yield: go behind every other runnable task. */
static void yield_task_fair(struct rq *rq)
{
	struct sched_entity *se = &rq->curr->se;
	struct sched_entity *last;

	update_curr(rq);
	last = list_last_entry(&rq->cfs.tasks, struct sched_entity, run_node);
	if (last != se) {
		se->vruntime = last->vruntime + 1;
		list_del(&se->run_node);
		list_add_tail(&se->run_node, &rq->cfs.tasks);
	}
}

const struct sched_class fair_sched_class = {
	.enqueue_task = enqueue_task_fair,
	.dequeue_task = dequeue_task_fair,
	.yield_task = yield_task_fair,
	.check_preempt_curr = check_preempt_fair,
	.pick_next_task = pick_next_task_fair,
	.put_prev_task = put_prev_task_fair,
	.set_next_task = set_next_task_fair,
	.task_tick = task_tick_fair,
	.migrate_task = migrate_task_fair,
};
