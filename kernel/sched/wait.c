/*
 * Wait queues: a list of waiting entries under wq_head->lock (irqsave).
 * __wake_up() walks the list calling each entry's wake function; the
 * default one is try_to_wake_up() on the entry's task; autoremove also
 * unlinks the entry, so finish_wait() finds it gone and need not lock.
 * Non-exclusive entries sit at the head and are all woken; exclusive ones
 * at the tail, and at most nr_exclusive of those are woken per call.
 * Lock order: wq_head->lock -> p->pi_lock -> rq->lock.
 */
#include <linux/kernel.h>
#include <linux/wait.h>
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/sched/signal.h>
#include <kernel/sched.h>

void __init_waitqueue_head(struct wait_queue_head *wq_head, const char *name)
{
	spin_lock_init(&wq_head->lock);
	INIT_LIST_HEAD(&wq_head->head);
	(void)name;
}

void add_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *e)
{
	unsigned long flags;

	e->flags &= ~WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&wq_head->lock, flags);
	list_add(&e->entry, &wq_head->head);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}

void add_wait_queue_exclusive(struct wait_queue_head *wq_head, struct wait_queue_entry *e)
{
	unsigned long flags;

	e->flags |= WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&wq_head->lock, flags);
	list_add_tail(&e->entry, &wq_head->head);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}

void remove_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *e)
{
	unsigned long flags;

	spin_lock_irqsave(&wq_head->lock, flags);
	list_del(&e->entry);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}

/* Queue e (if not queued) and set the task state, in that order. */
void prepare_to_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *e, int state)
{
	unsigned long flags;

	e->flags &= ~WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&wq_head->lock, flags);
	if (list_empty(&e->entry))
		list_add(&e->entry, &wq_head->head);
	set_current_state(state);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}

bool prepare_to_wait_exclusive(struct wait_queue_head *wq_head, struct wait_queue_entry *e, int state)
{
	unsigned long flags;
	bool was_empty = false;

	e->flags |= WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&wq_head->lock, flags);
	if (list_empty(&e->entry)) {
		was_empty = list_empty(&wq_head->head);
		list_add_tail(&e->entry, &wq_head->head);
	}
	set_current_state(state);
	spin_unlock_irqrestore(&wq_head->lock, flags);
	return was_empty;
}

/*
 * Queue e (if not queued) and set the task state; but if a signal would
 * end a sleep in @state at once, take e off the queue instead.  An
 * exclusive waiter woken just before keeps its wake-up: the caller tests
 * its condition before it looks at the return value.
 * Return: 0, or -ERESTARTSYS (state left TASK_RUNNING).
 */
long prepare_to_wait_event(struct wait_queue_head *wq_head, struct wait_queue_entry *e, int state)
{
	unsigned long flags;
	long ret = 0;

	spin_lock_irqsave(&wq_head->lock, flags);
	if (signal_pending_state(state, current)) {
		list_del_init(&e->entry);
		ret = -ERESTARTSYS;
	} else {
		if (list_empty(&e->entry)) {
			if (e->flags & WQ_FLAG_EXCLUSIVE)
				list_add_tail(&e->entry, &wq_head->head);
			else
				list_add(&e->entry, &wq_head->head);
		}
		set_current_state(state);
	}
	spin_unlock_irqrestore(&wq_head->lock, flags);
	return ret;
}

void finish_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *e)
{
	unsigned long flags;

	__set_current_state(TASK_RUNNING);
	/* the careful check pairs with autoremove's list_del_init */
	if (!list_empty_careful(&e->entry)) {
		spin_lock_irqsave(&wq_head->lock, flags);
		list_del_init(&e->entry);
		spin_unlock_irqrestore(&wq_head->lock, flags);
	}
}

int default_wake_function(struct wait_queue_entry *e, unsigned int mode, int flags, void *key)
{
	return try_to_wake_up(e->private, mode, flags);
}

int autoremove_wake_function(struct wait_queue_entry *e, unsigned int mode, int flags, void *key)
{
	int ret = default_wake_function(e, mode, flags, key);

	if (ret)
		list_del_init(&e->entry);
	return ret;
}

int woken_wake_function(struct wait_queue_entry *e, unsigned int mode, int flags, void *key)
{
	smp_mb();	/* the condition before WQ_FLAG_WOKEN */
	e->flags |= WQ_FLAG_WOKEN;
	return default_wake_function(e, mode, flags, key);
}

/*
 * wait_woken - sleep until woken_wake_function() ran, the timeout passed,
 * or (in a kthread) a stop or park was asked for.
 *
 * The kthread check closes a lost wake-up: a loop
 *   while (!kthread_should_stop()) wait_woken(...);
 * can pass its test just before kthread_stop() sets the flag and wakes
 * it; that wake-up finds the thread running and does nothing.  Testing
 * the flag here, after set_current_state() (whose barrier pairs with the
 * waker's in try_to_wake_up()), either sees the flag or leaves the state
 * for the wake-up to see.  (Linux does the same.)
 * Context: may sleep.  Return: the remaining timeout, as schedule_timeout().
 */
long wait_woken(struct wait_queue_entry *e, unsigned int mode, long timeout)
{
	set_current_state(mode);
	if (!(e->flags & WQ_FLAG_WOKEN) && !kthread_should_stop_or_park())
		timeout = schedule_timeout(timeout);
	__set_current_state(TASK_RUNNING);
	smp_store_mb(e->flags, e->flags & ~WQ_FLAG_WOKEN);
	return timeout;
}

static int __wake_up_common(struct wait_queue_head *wq_head, unsigned int mode, int nr, void *key)
{
	struct wait_queue_entry *e, *n;
	int woken = 0;

	list_for_each_entry_safe(e, n, &wq_head->head, entry) {
		unsigned int eflags = e->flags;
		int ret = e->func(e, mode, 0, key);

		if (ret < 0)
			break;
		if (ret) {
			woken++;
			if ((eflags & WQ_FLAG_EXCLUSIVE) && nr > 0 && !--nr)
				break;
		}
	}
	return woken;
}

/* Wake waiters in mode; nr exclusive ones at most (0: all).  Return: woken. */
int __wake_up(struct wait_queue_head *wq_head, unsigned int mode, int nr, void *key)
{
	unsigned long flags;
	int woken;

	spin_lock_irqsave(&wq_head->lock, flags);
	woken = __wake_up_common(wq_head, mode, nr, key);
	spin_unlock_irqrestore(&wq_head->lock, flags);
	return woken;
}

void __wake_up_locked(struct wait_queue_head *wq_head, unsigned int mode, int nr)
{
	__wake_up_common(wq_head, mode, nr, NULL);
}
