#ifndef _LINUX_SCHED_SIGNAL_H
#define _LINUX_SCHED_SIGNAL_H

/*
 * Signals as kthreads see them (kernel/signal.c).
 *
 * signal_pending(p) is true when p has a signal queued (TIF_SIGPENDING)
 * or kthread_stop() was called on it (TIF_NOTIFY_SIGNAL, which Linux's
 * kthread_stop() sets too).  Either makes p's interruptible sleeps end at
 * once: schedule() does not put a task to sleep in TASK_INTERRUPTIBLE
 * while signal_pending() (nor in TASK_KILLABLE while SIGKILL is pending),
 * and the interruptible waits then return -ERESTARTSYS, -EINTR or the
 * time left.  A kthread ignores every signal unless it allow_signal()s it.
 */
#include <linux/signal.h>
#include <linux/sched.h>
#include <linux/thread_info.h>

static inline int signal_pending(struct task_struct *p)
{
	return unlikely(test_tsk_thread_flag(p, TIF_SIGPENDING) ||
			test_tsk_thread_flag(p, TIF_NOTIFY_SIGNAL));
}

static inline int __fatal_signal_pending(struct task_struct *p)
{
	return unlikely(sigismember(&p->pending.signal, SIGKILL));
}

static inline int fatal_signal_pending(struct task_struct *p)
{
	return signal_pending(p) && __fatal_signal_pending(p);
}

/* Would a sleep in @state end at once because of a signal? */
static inline int signal_pending_state(unsigned int state, struct task_struct *p)
{
	if (!(state & (TASK_INTERRUPTIBLE | TASK_WAKEKILL)))
		return 0;
	if (!signal_pending(p))
		return 0;
	return (state & TASK_INTERRUPTIBLE) || __fatal_signal_pending(p);
}

void flush_signals(struct task_struct *t);
int kernel_dequeue_signal(void);
int send_sig(int sig, struct task_struct *p, int priv);

static inline void kernel_signal_stop(void) { }

/* Every task but the idle tasks (the list is anchored at init_task). */
#include <linux/sched/task.h>
#define next_task(p)	list_entry(READ_ONCE((p)->tasks.next), struct task_struct, tasks)
#define for_each_process(p) \
	for (p = &init_task; (p = next_task(p)) != &init_task; )

#endif
