#ifndef _LINUX_SCHED_TASK_H
#define _LINUX_SCHED_TASK_H

/*
 * Task creation and reference counting (kernel/sched/task.c).  The task
 * struct (and its stack) live until the last put_task_struct(); a task
 * holds one reference on itself until it has been switched out for the
 * last time.
 */
#include <linux/sched.h>

extern struct task_struct init_task;

void __put_task_struct(struct task_struct *t);

static inline struct task_struct *get_task_struct(struct task_struct *t)
{
	atomic_inc(&t->usage);
	return t;
}

/* A reference unless the count already dropped to zero (the task is going). */
static inline struct task_struct *tryget_task_struct(struct task_struct *t)
{
	return atomic_inc_not_zero(&t->usage) ? t : NULL;
}

void put_task_struct(struct task_struct *t);

static inline void put_task_struct_many(struct task_struct *t, int nr)
{
	while (nr-- > 0)
		put_task_struct(t);
}

pid_t kernel_thread(int (*fn)(void *), void *arg, const char *name, unsigned long flags);
void wake_up_new_task(struct task_struct *p);
void __noreturn do_task_dead(void);
void __noreturn do_exit(long code);

#endif
