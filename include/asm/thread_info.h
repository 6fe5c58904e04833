#ifndef _ASM_THREAD_INFO_H
#define _ASM_THREAD_INFO_H

/*
 * Per-task flag bits (task->thread_info.flags), x86's numbers.  Only the
 * signal ones are used here: the need-resched flag is per CPU
 * (pcpu_hot.need_resched), there is no user mode to return to.
 */
#define TIF_SIGPENDING		2	/* a signal is pending */
#define TIF_NOTIFY_SIGNAL	17	/* kthread_stop(): break out of interruptible sleeps */

struct thread_info {
	unsigned long flags;		/* TIF_* bits, atomic bit operations */
};

#endif
