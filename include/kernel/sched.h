#ifndef _KERNEL_SCHED_H
#define _KERNEL_SCHED_H

/*
 * This kernel's own scheduler and task interfaces, between its parts and
 * for its tests: not Linux's API (include/linux/ has only Linux's names).
 */
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/sched/init.h>
#include <linux/sched/stat.h>
#include <linux/sched/hotplug.h>

#define TASK_MAGIC	0x7a5c0de5U	/* task_struct.magic while alive */
#define TASK_MAGIC_DEAD	0xdeadc0deU	/* once freed */

/* tasklist_lock (raw, irqsave) guards the task list (init_task.tasks) and
 * the parent/children links.  Lock order: tasklist_lock -> p->pi_lock. */
extern raw_spinlock_t tasklist_lock;

/*
 * create_task - a task running fn(arg) (kernel/sched/task.c): TASK_NEW,
 * not queued, the caller's nice, all CPUs; wake_up_new_task() runs it.
 * kthread_create() (built on this, via kthreadd) is the public interface.
 * Return: the task or ERR_PTR(-ENOMEM).
 */
struct task_struct *create_task(int (*fn)(void *), void *arg, const char *name, unsigned int flags);
struct task_struct *find_task_by_pid(pid_t pid);	/* takes a reference */
int wait_for_dead_tasks(unsigned int timeout_ms);	/* 0 once every exited task is freed */
extern atomic_t nr_tasks_alive;
unsigned long cpu_nr_switches(int cpu);

static inline bool task_on_cpu(const struct task_struct *p)
{
	return READ_ONCE(p->on_cpu);
}

int try_to_wake_up(struct task_struct *p, unsigned int state, int wake_flags);
void resched_cpu(int cpu);
void sched_ttwu_pending(void);		/* the reschedule IPI's work */
void schedule_idle(void);

/* Boot and hooks. */
void sched_init_idle(int cpu, void *stack);
void __noreturn cpu_startup_entry(void);
void scheduler_tick(void);
void cpu_play_dead(void);		/* kernel/cpu.c: an offline CPU's idle loop */

/* Lockup detectors (kernel/watchdog.c). */
struct pt_regs;
void watchdog_touch(void);
void watchdog_check(struct pt_regs *regs);
int watchdog_init(void);
extern unsigned int softlockup_thresh, hung_task_thresh;
extern unsigned long softlockup_count, hung_task_count;

/* Workqueue concurrency-management hooks, called by schedule()/ttwu. */
void wq_worker_sleeping(struct task_struct *task);
void wq_worker_running(struct task_struct *task);

#endif
