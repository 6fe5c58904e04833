/*
 * Mutexes: sleeping locks with an owner, FIFO waiters and direct handoff.
 *
 * The state is one word, lock->owner: the owning task's address, or 0
 * when unlocked, with MUTEX_FLAG_WAITERS in its low bit while the wait
 * list is not empty.  Uncontended lock and unlock are one cmpxchg each
 * (0 -> current, current -> 0).  The unlock cmpxchg fails when WAITERS is
 * set, which sends the owner to the slow path: under wait_lock it takes
 * the first waiter off the list and stores that task as the new owner
 * (with WAITERS if others remain), then wakes it.  The word is never 0
 * while someone waits, so nobody can take the lock out of turn: waiters
 * get it in arrival order.  (Linux lets a running task steal the lock
 * from a woken waiter, and hands off only after a waiter starves; strict
 * handoff costs a wake-up per contended unlock but makes the order and
 * the tests exact.)
 *
 *   unlocked (0) --lock--> owned (T) --lock by U: U queued--> owned (T|W)
 *       ^                    |   ^                              |
 *       +------unlock--------+   +--unlock, no one left: (U)----+ unlock:
 *                                                               v owner := U
 *                                                        owned (U|W), U woken
 *
 * A waiter queues itself, then loops: set_current_state(), test
 * "owner == me", schedule().  The unlocker stores the owner, then calls
 * wake_up_process(): either the waiter's test sees the store or the
 * wake-up sees its state (the barriers of set_current_state() and of the
 * wake-up), so no wake-up is lost.  The unlocker pins the waiter's task
 * (get_task_struct) before publishing the handoff, because the waiter may
 * return, unlock and exit before wake_up_process() runs; it never touches
 * the waiter's on-stack entry after the store.
 *
 * Lifetime: the new owner may free the mutex (and the object around it)
 * as soon as it owns it.  The unlocker's last access to the mutex is its
 * release of wait_lock (the handoff store is made under it), and a woken
 * waiter takes and drops wait_lock once before mutex_lock() returns, so
 * it cannot get ahead of that release.  An uncontended unlock's last
 * access is its cmpxchg.  (Linux's mutex_unlock() may touch the mutex
 * after the handoff, so Linux frees objects holding mutexes after an RCU
 * grace period; here "lock, unlock, free" is safe, as for a spinlock.)
 *
 * Lock legend:
 *   A   atomic (cmpxchg), or written under wait_lock with a full barrier
 *   W   lock->wait_lock
 * lock->owner is A; lock->wait_list and the waiters' entries are W.
 * Lock order: wait_lock is taken with no other lock of this file held and
 * nothing is taken under it (the wake-up happens after it is dropped).
 * A mutex is never taken in interrupt context, so wait_lock does not
 * disable interrupts.
 */
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/sched/signal.h>
#include "mutex.h"

#ifdef CONFIG_DEBUG_KERNEL
void (*mutex_handoff_hook)(struct mutex *lock);
#define handoff_hook(lock)	do { if (mutex_handoff_hook) mutex_handoff_hook(lock); } while (0)
#else
#define handoff_hook(lock)	do { } while (0)
#endif

struct mutex_waiter {
	struct list_head list;		/* W: on lock->wait_list */
	struct task_struct *task;	/* I */
};

static inline struct task_struct *owner_task(unsigned long owner)
{
	return (struct task_struct *)(owner & ~MUTEX_FLAGS);
}

static inline unsigned long owner_read_acquire(struct mutex *lock)
{
	return __atomic_load_n(&lock->owner.counter, __ATOMIC_ACQUIRE);
}

static inline void mutex_check_magic(struct mutex *lock)
{
#ifdef CONFIG_DEBUG_KERNEL
	WARN_ONCE(lock->magic != lock, "mutex %px (%s): bad magic %px (uninitialised, copied or destroyed)",
		  lock, lock->name ? lock->name : "?", lock->magic);
#else
	(void)lock;
#endif
}

/**
 * __mutex_init - initialise an unlocked mutex (mutex_init() names it).
 * Context: any; the mutex must not be in use.
 */
void __mutex_init(struct mutex *lock, const char *name)
{
	atomic_long_set(&lock->owner, 0);
	raw_spin_lock_init(&lock->wait_lock);
	INIT_LIST_HEAD(&lock->wait_list);
#ifdef CONFIG_DEBUG_KERNEL
	lock->magic = lock;
	lock->name = name;
#else
	(void)name;
#endif
}

/**
 * mutex_destroy - mark a mutex dead; a locked one is reported.
 * Context: any.  The memory may be freed or the mutex re-initialised after.
 */
