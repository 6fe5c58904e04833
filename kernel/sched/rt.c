/*
 * The FIFO class (SCHED_FIFO, priorities 1-99) for per-CPU system threads
 * such as the stopper (migration/N).  A FIFO task runs until it blocks or
 * yields; a higher-priority one preempts it; it always preempts fair
 * tasks.  p->prio = 99 - rt_priority, so a lower prio value wins; one
 * FIFO list per prio value and a bitmap of non-empty lists make picking
 * O(1).  Everything is under rq->lock.
 */
#include <linux/kernel.h>
#include "sched.h"

void init_rt_rq(struct rt_rq *rt)
{
	for (int i = 0; i < MAX_RT_PRIO; i++)
		INIT_LIST_HEAD(&rt->queue[i]);
	memset(rt->bitmap, 0, sizeof(rt->bitmap));
	rt->nr_running = 0;
}

static void enqueue_task_rt(struct rq *rq, struct task_struct *p, int flags)
{
	list_add_tail(&p->rt.run_list, &rq->rt.queue[p->prio]);
	__set_bit(p->prio, rq->rt.bitmap);
	rq->rt.nr_running++;
}

static void dequeue_task_rt(struct rq *rq, struct task_struct *p, int flags)
{
	list_del_init(&p->rt.run_list);
	if (list_empty(&rq->rt.queue[p->prio]))
		__clear_bit(p->prio, rq->rt.bitmap);
	rq->rt.nr_running--;
}

static struct task_struct *pick_next_task_rt(struct rq *rq)
{
	unsigned long prio;

	if (!rq->rt.nr_running)
		return NULL;
	prio = find_first_bit(rq->rt.bitmap, MAX_RT_PRIO);
	return list_first_entry(&rq->rt.queue[prio], struct task_struct, rt.run_list);
}

static void check_preempt_rt(struct rq *rq, struct task_struct *p)
{
	if (p->prio < rq->curr->prio)
		resched_curr(rq);
}

static void yield_task_rt(struct rq *rq)
{
	struct task_struct *p = rq->curr;

	list_move_tail(&p->rt.run_list, &rq->rt.queue[p->prio]);
}

static void noop_task(struct rq *rq, struct task_struct *p) { }
static void noop_migrate(struct task_struct *p, struct rq *from, struct rq *to) { }

const struct sched_class rt_sched_class = {
	.enqueue_task = enqueue_task_rt,
	.dequeue_task = dequeue_task_rt,
	.yield_task = yield_task_rt,
	.check_preempt_curr = check_preempt_rt,
	.pick_next_task = pick_next_task_rt,
	.put_prev_task = noop_task,
	.set_next_task = noop_task,
	.task_tick = noop_task,
	.migrate_task = noop_migrate,
};
