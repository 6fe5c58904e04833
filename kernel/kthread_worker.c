/*
 * kthread_worker: one kthread that runs queued kthread_work items in queue
 * order, one at a time.
 *
 *   idle --queue--> queued (on work_list) --worker picks--> running
 *     ^                                                        |
 *     +------------------ done (may be queued again) ----------+
 *   delayed: idle --queue_delayed--> on delayed_work_list with a timer
 *            --timer fires--> queued
 *
 * A work's `worker` field records the worker it was last queued on; a
 * work may only be used with one worker (WARN otherwise).  canceling > 0
 * blocks re-queueing while a cancel waits for a running instance.
 * Flushes insert a private completion-signalling work behind the target.
 *
 * Locking: worker->lock (raw, irqsave) protects both lists, current_work
 * and every field of the works queued on it.  The delayed-work timer is
 * IRQ-safe and only takes worker->lock.
 */
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/slab.h>
#include <linux/timer.h>

void __kthread_init_worker(struct kthread_worker *worker, const char *name)
{
	memset(worker, 0, sizeof(*worker));
	raw_spin_lock_init(&worker->lock);
	INIT_LIST_HEAD(&worker->work_list);
	INIT_LIST_HEAD(&worker->delayed_work_list);
	(void)name;
}

/*
 * The worker thread: run items until kthread_stop(); items still queued
 * at the stop are not run (Linux's behaviour).  Asked to park, it parks
 * between items (the queued ones wait for the unpark).  The state is set
 * before the stop/park/list checks, so a request or an item that arrives
 * after them finds it asleep and wakes it.
 */
int kthread_worker_fn(void *worker_ptr)
{
	struct kthread_worker *worker = worker_ptr;
	struct kthread_work *work;

	WARN_ON(worker->task && worker->task != current);
	worker->task = current;
repeat:
	set_current_state(TASK_INTERRUPTIBLE);
	if (kthread_should_stop()) {
		__set_current_state(TASK_RUNNING);
		raw_spin_lock_irq(&worker->lock);
		worker->task = NULL;
		raw_spin_unlock_irq(&worker->lock);
		return 0;
	}
	if (kthread_should_park()) {
		__set_current_state(TASK_RUNNING);
		kthread_parkme();
		goto repeat;
	}
	work = NULL;
	raw_spin_lock_irq(&worker->lock);
	if (!list_empty(&worker->work_list)) {
		work = list_first_entry(&worker->work_list, struct kthread_work, node);
		list_del_init(&work->node);
	}
	worker->current_work = work;
	raw_spin_unlock_irq(&worker->lock);
	if (work) {
		kthread_work_func_t func = work->func;

		__set_current_state(TASK_RUNNING);
		func(work);	/* work may be freed or requeued by func */
	} else {
		schedule();
	}
	cond_resched();
	goto repeat;
}

static struct kthread_worker *__create_worker(int cpu, unsigned int flags, const char namefmt[],
					      va_list args)
{
	struct kthread_worker *worker = kzalloc(sizeof(*worker), GFP_KERNEL);
	struct task_struct *task = ERR_PTR(-ENOMEM);
	char *name;

	if (!worker)
		return ERR_PTR(-ENOMEM);
	kthread_init_worker(worker);
	name = kvasprintf(GFP_KERNEL, namefmt, args);
	/* formatted once: the name is an argument from here, never a format */
	if (name)
		task = kthread_create(kthread_worker_fn, worker, "%s", name);
	kfree(name);
	if (IS_ERR(task)) {
		kfree(worker);
		return ERR_CAST(task);
	}
	if (cpu >= 0)
		kthread_bind(task, cpu);
	worker->flags = flags;
	worker->task = task;
	wake_up_process(task);	/* created running, as before Linux 6.14 */
	return worker;
}

struct kthread_worker *kthread_create_worker(unsigned int flags, const char namefmt[], ...)
{
	struct kthread_worker *w;
	va_list args;

	va_start(args, namefmt);
	w = __create_worker(-1, flags, namefmt, args);
	va_end(args);
	return w;
}

