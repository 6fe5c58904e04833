#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/cpumask.h>
#include <linux/atomic.h>
#include <asm/current.h>

#define TASK_COMM_LEN	16
#define TASK_MAGIC	0x7a5c0de5U

#define TASK_RUNNING		0x0000
#define TASK_INTERRUPTIBLE	0x0001
#define TASK_UNINTERRUPTIBLE	0x0002
#define TASK_PARKED		0x0040
#define TASK_DEAD		0x0080
#define TASK_NORMAL		(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)

#define PF_IDLE			0x00000002
#define PF_EXITING		0x00000004
#define PF_WQ_WORKER		0x00000020
#define PF_KTHREAD		0x00200000
#define PF_NO_SETAFFINITY	0x04000000

/*
 * A task (kernel thread).  The scheduler issue fills this out; the
 * foundation only needs identity (for oops reports) and the stack bounds
 * (for backtraces and the guard-page check).
 */
struct task_struct {
	unsigned int magic;		/* TASK_MAGIC while alive */
	unsigned int __state;
	unsigned int flags;
	pid_t pid;
	char comm[TASK_COMM_LEN];
	void *stack;			/* lowest address of the stack */
	unsigned long stack_size;
	int cpu;
	struct task_struct *real_parent;
	const struct cpumask *cpus_ptr;
	struct cpumask cpus_mask;
};

extern struct task_struct init_task;

/* Scheduler internals used by boot and the tick (kernel/sched/core.c). */
struct task_struct *idle_task(int cpu);
void sched_init_idle(int cpu, void *stack);
void scheduler_tick(void);
void run_local_timers(void);

static inline unsigned int task_cpu(const struct task_struct *p) { return p->cpu; }
static inline bool task_is_running(const struct task_struct *p) { return READ_ONCE(p->__state) == TASK_RUNNING; }

#endif
