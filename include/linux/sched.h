#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

/*
 * Tasks and the scheduler API (kernel/sched/).  See kernel/sched/core.c
 * for the design, the task life cycle and the locking rules.
 */
#include <linux/types.h>
#include <linux/list.h>
#include <linux/cpumask.h>
#include <linux/atomic.h>
#include <linux/spinlock.h>
#include <linux/preempt.h>
#include <linux/jiffies.h>
#include <asm/barrier.h>
#include <asm/current.h>
#include <asm/processor.h>
#include <asm/thread_info.h>
#include <linux/signal.h>
#include <linux/sched/prio.h>
#include <uapi/linux/sched.h>

#define TASK_COMM_LEN	16
#define TASK_RUNNING		0x00000000
#define TASK_INTERRUPTIBLE	0x00000001
#define TASK_UNINTERRUPTIBLE	0x00000002
#define __TASK_STOPPED		0x00000004
#define __TASK_TRACED		0x00000008
#define EXIT_DEAD		0x00000010
#define EXIT_ZOMBIE		0x00000020
#define TASK_PARKED		0x00000040
#define TASK_DEAD		0x00000080
#define TASK_WAKEKILL		0x00000100
#define TASK_WAKING		0x00000200
#define TASK_NOLOAD		0x00000400
#define TASK_NEW		0x00000800
#define TASK_KILLABLE		(TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)
#define TASK_IDLE		(TASK_UNINTERRUPTIBLE | TASK_NOLOAD)
#define TASK_NORMAL		(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)

/* p->flags */
#define PF_IDLE			0x00000002
#define PF_EXITING		0x00000004
#define PF_WQ_WORKER		0x00000020
#define PF_NOFREEZE		0x00008000
#define PF_KTHREAD		0x00200000
#define PF_NO_SETAFFINITY	0x04000000

#define MAX_SCHEDULE_TIMEOUT	LONG_MAX

struct sched_class;
struct rq;

/* The fair class's per-task state (kernel/sched/fair.c). */
struct sched_entity {
	unsigned long weight;		/* from nice */
	unsigned long inv_weight;	/* 2^32 / weight */
	u64 vruntime;			/* rq->lock */
	u64 exec_start;			/* rq->lock: clock when last put on CPU */
	u64 sum_exec_runtime;		/* rq->lock */
	u64 prev_sum_exec_runtime;	/* rq->lock: at the start of this slice */
	struct list_head run_node;	/* rq->lock: position in cfs_rq->tasks */
};

/* The FIFO class's per-task state (kernel/sched/rt.c). */
struct sched_rt_entity {
	struct list_head run_list;	/* rq->lock */
};

/*
 * A task.  Lock legend for the fields:
 *   I   set before the task is visible, then read-only
 *   P   p->pi_lock
 *   R   task_rq(p)->lock
 *   PR  both to write, either to read
 *   T   tasklist_lock
 *   O   only the task itself (current)
 *   A   atomic / READ_ONCE-WRITE_ONCE
 */
struct task_struct {
	unsigned int magic;			/* I: TASK_MAGIC while alive */
	unsigned int __state;			/* P (wakers), O (sleeper, with barrier) */
	unsigned int flags;			/* O, or I before the task runs */
	struct thread_info thread_info;		/* A: TIF_* bits (signals) */
	int on_cpu;				/* R; cleared with release after switch-out */
	int on_rq;				/* R: queued on a run queue */
	int cpu;				/* PR: the run queue it is (or was last) on */
	pid_t pid;				/* I */
	char comm[TASK_COMM_LEN];		/* O (set_task_comm takes pi_lock) */
	atomic_t usage;				/* A: get/put_task_struct */
	raw_spinlock_t pi_lock;			/* serialises wake-ups and affinity changes */

	int prio;				/* PR: effective priority (0-99 FIFO, 100-139 fair) */
	int static_prio;			/* PR: from nice */
	int rt_priority;			/* PR: 1-99 for SCHED_FIFO */
	unsigned int policy;			/* PR */
	const struct sched_class *sched_class;	/* PR */
	struct sched_entity se;
	struct sched_rt_entity rt;

	struct cpumask cpus_mask;		/* PR */
	const struct cpumask *cpus_ptr;		/* I: &cpus_mask */
	int nr_cpus_allowed;			/* PR */
	bool migration_disabled;		/* unused, Linux compatibility */