void mutex_destroy(struct mutex *lock)
{
	WARN(mutex_is_locked(lock), "mutex_destroy() of a locked mutex %px", lock);
#ifdef CONFIG_DEBUG_KERNEL
	lock->magic = NULL;
#endif
}

static inline bool __mutex_trylock_fast(struct mutex *lock)
{
	long unlocked = 0;

	return atomic_long_try_cmpxchg(&lock->owner, &unlocked, (long)current);
}

/*
 * A waiter interrupted by a signal leaves the queue, unless the lock was
 * handed to it meanwhile (then it keeps it).  The WAITERS flag is cleared
 * with the last waiter, under wait_lock, so the invariant "flag set <=>
 * someone queued" holds at every release of wait_lock.
 * Return: true if current owns the lock after all.
 */
static bool mutex_waiter_leave(struct mutex *lock, struct mutex_waiter *waiter)
{
	long owner;

	raw_spin_lock(&lock->wait_lock);
	owner = atomic_long_read(&lock->owner);
	if (owner_task(owner) == current) {
		raw_spin_unlock(&lock->wait_lock);
		return true;
	}
	list_del(&waiter->list);
	if (list_empty(&lock->wait_list))
		atomic_long_andnot(MUTEX_FLAG_WAITERS, &lock->owner);
	raw_spin_unlock(&lock->wait_lock);
	return false;
}

/*
 * Queue current and sleep in @state until the lock is handed to it, or
 * (interruptible/killable states) a signal is pending.
 * Context: process context, may sleep.  Return: 0 with the lock, -EINTR.
 */
