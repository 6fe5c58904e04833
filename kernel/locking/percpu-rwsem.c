/*
 * Per-CPU reader-writer semaphores.
 *
 * A reader adds one to its CPU's slot, then (full barrier) looks at
 * `block`: clear, and it is in.  A writer sets `block`, then (full
 * barrier) sums the slots: zero, and it is in.  Of a reader and a writer
 * racing, at least one sees the other's store (the two barriers), so they
 * are never both in.  A reader that finds `block` set takes its count
 * back, wakes the writer (which may have counted it) and waits on
 * `waiters` until the writer is done; the writer waits on `writer` until
 * the last reader's unlock (which wakes it when `block` is set).
 *
 *   unlocked --down_read: slot+1--> read-held (shared) --up_read: slot-1-->
 *   unlocked --down_write: block=1, wait for sum==0--> write-held
 *   write-held --up_write: block=0, wake readers--> unlocked
 *
 * Every wait is the set-state, test, schedule() of wait_event(), against
 * wakers that change the condition before calling wake_up(): no wake-up
 * is lost.  Writers are serialised by writer_mutex; a writer waiting for
 * readers already blocks new ones.
 *
 * Lock order: writer_mutex -> the wait queue locks (leaves).
 */
#include <linux/kernel.h>
#include <linux/percpu-rwsem.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/cpumask.h>
#include <linux/preempt.h>

int __percpu_init_rwsem(struct percpu_rw_semaphore *sem, const char *name, void *key)
{
	sem->read_count = kcalloc(nr_cpu_ids, sizeof(*sem->read_count), GFP_KERNEL);
	if (!sem->read_count)
		return -ENOMEM;
	sem->dynamic = true;
	atomic_set(&sem->block, 0);
	init_waitqueue_head(&sem->waiters);
	init_waitqueue_head(&sem->writer);
	__mutex_init(&sem->writer_mutex, name);
	sem->writer_task = NULL;
	sem->name = name;
	(void)key;
	return 0;
}

void percpu_free_rwsem(struct percpu_rw_semaphore *sem)
{
	if (!sem->dynamic || !sem->read_count)
		return;
	WARN_ON(percpu_rwsem_is_held(sem));
	kfree(sem->read_count);
	sem->read_count = NULL;
}

static unsigned int readers(struct percpu_rw_semaphore *sem)
{
	unsigned int cpu, sum = 0;

	for_each_possible_cpu(cpu)
		sum += READ_ONCE(sem->read_count[cpu].n);
	return sum;
}

/* Context: preemption disabled (the slot is this CPU's).  Return: in. */
static bool __down_read_trylock(struct percpu_rw_semaphore *sem)
{
	unsigned int *n = &sem->read_count[raw_smp_processor_id()].n;

	WRITE_ONCE(*n, *n + 1);
	smp_mb();	/* the count before the test; pairs with percpu_down_write() */
	if (likely(!atomic_read(&sem->block)))
		return true;
	WRITE_ONCE(*n, *n - 1);
	smp_mb();	/* the writer may have counted us: our count back first */
	wake_up(&sem->writer);
	return false;
}

/**
 * percpu_down_read_trylock - enter a read section if no writer is about.
 * Context: any task context.  Return: true if entered.
 */
bool percpu_down_read_trylock(struct percpu_rw_semaphore *sem)
{
	bool ok;

	preempt_disable();
	ok = __down_read_trylock(sem);
	preempt_enable();
	return ok;
}

/**
 * percpu_down_read - enter a read section, waiting while a writer is in
 * or waiting.  Context: may sleep.
 */
void percpu_down_read(struct percpu_rw_semaphore *sem)
{
	might_sleep();
	while (!percpu_down_read_trylock(sem))
		wait_event(sem->waiters, !atomic_read(&sem->block));
}

/**
 * percpu_up_read - leave a read section (on any CPU).
 * Context: any task context, does not sleep.
 */
void percpu_up_read(struct percpu_rw_semaphore *sem)
{
	unsigned int *n;

	preempt_disable();
	smp_mb();	/* the read section before the count */
	n = &sem->read_count[raw_smp_processor_id()].n;
	WRITE_ONCE(*n, *n - 1);
	smp_mb();	/* the count before the test of block */
	if (unlikely(atomic_read(&sem->block)))
		wake_up(&sem->writer);
	preempt_enable();
}

static bool readers_gone(struct percpu_rw_semaphore *sem)
{
	if (readers(sem))
		return false;
	smp_mb();	/* we saw the last decrement: see its whole read section */
	return true;
}

/**
 * percpu_down_write - enter the write section: block new readers, wait
 * for the ones inside to leave.  Context: may sleep; not while holding
 * the read side (that is a self-deadlock).
 */
void percpu_down_write(struct percpu_rw_semaphore *sem)
{
	might_sleep();
	mutex_lock(&sem->writer_mutex);
	atomic_set(&sem->block, 1);
	smp_mb();	/* block before the counts; pairs with __down_read_trylock() */
	wait_event(sem->writer, readers_gone(sem));
	WRITE_ONCE(sem->writer_task, current);
}

/** percpu_up_write - leave the write section.  Context: the writer. */
void percpu_up_write(struct percpu_rw_semaphore *sem)
{
	WARN_ON_ONCE(sem->writer_task != current);
	WRITE_ONCE(sem->writer_task, NULL);
	smp_mb();	/* the write section before readers may enter */
	atomic_set(&sem->block, 0);
	wake_up_all(&sem->waiters);
	mutex_unlock(&sem->writer_mutex);
}

/* Someone is in a read section (racy unless the caller is one). */
bool percpu_is_read_locked(struct percpu_rw_semaphore *sem)
{
	return readers(sem) != 0 && !atomic_read(&sem->block);
}
