#ifndef _LINUX_WAIT_H
#define _LINUX_WAIT_H

/*
 * Wait queues (kernel/sched/wait.c), Linux's API.  A waiter puts an entry
 * on the queue and sets its task state, then tests its condition, then
 * sleeps; a waker makes the condition true, then calls wake_up*(), which
 * runs each entry's wake function under the queue lock.  Exclusive
 * entries (added at the tail) are woken at most nr_exclusive per wake_up.
 * Interruptible waits also end, with -ERESTARTSYS, when signal_pending()
 * (a kthread being stopped: linux/sched/signal.h).
 */
#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/sched.h>

struct wait_queue_entry;
typedef int (*wait_queue_func_t)(struct wait_queue_entry *wq_entry, unsigned int mode,
				 int flags, void *key);

#define WQ_FLAG_EXCLUSIVE	0x01
#define WQ_FLAG_WOKEN		0x02

struct wait_queue_entry {
	unsigned int flags;
	void *private;			/* the waiting task */
	wait_queue_func_t func;
	struct list_head entry;		/* wq_head->lock */
};
typedef struct wait_queue_entry wait_queue_entry_t;

struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;		/* lock */
};
typedef struct wait_queue_head wait_queue_head_t;

int default_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int flags, void *key);
int autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int flags, void *key);
int woken_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int flags, void *key);

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) {				\
	.lock = __SPIN_LOCK_UNLOCKED(name.lock),			\
	.head = LIST_HEAD_INIT(name.head) }
#define DECLARE_WAIT_QUEUE_HEAD(name) \
	struct wait_queue_head name = __WAIT_QUEUE_HEAD_INITIALIZER(name)
#define DECLARE_WAIT_QUEUE_HEAD_ONSTACK(name) DECLARE_WAIT_QUEUE_HEAD(name)

#define __WAITQUEUE_INITIALIZER(name, tsk) {				\
	.private = tsk, .func = default_wake_function, .entry = { NULL, NULL } }
#define DECLARE_WAITQUEUE(name, tsk) \
	struct wait_queue_entry name = __WAITQUEUE_INITIALIZER(name, tsk)
#define DEFINE_WAIT_FUNC(name, function)				\
	struct wait_queue_entry name = {				\
		.private = current, .func = function,			\
		.entry = LIST_HEAD_INIT((name).entry) }
#define DEFINE_WAIT(name) DEFINE_WAIT_FUNC(name, autoremove_wake_function)

void __init_waitqueue_head(struct wait_queue_head *wq_head, const char *name);
#define init_waitqueue_head(wq) __init_waitqueue_head((wq), #wq)

static inline void init_waitqueue_entry(struct wait_queue_entry *e, struct task_struct *p)
{
	e->flags = 0;
	e->private = p;
	e->func = default_wake_function;
}

static inline void init_wait_func(struct wait_queue_entry *e, wait_queue_func_t func)
{
	e->flags = 0;
	e->private = current;
	e->func = func;
	INIT_LIST_HEAD(&e->entry);
}
#define init_wait(wait) init_wait_func(wait, autoremove_wake_function)

static inline int waitqueue_active(struct wait_queue_head *wq_head)
{
	return !list_empty(&wq_head->head);
}

static inline bool wq_has_sleeper(struct wait_queue_head *wq_head)
{
	smp_mb();
	return waitqueue_active(wq_head);
}

void add_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void add_wait_queue_exclusive(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void remove_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void prepare_to_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry, int state);
bool prepare_to_wait_exclusive(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry, int state);
long prepare_to_wait_event(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry, int state);
void finish_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
long wait_woken(struct wait_queue_entry *wq_entry, unsigned int mode, long timeout);

int __wake_up(struct wait_queue_head *wq_head, unsigned int mode, int nr, void *key);
void __wake_up_locked(struct wait_queue_head *wq_head, unsigned int mode, int nr);
#define wake_up(x)			__wake_up(x, TASK_NORMAL, 1, NULL)
#define wake_up_nr(x, nr)		__wake_up(x, TASK_NORMAL, nr, NULL)
#define wake_up_all(x)			__wake_up(x, TASK_NORMAL, 0, NULL)
#define wake_up_locked(x)		__wake_up_locked((x), TASK_NORMAL, 1)
#define wake_up_all_locked(x)		__wake_up_locked((x), TASK_NORMAL, 0)
#define wake_up_interruptible(x)	__wake_up(x, TASK_INTERRUPTIBLE, 1, NULL)
#define wake_up_interruptible_nr(x, nr)	__wake_up(x, TASK_INTERRUPTIBLE, nr, NULL)
#define wake_up_interruptible_all(x)	__wake_up(x, TASK_INTERRUPTIBLE, 0, NULL)

/*
 * The wait_event family.  The condition is evaluated after the task state
 * is set (prepare_to_wait_event), so a wake-up between the test and
 * schedule() is never lost.  Timeouts are in jiffies; the _timeout forms
 * return 0 if the condition was still false at the timeout, else the
 * remaining jiffies (at least 1).  The interruptible (and killable) forms
 * end early with -ERESTARTSYS when a signal is pending (or, in a kthread,
 * kthread_stop() was called): see linux/sched/signal.h.
 */
#define ___wait_is_interruptible(state)					\
	(!__builtin_constant_p(state) ||				\
	 ((state) & (TASK_INTERRUPTIBLE | TASK_WAKEKILL)))

static inline void init_wait_entry(struct wait_queue_entry *e, int flags)
{
	e->flags = flags;
	e->private = current;
	e->func = autoremove_wake_function;
	INIT_LIST_HEAD(&e->entry);
}

