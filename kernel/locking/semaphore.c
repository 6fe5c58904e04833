/*
 * Counting semaphores.
 *
 * sem->count units are free.  down() takes one, or queues the caller at
 * the tail of sem->wait_list and sleeps.  up() gives one back: to the
 * first waiter if there is one (it is taken off the list and marked
 * `up` before it is woken, so the unit cannot be stolen by a later
 * down()), otherwise to the count.  A waiter whose timeout expires takes
 * itself off the list, unless an up() reached it first: then it keeps the
 * unit and returns success.
 *
 *   waiter: queued --up(): dequeued, up=true, woken--> returns 0
 *              |
 *              +--timeout, still queued: dequeues itself--> returns -ETIME
 *              +--signal (interruptible/killable), still queued: dequeues
 *                 itself--> returns -EINTR
 *
 * No lost wake-up: the waiter sets its task state and tests `up` under
 * sem->lock, and up() sets `up` and wakes it under the same lock.
 *
 * Lock legend: sem->lock (raw, interrupts disabled: up() may come from
 * IRQ context) guards count, wait_list and every waiter's fields.  It is
 * a leaf: wake_up_process() is the only thing called under it (it takes
 * the scheduler's locks, which nest inside).
 */
#include <linux/kernel.h>
#include <linux/semaphore.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/errno.h>

struct semaphore_waiter {
	struct list_head list;		/* sem->lock */
	struct task_struct *task;	/* I */
	bool up;			/* sem->lock: a unit was handed over */
};

/*
 * Wait for a unit in @state for at most @timeout jiffies.
 * Context: sem->lock held with interrupts disabled (they were enabled
 * before: process context); dropped while sleeping.
 * Return: 0 with the unit, -ETIME on timeout.
 */
static int __down_common(struct semaphore *sem, unsigned int state, long timeout)
{
	struct semaphore_waiter waiter;

	waiter.task = current;
	waiter.up = false;
	list_add_tail(&waiter.list, &sem->wait_list);
	for (;;) {
		if (signal_pending_state(state, current)) {
			list_del(&waiter.list);
			return -EINTR;
		}
		if (timeout <= 0) {
			list_del(&waiter.list);
			return -ETIME;
		}
		__set_current_state(state);
		raw_spin_unlock_irq(&sem->lock);
		timeout = schedule_timeout(timeout);
		raw_spin_lock_irq(&sem->lock);
		if (waiter.up)
			return 0;
	}
}

static int __down_state(struct semaphore *sem, unsigned int state, long timeout)
{
	unsigned long flags;
	int ret = 0;

	might_sleep();
	raw_spin_lock_irqsave(&sem->lock, flags);
	if (likely(sem->count > 0))
		sem->count--;
	else
		ret = __down_common(sem, state, timeout);
	raw_spin_unlock_irqrestore(&sem->lock, flags);
	return ret;
}

/**
 * down - take a unit of @sem, sleeping uninterruptibly until one is free.
 * Context: process context, may sleep.
 */
void down(struct semaphore *sem)
{
	__down_state(sem, TASK_UNINTERRUPTIBLE, MAX_SCHEDULE_TIMEOUT);
}

/**
 * down_interruptible - down() in TASK_INTERRUPTIBLE.
 * Context: process context, may sleep.  Return: 0, or -EINTR (a signal).
 */
int down_interruptible(struct semaphore *sem)
{
	return __down_state(sem, TASK_INTERRUPTIBLE, MAX_SCHEDULE_TIMEOUT);
}

/**
 * down_killable - down() in TASK_KILLABLE.
 * Context: process context, may sleep.  Return: 0, or -EINTR (a signal).
 */
int down_killable(struct semaphore *sem)
{
	return __down_state(sem, TASK_KILLABLE, MAX_SCHEDULE_TIMEOUT);
}

/**
 * down_timeout - down(), giving up after @timeout jiffies.
 * Context: process context, may sleep.
 * Return: 0 with a unit, -ETIME if none came in time.
 */
int down_timeout(struct semaphore *sem, long timeout)
{
	return __down_state(sem, TASK_UNINTERRUPTIBLE, timeout);
}

/**
 * down_trylock - take a unit of @sem if one is free, without sleeping.
 * Context: any.
 * Return: 0 if it was taken, 1 if not (the inverse of mutex_trylock()).
 */
int down_trylock(struct semaphore *sem)
{
	unsigned long flags;
	int busy;

	raw_spin_lock_irqsave(&sem->lock, flags);
	busy = sem->count == 0;
	if (!busy)
		sem->count--;
	raw_spin_unlock_irqrestore(&sem->lock, flags);
	return busy;
}

/**
 * up - release a unit of @sem: to the longest waiter, or to the count.
 * Context: any (also IRQ); any task, not only one that did down().
 */
void up(struct semaphore *sem)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&sem->lock, flags);
	if (likely(list_empty(&sem->wait_list))) {
		WARN_ON_ONCE(sem->count == UINT_MAX);
		sem->count++;
	} else {
		struct semaphore_waiter *waiter =
			list_first_entry(&sem->wait_list, struct semaphore_waiter, list);

		list_del(&waiter->list);
		waiter->up = true;
		wake_up_process(waiter->task);
	}
	raw_spin_unlock_irqrestore(&sem->lock, flags);
}