static noinline int __mutex_lock_slowpath(struct mutex *lock, unsigned int state)
{
	struct mutex_waiter waiter;
	long owner;

	raw_spin_lock(&lock->wait_lock);
	owner = atomic_long_read(&lock->owner);
	for (;;) {
		struct task_struct *t = owner_task(owner);

		if (!t) {	/* unlocked meanwhile, and then nobody waits */
			if (atomic_long_try_cmpxchg(&lock->owner, &owner, (long)current)) {
				raw_spin_unlock(&lock->wait_lock);
				lockdep_mutex_acquired(lock);
				return 0;
			}
			continue;
		}
		if (unlikely(t == current)) {
			raw_spin_unlock(&lock->wait_lock);
			WARN(1, "mutex_lock() of mutex %px by its owner %s/%d: not taken again",
			     lock, current->comm, current->pid);
			return 0;
		}
		if ((owner & MUTEX_FLAG_WAITERS) ||
		    atomic_long_try_cmpxchg(&lock->owner, &owner, owner | MUTEX_FLAG_WAITERS))
			break;
	}
	waiter.task = current;
	list_add_tail(&waiter.list, &lock->wait_list);
	raw_spin_unlock(&lock->wait_lock);

	for (;;) {
		set_current_state(state);
		if (owner_task(owner_read_acquire(lock)) == current)
			break;
		if (signal_pending_state(state, current)) {
			__set_current_state(TASK_RUNNING);
			if (mutex_waiter_leave(lock, &waiter))
				break;
			return -EINTR;
		}
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	/*
	 * The unlocker published the handoff under wait_lock and may still
	 * hold it.  Wait for its release, the unlocker's last access to the
	 * mutex, so that our caller may free the mutex right away.
	 */
	raw_spin_lock(&lock->wait_lock);
	raw_spin_unlock(&lock->wait_lock);
	lockdep_mutex_acquired(lock);
	return 0;
}

/**
 * mutex_lock - acquire @lock, sleeping (uninterruptibly) while it is owned.
 * Context: process context, may sleep; not if current already owns it
 * (reported, and current does not get a second hold).
 */
void mutex_lock(struct mutex *lock)
{
	might_sleep();
	mutex_check_magic(lock);
	lockdep_mutex_acquire(lock);
	if (__mutex_trylock_fast(lock))
		lockdep_mutex_acquired(lock);
	else
		__mutex_lock_slowpath(lock, TASK_UNINTERRUPTIBLE);
}

static int mutex_lock_state(struct mutex *lock, unsigned int state)
{
	might_sleep();
	mutex_check_magic(lock);
	lockdep_mutex_acquire(lock);
	if (__mutex_trylock_fast(lock)) {
		lockdep_mutex_acquired(lock);
		return 0;
	}
	return __mutex_lock_slowpath(lock, state);
}

/**
 * mutex_lock_interruptible - mutex_lock() in TASK_INTERRUPTIBLE.
 * Context: process context, may sleep.
 * Return: 0 with the lock; -EINTR if a signal (kthread_stop() of a
 * kthread) ended the wait first.  Uncontended, it takes the lock even
 * with a signal pending, as Linux's does.
 */
int mutex_lock_interruptible(struct mutex *lock)
{
	return mutex_lock_state(lock, TASK_INTERRUPTIBLE);
}

/**
 * mutex_lock_killable - mutex_lock() in TASK_KILLABLE.
 * Context: process context, may sleep.  Return: 0, or -EINTR on SIGKILL.
 */
int mutex_lock_killable(struct mutex *lock)
{
	return mutex_lock_state(lock, TASK_KILLABLE);
}

/** mutex_lock_io - mutex_lock() accounted as I/O wait (same thing here). */
void mutex_lock_io(struct mutex *lock)
{
	mutex_lock(lock);
}

/**
 * mutex_trylock - acquire @lock if nobody owns it or waits for it.
 * Context: process context, does not sleep.
 * Return: 1 if acquired, 0 if not (also when current already owns it).
 */
int mutex_trylock(struct mutex *lock)
{
	mutex_check_magic(lock);
	if (!__mutex_trylock_fast(lock))
		return 0;
	lockdep_mutex_acquired(lock);
	return 1;
}

static noinline void __mutex_unlock_slowpath(struct mutex *lock)
{
	struct mutex_waiter *waiter;
	struct task_struct *next;
	long owner;

	raw_spin_lock(&lock->wait_lock);
	owner = atomic_long_read(&lock->owner);
	if (unlikely(owner_task(owner) != current)) {
		struct task_struct *t = owner_task(owner);

		raw_spin_unlock(&lock->wait_lock);
		if (!t)
			WARN(1, "mutex_unlock() of unlocked mutex %px by %s/%d", lock,
			     current->comm, current->pid);
		else
			WARN(1, "mutex_unlock() of mutex %px by %s/%d, owned by %s/%d: ignored",
			     lock, current->comm, current->pid, t->comm, t->pid);
		return;
	}
	if (WARN_ONCE(list_empty(&lock->wait_list), "mutex %px: waiters flag without waiters",
		      lock)) {
		atomic_long_xchg(&lock->owner, 0);
		raw_spin_unlock(&lock->wait_lock);
		return;
	}
	waiter = list_first_entry(&lock->wait_list, struct mutex_waiter, list);
	list_del(&waiter->list);
	next = get_task_struct(waiter->task);
	/*
	 * The handoff; from here on the waiter (and its stack entry) may go.
	 * The new owner cannot return from mutex_lock() before it has taken
	 * wait_lock after us, so this release is our last access to the
	 * mutex; the wake-up touches only the pinned task.
	 */
	atomic_long_xchg(&lock->owner, (long)next |
			 (list_empty(&lock->wait_list) ? 0 : MUTEX_FLAG_WAITERS));
	handoff_hook(lock);
	raw_spin_unlock(&lock->wait_lock);
	wake_up_process(next);
	put_task_struct(next);
}

/**
 * mutex_unlock - release @lock; the first waiter, if any, becomes the
 * owner and is woken.  Only the owner may unlock (others: WARN, ignored).
 * Context: process context (the owner's), does not sleep.
 */
void mutex_unlock(struct mutex *lock)
{
	long self = (long)current;

	mutex_check_magic(lock);
	if (__mutex_held_by_me(lock))	/* before the release: the mutex may go with it */
		lockdep_mutex_released(lock);
	if (atomic_long_try_cmpxchg(&lock->owner, &self, 0))
		return;
	__mutex_unlock_slowpath(lock);
}

/** mutex_is_locked - is @lock owned?  Context: any; racy unless owned by current. */
bool mutex_is_locked(struct mutex *lock)
{
	return owner_task(atomic_long_read(&lock->owner)) != NULL;
}

/** __mutex_held_by_me - does current own @lock?  Context: any. */
bool __mutex_held_by_me(const struct mutex *lock)
{
	return owner_task(atomic_long_read(&lock->owner)) == current;
}

/**
 * atomic_dec_and_mutex_lock - decrement @cnt; if it drops to 0, return
 * holding @lock.
 * Context: process context, may sleep.
 * Return: 1 with @lock held if @cnt reached 0, else 0 (lock not held).
 */
int atomic_dec_and_mutex_lock(atomic_t *cnt, struct mutex *lock)
{
	if (atomic_add_unless(cnt, -1, 1))
		return 0;
	mutex_lock(lock);
	if (!atomic_dec_and_test(cnt)) {
		mutex_unlock(lock);
		return 0;
	}
	return 1;
}