struct kthread_worker *kthread_create_worker_on_cpu(int cpu, unsigned int flags,
						    const char namefmt[], ...)
{
	struct kthread_worker *w;
	va_list args;

	va_start(args, namefmt);
	w = __create_worker(cpu, flags, namefmt, args);
	va_end(args);
	return w;
}

static bool queuing_blocked(struct kthread_worker *worker, struct kthread_work *work)
{
	return !list_empty(&work->node) || work->canceling;
}

static void insert_work(struct kthread_worker *worker, struct kthread_work *work,
			struct list_head *pos)
{
	WARN_ON_ONCE(work->worker && work->worker != worker);
	list_add_tail(&work->node, pos);
	work->worker = worker;
	if (!worker->current_work && worker->task)
		wake_up_process(worker->task);
}

/* Return: true if queued, false if it was already pending (or canceling). */
bool kthread_queue_work(struct kthread_worker *worker, struct kthread_work *work)
{
	unsigned long flags;
	bool ret = false;

	raw_spin_lock_irqsave(&worker->lock, flags);
	if (!queuing_blocked(worker, work)) {
		insert_work(worker, work, &worker->work_list);
		ret = true;
	}
	raw_spin_unlock_irqrestore(&worker->lock, flags);
	return ret;
}

void kthread_delayed_work_timer_fn(struct timer_list *t)
{
	struct kthread_delayed_work *dwork = from_timer(dwork, t, timer);
	struct kthread_work *work = &dwork->work;
	struct kthread_worker *worker = work->worker;
	unsigned long flags;

	if (WARN_ON_ONCE(!worker))
		return;
	raw_spin_lock_irqsave(&worker->lock, flags);
	WARN_ON_ONCE(work->worker != worker);
	list_del_init(&work->node);
	if (!work->canceling)
		insert_work(worker, work, &worker->work_list);
	raw_spin_unlock_irqrestore(&worker->lock, flags);
}

static void __queue_delayed_work(struct kthread_worker *worker,
				 struct kthread_delayed_work *dwork, unsigned long delay)
{
	struct kthread_work *work = &dwork->work;

	if (!delay) {
		insert_work(worker, work, &worker->work_list);
		return;
	}
	WARN_ON_ONCE(work->worker && work->worker != worker);
	work->worker = worker;
	list_add(&work->node, &worker->delayed_work_list);
	dwork->timer.expires = jiffies + delay;
	add_timer(&dwork->timer);
}

bool kthread_queue_delayed_work(struct kthread_worker *worker, struct kthread_delayed_work *dwork,
				unsigned long delay)
{
	unsigned long flags;
	bool ret = false;

	raw_spin_lock_irqsave(&worker->lock, flags);
	if (!queuing_blocked(worker, &dwork->work)) {
		__queue_delayed_work(worker, dwork, delay);
		ret = true;
	}
	raw_spin_unlock_irqrestore(&worker->lock, flags);
	return ret;
}

/*
 * Take work off its lists (and stop its timer).  Called with the lock
 * held; may drop it to wait for a running timer callback.  Return: true
 * if it was pending.
 */
static bool __kthread_cancel_work(struct kthread_work *work, bool is_dwork,
				  unsigned long *flags)
{
	if (is_dwork) {
		struct kthread_delayed_work *dwork =
			container_of(work, struct kthread_delayed_work, work);
		struct kthread_worker *worker = work->worker;

		/* the timer callback takes the lock: block requeue, drop it, wait */
		work->canceling++;
		raw_spin_unlock_irqrestore(&worker->lock, *flags);
		del_timer_sync(&dwork->timer);
		raw_spin_lock_irqsave(&worker->lock, *flags);
		work->canceling--;
	}
	if (!list_empty(&work->node)) {
		list_del_init(&work->node);
		return true;
	}
	return false;
}

