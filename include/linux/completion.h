#ifndef _LINUX_COMPLETION_H
#define _LINUX_COMPLETION_H

/*
 * Completions (kernel/sched/completion.c): "this happened" for one or all
 * waiters.  done counts completions not yet consumed; complete_all sets
 * it to UINT_MAX so every present and future waiter passes until
 * reinit_completion().  Timeouts are in jiffies; the _timeout forms
 * return 0 on timeout, else the remaining jiffies (at least 1).
 */
#include <linux/types.h>
#include <linux/wait.h>

struct completion {
	unsigned int done;		/* wait.lock */
	struct wait_queue_head wait;
};

#define COMPLETION_INITIALIZER(work) \
	{ 0, __WAIT_QUEUE_HEAD_INITIALIZER((work).wait) }
#define COMPLETION_INITIALIZER_ONSTACK(work) (*({ init_completion(&work); &work; }))
#define DECLARE_COMPLETION(work) struct completion work = COMPLETION_INITIALIZER(work)
#define DECLARE_COMPLETION_ONSTACK(work) struct completion work = COMPLETION_INITIALIZER_ONSTACK(work)

static inline void init_completion(struct completion *x)
{
	x->done = 0;
	init_waitqueue_head(&x->wait);
}

static inline void reinit_completion(struct completion *x)
{
	x->done = 0;
}

void complete(struct completion *x);
void complete_all(struct completion *x);
void wait_for_completion(struct completion *x);
void wait_for_completion_io(struct completion *x);
unsigned long wait_for_completion_timeout(struct completion *x, unsigned long timeout);
unsigned long wait_for_completion_io_timeout(struct completion *x, unsigned long timeout);
int wait_for_completion_interruptible(struct completion *x);
long wait_for_completion_interruptible_timeout(struct completion *x, unsigned long timeout);
int wait_for_completion_killable(struct completion *x);
long wait_for_completion_killable_timeout(struct completion *x, unsigned long timeout);
bool try_wait_for_completion(struct completion *x);
bool completion_done(struct completion *x);
void complete_and_exit(struct completion *x, long code) __attribute__((__noreturn__));

#endif
