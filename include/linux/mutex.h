#ifndef _LINUX_MUTEX_H
#define _LINUX_MUTEX_H

/*
 * Sleeping mutual-exclusion locks (kernel/locking/mutex.c), Linux's API.
 * One owner at a time, who must unlock it; process context only.
 * Waiters sleep in FIFO order and the lock is handed to the first waiter
 * directly: while anyone waits, nobody can take it out of turn.
 * The _interruptible (_killable) forms return -EINTR when a signal
 * (SIGKILL) ends the wait first; in a kthread kthread_stop() counts as
 * one for the interruptible form (linux/sched/signal.h).  Misuse is reported with a WARN
 * and ignored: unlock by a task that does not own the mutex (it stays
 * locked by its owner), and mutex_lock() by its owner (Linux would
 * deadlock; here the caller returns without a second hold).
 */
#include <linux/types.h>
#include <linux/list.h>
#include <linux/atomic.h>
#include <linux/spinlock.h>

struct task_struct;

struct mutex {
	atomic_long_t owner;		/* owning task | MUTEX_FLAG_*; 0: unlocked */
	raw_spinlock_t wait_lock;
	struct list_head wait_list;	/* wait_lock: FIFO of waiters */
#ifdef CONFIG_DEBUG_KERNEL
	const void *magic;		/* the mutex's own address while initialised */
	const char *name;
	u16 class_id;			/* lock-order checker class + 1, 0 until first use */
#endif
};

#ifdef CONFIG_DEBUG_KERNEL
#define __MUTEX_DEBUG_INIT(lockname) , .magic = &(lockname), .name = #lockname
#else
#define __MUTEX_DEBUG_INIT(lockname)
#endif

#define __MUTEX_INITIALIZER(lockname) {					\
	.owner = ATOMIC_INIT(0),					\
	.wait_lock = __RAW_SPIN_LOCK_UNLOCKED(lockname.wait_lock),	\
	.wait_list = LIST_HEAD_INIT(lockname.wait_list)			\
	__MUTEX_DEBUG_INIT(lockname) }
#define DEFINE_MUTEX(mutexname) struct mutex mutexname = __MUTEX_INITIALIZER(mutexname)

void __mutex_init(struct mutex *lock, const char *name);
#define mutex_init(mutex) __mutex_init((mutex), #mutex)
void mutex_destroy(struct mutex *lock);

void mutex_lock(struct mutex *lock);
int mutex_lock_interruptible(struct mutex *lock);
int mutex_lock_killable(struct mutex *lock);
void mutex_lock_io(struct mutex *lock);
int mutex_trylock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);
bool mutex_is_locked(struct mutex *lock);
int atomic_dec_and_mutex_lock(atomic_t *cnt, struct mutex *lock);

/*
 * Lock-class annotations: the checker knows one class per initialisation
 * site and no subclasses, so the plain forms.
 */
#define mutex_lock_nested(lock, subclass)		mutex_lock(lock)
#define mutex_lock_interruptible_nested(lock, subclass)	mutex_lock_interruptible(lock)
#define mutex_lock_killable_nested(lock, subclass)	mutex_lock_killable(lock)
#define mutex_lock_io_nested(lock, subclass)		mutex_lock_io(lock)
#define mutex_lock_nest_lock(lock, nest_lock)		mutex_lock(lock)

/* Does current own @lock?  (lockdep_assert_held(&mutex) uses it.) */
bool __mutex_held_by_me(const struct mutex *lock);

#endif
