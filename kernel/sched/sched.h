#ifndef _KERNEL_SCHED_SCHED_H
#define _KERNEL_SCHED_SCHED_H

/*
 * Scheduler internals shared by core.c, fair.c, rt.c and task.c.
 *
 * Lock order (outermost first):
 *   wait_queue_head.lock / mutex.wait_lock / timer base lock (caller's)
 *     -> p->pi_lock
 *       -> rq->lock, two run queues in ascending CPU order
 *         -> (leaf locks: zone_lock, slab locks, printk)
 * Every rq->lock is taken with interrupts disabled.
 */
#include <linux/sched.h>
#include <kernel/sched.h>
#include <linux/spinlock.h>
#include <linux/percpu.h>
#include <linux/bitops.h>

#define NICE_0_LOAD	1024	/* the weight of a nice-0 task */

#define ENQUEUE_WAKEUP	0x01
#define ENQUEUE_NEW	0x02
#define ENQUEUE_MIGRATED 0x04
#define DEQUEUE_SLEEP	0x01
#define DEQUEUE_MIGRATE	0x04

/* Fair class run queue: runnable tasks sorted by vruntime (curr included). */
struct cfs_rq {
	struct list_head tasks;		/* R: by vruntime, ascending */
	unsigned int nr_running;	/* R */
	unsigned long load;		/* R: sum of weights */
	u64 min_vruntime;		/* R: monotonic floor for placement */
};

/* FIFO class run queue: one FIFO list per priority, bitmap of non-empty. */
struct rt_rq {
	unsigned long bitmap[BITS_TO_LONGS(MAX_RT_PRIO)];	/* R */
	struct list_head queue[MAX_RT_PRIO];			/* R */
	unsigned int nr_running;				/* R */
};

/*
 * A CPU's run queue.  Lock legend: R = rq->lock (interrupts off), I = set
 * at boot, A = atomic/READ_ONCE.
 */
struct rq {
	raw_spinlock_t lock;
	unsigned int nr_running;	/* R, read A by balancers */
	struct task_struct *curr;	/* R, read A */
	struct task_struct *idle;	/* I */
	u64 clock;			/* R: ktime ns, updated on every lock holder's entry */
	struct cfs_rq cfs;		/* R */
	struct rt_rq rt;		/* R */
	int cpu;			/* I */
	bool online;			/* R */
	unsigned long nr_switches;	/* R */
	unsigned long next_balance;	/* R: jiffies */
	struct task_struct *wake_list;	/* A: woken by remote CPUs, activated here (push:
					 * cmpxchg under p->pi_lock; take: xchg in the IPI) */
	unsigned long nr_remote_wakeups;	/* R: activated from wake_list */
};

DECLARE_PER_CPU(struct rq, runqueues);
#define cpu_rq(cpu)		(&per_cpu(runqueues, (cpu)))
#define this_rq()		this_cpu_ptr(&runqueues)
#define task_rq(p)		cpu_rq(task_cpu(p))

struct sched_class {
	void (*enqueue_task)(struct rq *rq, struct task_struct *p, int flags);
	void (*dequeue_task)(struct rq *rq, struct task_struct *p, int flags);
	void (*yield_task)(struct rq *rq);
	void (*check_preempt_curr)(struct rq *rq, struct task_struct *p);
	struct task_struct *(*pick_next_task)(struct rq *rq);
	void (*put_prev_task)(struct rq *rq, struct task_struct *p);
	void (*set_next_task)(struct rq *rq, struct task_struct *p);
	void (*task_tick)(struct rq *rq, struct task_struct *p);
	void (*migrate_task)(struct task_struct *p, struct rq *from, struct rq *to);
};

extern const struct sched_class fair_sched_class, rt_sched_class, idle_sched_class;
extern const int sched_prio_to_weight[40];
extern const u32 sched_prio_to_wmult[40];

void init_cfs_rq(struct cfs_rq *cfs);
void init_rt_rq(struct rt_rq *rt);
void set_load_weight(struct task_struct *p);
void update_rq_clock(struct rq *rq);
void resched_curr(struct rq *rq);
void resched_cpu_any(int cpu);
void activate_task(struct rq *rq, struct task_struct *p, int flags);
void deactivate_task(struct rq *rq, struct task_struct *p, int flags);
void set_task_cpu(struct task_struct *p, int cpu);
struct rq *task_rq_lock(struct task_struct *p, unsigned long *flags);
void task_rq_unlock(struct rq *rq, struct task_struct *p, unsigned long flags);
void double_rq_lock(struct rq *a, struct rq *b);
void double_rq_unlock(struct rq *a, struct rq *b);
bool can_migrate_task(struct task_struct *p, struct rq *src, int dst_cpu);
void schedule_tail(struct task_struct *prev);
void sched_fork_task(struct task_struct *p);
void free_task(struct task_struct *p);

static inline bool task_current(struct rq *rq, struct task_struct *p)
{
	return rq->curr == p;
}

static inline const struct sched_class *class_for(int policy)
{
	return (policy == SCHED_FIFO || policy == SCHED_RR) ? &rt_sched_class : &fair_sched_class;
}

/* Per-CPU stopper: run fn(arg) on cpu as its highest-priority task. */
typedef int (*cpu_stop_fn_t)(void *arg);
int stop_one_cpu(unsigned int cpu, cpu_stop_fn_t fn, void *arg);
void cpu_stop_init(void);
void stop_machine_park(unsigned int cpu);
void stop_machine_unpark(unsigned int cpu);

/* kernel/kthread.c: the idle task's struct kthread (static storage). */
void kthread_init_idle(struct task_struct *idle, int cpu);

#endif
