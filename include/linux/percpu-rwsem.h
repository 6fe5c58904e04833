#ifndef _LINUX_PERCPU_RWSEM_H
#define _LINUX_PERCPU_RWSEM_H

/*
 * Per-CPU reader-writer semaphores (kernel/locking/percpu-rwsem.c),
 * Linux's API: readers are cheap and shared (a count on their CPU and a
 * check that no writer is about), writers are exclusive and slow (they
 * stop new readers, then wait for the counts to drain).  A waiting writer
 * holds new readers back, so writers do not starve.  Both sides may
 * sleep.  As in Linux, a reader must not wait for another task that needs
 * the same read lock while a writer may be waiting (the writer holds that
 * task back); one task nesting its own read sections is a caller-side
 * rule here too (cpus_read_lock() is recursive on top of it).
 */
#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/wait.h>
#include <linux/mutex.h>
#include <linux/compiler.h>
#include <linux/threads.h>

struct __percpu_rwsem_slot {
	unsigned int n;
} __cacheline_aligned;

/*
 * Lock legend: C = the owning CPU's slot, written with preemption off by
 * the task on that CPU (a reader may leave on another CPU than it came
 * in: only the sum over CPUs means anything); A = atomic; M = writer_mutex.
 */
struct percpu_rw_semaphore {
	struct __percpu_rwsem_slot *read_count;	/* C: one slot per possible CPU */
	atomic_t block;				/* A: a writer is in or waiting */
	struct wait_queue_head waiters;		/* readers waiting for !block */
	struct wait_queue_head writer;		/* the writer waiting for readers to leave */
	struct mutex writer_mutex;		/* one writer at a time */
	struct task_struct *writer_task;	/* M: the writer, once in */
	bool dynamic;				/* read_count was allocated */
	const char *name;
};

#define __DEFINE_PERCPU_RWSEM(sem, is_static)				\
	static struct __percpu_rwsem_slot __percpu_rwsem_rc_##sem[NR_CPUS];	\
	is_static struct percpu_rw_semaphore sem = {			\
		.read_count = __percpu_rwsem_rc_##sem,			\
		.block = ATOMIC_INIT(0),				\
		.waiters = __WAIT_QUEUE_HEAD_INITIALIZER(sem.waiters),	\
		.writer = __WAIT_QUEUE_HEAD_INITIALIZER(sem.writer),	\
		.writer_mutex = __MUTEX_INITIALIZER(sem.writer_mutex),	\
		.name = #sem }
#define DEFINE_PERCPU_RWSEM(sem)		__DEFINE_PERCPU_RWSEM(sem, )
#define DEFINE_STATIC_PERCPU_RWSEM(sem)		__DEFINE_PERCPU_RWSEM(sem, static)

int __percpu_init_rwsem(struct percpu_rw_semaphore *sem, const char *name, void *key);
#define percpu_init_rwsem(sem)	__percpu_init_rwsem((sem), #sem, NULL)
void percpu_free_rwsem(struct percpu_rw_semaphore *sem);

void percpu_down_read(struct percpu_rw_semaphore *sem);
bool percpu_down_read_trylock(struct percpu_rw_semaphore *sem);
void percpu_up_read(struct percpu_rw_semaphore *sem);
void percpu_down_write(struct percpu_rw_semaphore *sem);
void percpu_up_write(struct percpu_rw_semaphore *sem);

bool percpu_is_read_locked(struct percpu_rw_semaphore *sem);
static inline bool percpu_is_write_locked(struct percpu_rw_semaphore *sem)
{
	return atomic_read(&sem->block);
}

/* Without per-reader tracking this checks that someone holds it. */
#define percpu_rwsem_assert_held(sem)					\
	WARN_ON_ONCE(!percpu_is_read_locked(sem) && !percpu_is_write_locked(sem))
#define percpu_rwsem_is_held(sem)					\
	(percpu_is_read_locked(sem) || percpu_is_write_locked(sem))

#endif