	void *stack;				/* I: lowest address of the kernel stack */
	struct thread_struct thread;		/* R: saved context */

	struct task_struct *real_parent;	/* T */
	struct task_struct *parent;		/* T */
	struct list_head children;		/* T */
	struct list_head sibling;		/* T */
	struct list_head tasks;			/* T: on the global task list */

	int exit_code;				/* O, then read after TASK_DEAD */
	int exit_state;				/* P */
	struct completion *vfork_done;		/* completed at exit (kthread uses it) */
	void *worker_private;			/* kthread/worker private data */
	void *set_child_tid;			/* unused, Linux compatibility */

	u64 start_time;				/* I: ktime at creation */
	u64 last_switch_time;			/* R: for the hung-task detector */
	struct task_struct *wake_entry;		/* P (the waker, pushing), then the list's taker:
						 * next on a run queue's wake_list (TASK_WAKING) */
	unsigned long nvcsw, nivcsw;		/* R: voluntary / involuntary switches */
	void *timeout_timer;			/* O: schedule_timeout's timer */
	unsigned int cpus_read_depth;		/* O: cpus_read_lock() nesting */
	struct sigpending pending;		/* P: queued signals (kernel/signal.c) */
	sigset_t allowed_signals;		/* P: allow_signal(); others are ignored */
#ifdef CONFIG_DEBUG_KERNEL
	u16 held_mutex[8];			/* O: lock-order classes of the mutexes held */
	int nr_held_mutex;			/* O */
#endif
};


static inline unsigned int task_cpu(const struct task_struct *p) { return READ_ONCE(p->cpu); }
static inline bool task_is_running(const struct task_struct *p) { return READ_ONCE(p->__state) == TASK_RUNNING; }
static inline pid_t task_pid_nr(const struct task_struct *p) { return p->pid; }
static inline int task_nice(const struct task_struct *p) { return PRIO_TO_NICE(p->static_prio); }
static inline bool is_idle_task(const struct task_struct *p) { return p->flags & PF_IDLE; }

/*
 * set_current_state(): publish the sleeping state with a full barrier
 * before the caller tests its wake-up condition; a waker sets the
 * condition and then calls wake_up_process(), which reads the state after
 * its own barrier.  One of the two always sees the other's store, so a
 * wake-up is never lost between the test and schedule().
 */
#define __set_current_state(state) WRITE_ONCE(current->__state, (state))
#define set_current_state(state) smp_store_mb(current->__state, (state))

/* Core scheduler API (kernel/sched/core.c). */
void schedule(void);
void schedule_preempt_disabled(void);
int wake_up_process(struct task_struct *p);
int wake_up_state(struct task_struct *p, unsigned int state);
long schedule_timeout(long timeout);
long schedule_timeout_interruptible(long timeout);
long schedule_timeout_killable(long timeout);
long schedule_timeout_uninterruptible(long timeout);
long schedule_timeout_idle(long timeout);
int _cond_resched(void);
#define cond_resched() _cond_resched()
void yield(void);
void set_user_nice(struct task_struct *p, long nice);
struct sched_param;
int sched_setscheduler(struct task_struct *p, int policy, const struct sched_param *param);
int sched_setscheduler_nocheck(struct task_struct *p, int policy, const struct sched_param *param);
void sched_set_fifo(struct task_struct *p);
void sched_set_fifo_low(struct task_struct *p);
void sched_set_normal(struct task_struct *p, int nice);
int set_cpus_allowed_ptr(struct task_struct *p, const struct cpumask *new_mask);
unsigned long wait_task_inactive(struct task_struct *p, unsigned int match_state);
void do_set_cpus_allowed(struct task_struct *p, const struct cpumask *new_mask);
bool need_resched(void);
char *__get_task_comm(char *buf, size_t size, struct task_struct *tsk);
#define get_task_comm(buf, tsk) __get_task_comm(buf, sizeof(buf), tsk)
void set_task_comm(struct task_struct *tsk, const char *name);
int idle_cpu(int cpu);
struct task_struct *idle_task(int cpu);

/* might_sleep(): WARN when called in atomic context (debug builds). */
void __might_sleep(const char *file, int line);
#define might_sleep() __might_sleep(__FILE__, __LINE__)
#define might_sleep_if(cond) do { if (cond) might_sleep(); } while (0)
#define sched_annotate_sleep() do { } while (0)

#endif