/* Return: true if work was pending before (and is now queued again). */
bool kthread_mod_delayed_work(struct kthread_worker *worker, struct kthread_delayed_work *dwork,
			      unsigned long delay)
{
	struct kthread_work *work = &dwork->work;
	unsigned long flags;
	bool ret = false;

	raw_spin_lock_irqsave(&worker->lock, flags);
	if (!work->worker) {
		__queue_delayed_work(worker, dwork, delay);
		goto out;
	}
	WARN_ON_ONCE(work->worker != worker);
	if (work->canceling) {
		ret = true;	/* another cancel in progress: leave it cancelled */
		goto out;
	}
	ret = __kthread_cancel_work(work, true, &flags);
	if (work->canceling) {
		ret = true;
		goto out;
	}
	__queue_delayed_work(worker, dwork, delay);
out:
	raw_spin_unlock_irqrestore(&worker->lock, flags);
	return ret;
}

struct kthread_flush_work {
	struct kthread_work work;
	struct completion done;
};

static void kthread_flush_work_fn(struct kthread_work *work)
{
	struct kthread_flush_work *fwork = container_of(work, struct kthread_flush_work, work);

	complete(&fwork->done);
}

/* Wait until the last queued or running instance of work has finished. */
void kthread_flush_work(struct kthread_work *work)
{
	struct kthread_flush_work fwork;
	struct kthread_worker *worker;
	unsigned long flags;
	bool noop = false;

	kthread_init_work(&fwork.work, kthread_flush_work_fn);
	init_completion(&fwork.done);
	worker = work->worker;
	if (!worker)
		return;
	raw_spin_lock_irqsave(&worker->lock, flags);
	WARN_ON_ONCE(work->worker != worker);
	if (!list_empty(&work->node))
		insert_work(worker, &fwork.work, work->node.next);
	else if (worker->current_work == work)
		insert_work(worker, &fwork.work, worker->work_list.next);
	else
		noop = true;
	raw_spin_unlock_irqrestore(&worker->lock, flags);
	if (!noop)
		wait_for_completion(&fwork.done);
}

/* Wait until everything queued on worker so far has run. */
void kthread_flush_worker(struct kthread_worker *worker)
{
	struct kthread_flush_work fwork;

	kthread_init_work(&fwork.work, kthread_flush_work_fn);
	init_completion(&fwork.done);
	kthread_queue_work(worker, &fwork.work);
	wait_for_completion(&fwork.done);
}

static bool __kthread_cancel_work_sync(struct kthread_work *work, bool is_dwork)
{
	struct kthread_worker *worker = work->worker;
	unsigned long flags;
	bool ret;

	if (!worker)
		return false;
	raw_spin_lock_irqsave(&worker->lock, flags);
	WARN_ON_ONCE(work->worker != worker);
	ret = __kthread_cancel_work(work, is_dwork, &flags);
	if (worker->current_work != work)
		goto out_fast;
	/* running: block requeues while we wait for it to finish */
	work->canceling++;
	raw_spin_unlock_irqrestore(&worker->lock, flags);
	kthread_flush_work(work);
	raw_spin_lock_irqsave(&worker->lock, flags);
	/* a self-requeue that slipped in before canceling was raised */
	if (!list_empty(&work->node)) {
		list_del_init(&work->node);
		ret = true;
	}
	work->canceling--;
out_fast:
	raw_spin_unlock_irqrestore(&worker->lock, flags);
	return ret;
}

bool kthread_cancel_work_sync(struct kthread_work *work)
{
	return __kthread_cancel_work_sync(work, false);
}

bool kthread_cancel_delayed_work_sync(struct kthread_delayed_work *dwork)
{
	return __kthread_cancel_work_sync(&dwork->work, true);
}

/*
 * Flush, stop and free a worker made by kthread_create_worker*().  A
 * parked worker is unparked first, so the flush finishes.
 */
void kthread_destroy_worker(struct kthread_worker *worker)
{
	struct task_struct *task = worker->task;

	if (WARN_ON(!task))
		return;
	kthread_unpark(task);
	kthread_flush_worker(worker);
	kthread_stop(task);
	WARN_ON(!list_empty(&worker->delayed_work_list));
	WARN_ON(!list_empty(&worker->work_list));
	kfree(worker);
}
