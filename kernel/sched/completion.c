/*
 * Completions: a counter of "done" events under the wait queue's lock.
 * complete() adds one and wakes one exclusive waiter; complete_all()
 * saturates the counter (UINT_MAX) and wakes everyone, so later waiters
 * pass too until reinit_completion().  A waiter consumes one event
 * (unless saturated).  The waiter sleeps on the queue with the
 * prepare-then-check pattern under the same lock as complete(), so an
 * event is never lost.
 */
#include <linux/kernel.h>
#include <linux/completion.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>

void complete(struct completion *x)
{
	unsigned long flags;

	spin_lock_irqsave(&x->wait.lock, flags);
	if (x->done != UINT_MAX)
		x->done++;
	__wake_up_locked(&x->wait, TASK_NORMAL, 1);
	spin_unlock_irqrestore(&x->wait.lock, flags);
}

void complete_all(struct completion *x)
{
	unsigned long flags;

	spin_lock_irqsave(&x->wait.lock, flags);
	x->done = UINT_MAX;
	__wake_up_locked(&x->wait, TASK_NORMAL, 0);
	spin_unlock_irqrestore(&x->wait.lock, flags);
}

/*
 * Return: remaining jiffies (>= 1) once done, 0 on timeout, -ERESTARTSYS
 * if a signal (kthread_stop() of a kthread) ended an interruptible or
 * killable wait first.
 */
static long do_wait_for_common(struct completion *x, long timeout, int state)
{
	unsigned long flags;

	might_sleep();
	spin_lock_irqsave(&x->wait.lock, flags);
	if (!x->done) {
		DECLARE_WAITQUEUE(wait, current);

		wait.flags |= WQ_FLAG_EXCLUSIVE;
		list_add_tail(&wait.entry, &x->wait.head);
		do {
			if (signal_pending_state(state, current)) {
				timeout = -ERESTARTSYS;
				break;
			}
			__set_current_state(state);
			spin_unlock_irqrestore(&x->wait.lock, flags);
			timeout = schedule_timeout(timeout);
			spin_lock_irqsave(&x->wait.lock, flags);
		} while (!x->done && timeout);
		__set_current_state(TASK_RUNNING);
		list_del(&wait.entry);
		if (!x->done) {
			spin_unlock_irqrestore(&x->wait.lock, flags);
			return timeout;
		}
	}
	if (x->done != UINT_MAX)
		x->done--;
	spin_unlock_irqrestore(&x->wait.lock, flags);
	return timeout ? timeout : 1;
}

void wait_for_completion(struct completion *x)
{
	do_wait_for_common(x, MAX_SCHEDULE_TIMEOUT, TASK_UNINTERRUPTIBLE);
}

void wait_for_completion_io(struct completion *x)
{
	wait_for_completion(x);
}

unsigned long wait_for_completion_timeout(struct completion *x, unsigned long timeout)
{
	return do_wait_for_common(x, (long)timeout, TASK_UNINTERRUPTIBLE);
}

unsigned long wait_for_completion_io_timeout(struct completion *x, unsigned long timeout)
{
	return wait_for_completion_timeout(x, timeout);
}

/* Return: 0 once done, -ERESTARTSYS if a signal came first. */
int wait_for_completion_interruptible(struct completion *x)
{
	long t = do_wait_for_common(x, MAX_SCHEDULE_TIMEOUT, TASK_INTERRUPTIBLE);

	return t == -ERESTARTSYS ? -ERESTARTSYS : 0;
}

long wait_for_completion_interruptible_timeout(struct completion *x, unsigned long timeout)
{
	return do_wait_for_common(x, (long)timeout, TASK_INTERRUPTIBLE);
}

/* Return: 0 once done, -ERESTARTSYS if SIGKILL came first. */
int wait_for_completion_killable(struct completion *x)
{
	long t = do_wait_for_common(x, MAX_SCHEDULE_TIMEOUT, TASK_KILLABLE);

	return t == -ERESTARTSYS ? -ERESTARTSYS : 0;
}

long wait_for_completion_killable_timeout(struct completion *x, unsigned long timeout)
{
	return do_wait_for_common(x, (long)timeout, TASK_KILLABLE);
}

/* Consume an event without sleeping.  Return: true if there was one. */
bool try_wait_for_completion(struct completion *x)
{
	unsigned long flags;
	bool ret = false;

	if (!READ_ONCE(x->done))
		return false;
	spin_lock_irqsave(&x->wait.lock, flags);
	if (x->done) {
		if (x->done != UINT_MAX)
			x->done--;
		ret = true;
	}
	spin_unlock_irqrestore(&x->wait.lock, flags);
	return ret;
}

/* Return: true if a wait would not block (there are unconsumed events). */
bool completion_done(struct completion *x)
{
	unsigned long flags;

	if (!READ_ONCE(x->done))
		return false;
	/* wait for a complete() still inside its critical section */
	spin_lock_irqsave(&x->wait.lock, flags);
	spin_unlock_irqrestore(&x->wait.lock, flags);
	return true;
}

void complete_and_exit(struct completion *x, long code)
{
	if (x)
		complete(x);
	do_exit(code);
}