#define ___wait_event(wq_head, condition, state, exclusive, ret, cmd) ({	\
	__label__ __out;							\
	struct wait_queue_entry __wq_entry;					\
	long __ret = ret;							\
	init_wait_entry(&__wq_entry, exclusive ? WQ_FLAG_EXCLUSIVE : 0);	\
	for (;;) {								\
		long __int = prepare_to_wait_event(&(wq_head), &__wq_entry, state); \
		if (condition)							\
			break;							\
		if (___wait_is_interruptible(state) && __int) {			\
			__ret = __int;	/* entry already off the queue */	\
			goto __out;						\
		}								\
		cmd;								\
	}									\
	finish_wait(&(wq_head), &__wq_entry);					\
__out:	__ret;									\
})

#define wait_event(wq_head, condition) do {					\
	might_sleep();								\
	if (condition)								\
		break;								\
	(void)___wait_event(wq_head, condition, TASK_UNINTERRUPTIBLE, 0, 0, schedule()); \
} while (0)

#define wait_event_idle(wq_head, condition) do {				\
	might_sleep();								\
	if (condition)								\
		break;								\
	(void)___wait_event(wq_head, condition, TASK_IDLE, 0, 0, schedule());	\
} while (0)

#define wait_event_cmd(wq_head, condition, cmd1, cmd2) do {			\
	if (condition)								\
		break;								\
	(void)___wait_event(wq_head, condition, TASK_UNINTERRUPTIBLE, 0, 0,	\
			    cmd1; schedule(); cmd2);				\
} while (0)

#define __wait_event_state(wq_head, condition, state) ({			\
	int __ret = 0;								\
	might_sleep();								\
	if (!(condition))							\
		__ret = ___wait_event(wq_head, condition, state, 0, 0, schedule()); \
	__ret; })
#define wait_event_interruptible(wq_head, condition)				\
	__wait_event_state(wq_head, condition, TASK_INTERRUPTIBLE)
#define wait_event_killable(wq_head, condition)					\
	__wait_event_state(wq_head, condition, TASK_KILLABLE)
#define wait_event_state(wq_head, condition, state)				\
	__wait_event_state(wq_head, condition, state)
/* No freezer here (linux/freezer.h): freezable waits are interruptible ones. */
#define wait_event_freezable(wq_head, condition)				\
	__wait_event_state(wq_head, condition, TASK_INTERRUPTIBLE)

#define ___wait_cond_timeout(condition) ({				\
	bool __cond = (condition);					\
	if (__cond && !__ret)						\
		__ret = 1;						\
	__cond || !__ret; })

#define __wait_event_timeout_state(wq_head, condition, timeout, state)		\
	___wait_event(wq_head, ___wait_cond_timeout(condition), state, 0, timeout, \
		      __ret = schedule_timeout(__ret))

#define __wait_event_timeout_of(wq_head, condition, timeout, state) ({		\
	long __ret = timeout;							\
	might_sleep();								\
	if (!___wait_cond_timeout(condition))					\
		__ret = __wait_event_timeout_state(wq_head, condition, timeout, state); \
	__ret; })
#define wait_event_timeout(wq_head, condition, timeout)				\
	__wait_event_timeout_of(wq_head, condition, timeout, TASK_UNINTERRUPTIBLE)
#define wait_event_interruptible_timeout(wq_head, condition, timeout)		\
	__wait_event_timeout_of(wq_head, condition, timeout, TASK_INTERRUPTIBLE)
#define wait_event_killable_timeout(wq_head, condition, timeout)		\
	__wait_event_timeout_of(wq_head, condition, timeout, TASK_KILLABLE)
#define wait_event_idle_timeout(wq_head, condition, timeout)			\
	__wait_event_timeout_of(wq_head, condition, timeout, TASK_IDLE)
#define wait_event_freezable_timeout(wq_head, condition, timeout)		\
	__wait_event_timeout_of(wq_head, condition, timeout, TASK_INTERRUPTIBLE)

#define wait_event_interruptible_exclusive(wq_head, condition) ({		\
	int __ret = 0;								\
	might_sleep();								\
	if (!(condition))							\
		__ret = ___wait_event(wq_head, condition, TASK_INTERRUPTIBLE, 1, 0, schedule()); \
	__ret; })
#define wait_event_killable_exclusive(wq_head, condition) ({			\
	int __ret = 0;								\
	might_sleep();								\
	if (!(condition))							\
		__ret = ___wait_event(wq_head, condition, TASK_KILLABLE, 1, 0, schedule()); \
	__ret; })
#define wait_event_exclusive(wq_head, condition) do {				\
	might_sleep();								\
	if (condition)								\
		break;								\
	(void)___wait_event(wq_head, condition, TASK_UNINTERRUPTIBLE, 1, 0, schedule()); \
} while (0)

/* Wait with the queue lock held (it is dropped around schedule()). */
#define wait_event_lock_irq(wq_head, condition, lock) do {			\
	if (condition)								\
		break;								\
	(void)___wait_event(wq_head, condition, TASK_UNINTERRUPTIBLE, 0, 0,	\
		spin_unlock_irq(&lock); schedule(); spin_lock_irq(&lock));	\
} while (0)
#define wait_event_interruptible_lock_irq(wq_head, condition, lock) ({		\
	int __ret = 0;								\
	if (!(condition))							\
		__ret = ___wait_event(wq_head, condition, TASK_INTERRUPTIBLE, 0, 0, \
			spin_unlock_irq(&lock); schedule(); spin_lock_irq(&lock)); \
	__ret; })

#endif
