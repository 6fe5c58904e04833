#ifndef _KERNEL_LOCKING_MUTEX_H
#define _KERNEL_LOCKING_MUTEX_H

/* Mutex internals for tests (kernel/locking/mutex.c). */
#include <linux/mutex.h>

/* lock->owner: the owning task's address | these flags. */
#define MUTEX_FLAG_WAITERS	0x01UL
#define MUTEX_FLAGS		0x07UL

/* The owning task, or NULL (racy unless the caller owns the mutex). */
static inline struct task_struct *__mutex_owner(struct mutex *lock)
{
	return (struct task_struct *)(atomic_long_read(&lock->owner) & ~MUTEX_FLAGS);
}

#ifdef CONFIG_DEBUG_KERNEL
/* The lock-order checker's hooks (kernel/locking/lockdep.c). */
void lockdep_mutex_acquire(struct mutex *lock);
void lockdep_mutex_acquired(struct mutex *lock);
void lockdep_mutex_released(struct mutex *lock);
#else
static inline void lockdep_mutex_acquire(struct mutex *lock) { (void)lock; }
static inline void lockdep_mutex_acquired(struct mutex *lock) { (void)lock; }
static inline void lockdep_mutex_released(struct mutex *lock) { (void)lock; }
#endif

#ifdef CONFIG_DEBUG_KERNEL
/*
 * Test hook: when set, the unlocker calls it right after it published a
 * handoff to a waiter, before the rest of the unlock.  A test uses it to
 * hold that point open.  Called with the mutex's wait_lock held: it must
 * not sleep.
 */
extern void (*mutex_handoff_hook)(struct mutex *lock);
#endif

#endif
