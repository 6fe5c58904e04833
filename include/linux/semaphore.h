#ifndef _LINUX_SEMAPHORE_H
#define _LINUX_SEMAPHORE_H

/*
 * Counting semaphores (kernel/locking/semaphore.c), Linux's API.  count
 * is the number of down()s that may pass without sleeping; up() gives a
 * unit back, handing it straight to the longest waiter if there is one.
 * down()s may come from any task, up()s from any context (also IRQ);
 * nobody owns a semaphore.  down_interruptible() (down_killable()) returns
 * -EINTR if a signal (SIGKILL) is pending or comes while it waits, as in
 * Linux; in a kthread kthread_stop() counts as one for the interruptible
 * form (linux/sched/signal.h).
 */
#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>

struct semaphore {
	raw_spinlock_t lock;
	unsigned int count;		/* lock */
	struct list_head wait_list;	/* lock: FIFO of waiters */
};

#define __SEMAPHORE_INITIALIZER(name, n) {				\
	.lock = __RAW_SPIN_LOCK_UNLOCKED((name).lock),			\
	.count = (n),							\
	.wait_list = LIST_HEAD_INIT((name).wait_list),			\
}

/*
 * DEFINE_SEMAPHORE(name, n) (Linux 6.4+); the older one-argument form
 * DEFINE_SEMAPHORE(name) is a binary semaphore (count 1).
 */
#define __DEFINE_SEMAPHORE_PICK(_1, _2, which, ...) which
#define __DEFINE_SEMAPHORE_N(name, n) \
	struct semaphore name = __SEMAPHORE_INITIALIZER(name, n)
#define __DEFINE_SEMAPHORE_1(name) __DEFINE_SEMAPHORE_N(name, 1)
#define DEFINE_SEMAPHORE(...) \
	__DEFINE_SEMAPHORE_PICK(__VA_ARGS__, __DEFINE_SEMAPHORE_N, __DEFINE_SEMAPHORE_1)(__VA_ARGS__)

static inline void sema_init(struct semaphore *sem, int val)
{
	raw_spin_lock_init(&sem->lock);
	sem->count = val;
	INIT_LIST_HEAD(&sem->wait_list);
}

void down(struct semaphore *sem);
int down_interruptible(struct semaphore *sem);
int down_killable(struct semaphore *sem);
int down_trylock(struct semaphore *sem);
int down_timeout(struct semaphore *sem, long jiffies);
void up(struct semaphore *sem);

#endif
