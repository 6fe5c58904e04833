#ifndef _LINUX_RCUPDATE_H
#define _LINUX_RCUPDATE_H

/*
 * Read-copy update (kernel/rcu/tree.c), Linux's API.
 *
 * Readers: rcu_read_lock() ... rcu_dereference(p) ... rcu_read_unlock(),
 * cheap and never blocking; a reader may not sleep.  Updaters publish
 * with rcu_assign_pointer() and free the old version only after a grace
 * period: synchronize_rcu() (waits), call_rcu()/kfree_rcu() (deferred).
 * A grace period ends once every CPU has passed through a quiescent
 * state (a context switch, the idle loop, or an interrupt of code outside
 * any read section), so every reader that could see the old version has
 * finished.  Read sections here disable preemption (Linux's
 * !CONFIG_PREEMPT_RCU flavour); the _bh and _sched flavours are the same
 * grace period, as in Linux since 4.20.
 */
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/preempt.h>
#include <linux/interrupt.h>
#include <linux/stddef.h>

#define __rcu

static inline void rcu_read_lock(void)
{
	preempt_disable();
}

static inline void rcu_read_unlock(void)
{
	preempt_enable();
}

static inline void rcu_read_lock_bh(void)
{
	local_bh_disable();
}

static inline void rcu_read_unlock_bh(void)
{
	local_bh_enable();
}

static inline void rcu_read_lock_sched(void)
{
	preempt_disable();
}

static inline void rcu_read_unlock_sched(void)
{
	preempt_enable();
}

static inline void rcu_read_lock_sched_notrace(void)
{
	preempt_disable();
}

static inline void rcu_read_unlock_sched_notrace(void)
{
	preempt_enable();
}

/* Inside a read section (any flavour), or where one is implied. */
int rcu_read_lock_held(void);
#define rcu_read_lock_bh_held()		rcu_read_lock_held()
#define rcu_read_lock_sched_held()	rcu_read_lock_held()
#define rcu_read_lock_any_held()	rcu_read_lock_held()

/* Pointers: publish with release, read with a dependency-ordered load. */
#define rcu_access_pointer(p)		READ_ONCE(p)
#define rcu_dereference_raw(p)		READ_ONCE(p)
#define rcu_dereference_check(p, c)	({ (void)(c); READ_ONCE(p); })
#define rcu_dereference(p)		rcu_dereference_check(p, 0)
#define rcu_dereference_bh(p)		rcu_dereference_check(p, 0)
#define rcu_dereference_sched(p)	rcu_dereference_check(p, 0)
#define rcu_dereference_bh_check(p, c)	rcu_dereference_check(p, c)
#define rcu_dereference_sched_check(p, c) rcu_dereference_check(p, c)
#define rcu_dereference_protected(p, c)	({ (void)(c); (p); })
#define rcu_dereference_raw_check(p)	READ_ONCE(p)
#define rcu_pointer_handoff(p)		(p)
#define rcu_assign_pointer(p, v)	smp_store_release(&(p), (v))
#define RCU_INIT_POINTER(p, v)		WRITE_ONCE(p, v)
#define RCU_INITIALIZER(v)		(v)
#define rcu_replace_pointer(rcu_ptr, ptr, c) ({				\
	__typeof__(ptr) __tmp = rcu_dereference_protected((rcu_ptr), (c));	\
	rcu_assign_pointer((rcu_ptr), (ptr));				\
	__tmp; })

void call_rcu(struct rcu_head *head, rcu_callback_t func);
void call_rcu_hurry(struct rcu_head *head, rcu_callback_t func);
void synchronize_rcu(void);
void synchronize_rcu_expedited(void);
void rcu_barrier(void);
#define call_rcu_tasks(head, func)	call_rcu(head, func)
#define synchronize_rcu_tasks()		synchronize_rcu()

/* Polled grace periods: a cookie, then "has a full grace period passed?" */
unsigned long get_state_synchronize_rcu(void);
unsigned long start_poll_synchronize_rcu(void);
bool poll_state_synchronize_rcu(unsigned long oldstate);
void cond_synchronize_rcu(unsigned long oldstate);

/*
 * kfree_rcu(ptr, rhf): kfree(ptr) after a grace period, with rhf the
 * struct rcu_head field in *ptr.  The callback slot carries the field's
 * offset (below 4096, never a function address), as Linux encodes it.
 */
void kvfree_call_rcu(struct rcu_head *head, void *ptr);
#define __is_kvfree_rcu_offset(off)	((unsigned long)(off) < 4096)
#define kfree_rcu(ptr, rhf) do {						\
	__typeof__(ptr) ___p = (ptr);						\
	BUILD_BUG_ON(offsetof(__typeof__(*(ptr)), rhf) >= 4096);		\
	if (___p)								\
		call_rcu(&___p->rhf, (rcu_callback_t)(unsigned long)		\
			 offsetof(__typeof__(*(ptr)), rhf));			\
} while (0)
#define kvfree_rcu(ptr, rhf)		kfree_rcu(ptr, rhf)
#define kfree_rcu_mightsleep(ptr)	kvfree_call_rcu(NULL, (void *)(ptr))
#define kvfree_rcu_mightsleep(ptr)	kvfree_call_rcu(NULL, (void *)(ptr))

static inline void rcu_head_init(struct rcu_head *rhp)
{
	rhp->func = (rcu_callback_t)~0L;
}

static inline bool rcu_head_after_call_rcu(struct rcu_head *rhp, rcu_callback_t f)
{
	rcu_callback_t func = READ_ONCE(rhp->func);

	return func == f;
}

/* For the scheduler, the idle loop and interrupt entry (kernel/rcu/tree.c). */
void rcu_note_context_switch(bool preempt);
void rcu_sched_clock_irq(int user);

#endif
