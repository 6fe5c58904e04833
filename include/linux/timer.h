#ifndef _LINUX_TIMER_H
#define _LINUX_TIMER_H

/*
 * Timers (kernel/time/timer.c), Linux's timer_list API: a function called
 * once, in softirq context on one CPU, at the first tick at or after
 * `expires` (in jiffies).  See timer.c for the wheel, the per-CPU bases
 * and the locking.
 *
 *   idle --add_timer/mod_timer--> pending --expiry--> running --> idle
 *     ^                              |                  |
 *     +----del_timer/timer_delete----+       (the callback may re-arm:
 *                                             pending while running)
 *
 * A timer is queued on the base of the CPU that armed it (add_timer_on:
 * the CPU given) and runs there.  del_timer_sync() also waits until a
 * callback running on any CPU has returned.
 */
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/compiler.h>
#include <linux/smp.h>

struct timer_list {
	/*
	 * entry.pprev != NULL <=> pending.  Every field but `expires` and
	 * `function` between arming and expiry belongs to the timer code.
	 */
	struct hlist_node entry;
	unsigned long expires;
	void (*function)(struct timer_list *);
	u32 flags;
};

/*
 * timer->flags, Linux's layout: the low bits name the CPU whose base the
 * timer belongs to; TIMER_MIGRATING is set while it moves between bases;
 * the top bits hold its slot in the wheel.  The caller may pass
 * TIMER_DEFERRABLE, TIMER_PINNED and TIMER_IRQSAFE to timer_setup().
 * TIMER_IRQSAFE callbacks run with interrupts disabled; DEFERRABLE and
 * PINNED are accepted (this kernel ticks on every CPU and never moves a
 * timer to another CPU on its own, so both are the default behaviour).
 */
#define TIMER_CPUMASK		0x0003FFFF
#define TIMER_MIGRATING		0x00040000
#define TIMER_BASEMASK		(TIMER_CPUMASK | TIMER_MIGRATING)
#define TIMER_DEFERRABLE	0x00080000
#define TIMER_PINNED		0x00100000
#define TIMER_IRQSAFE		0x00200000
#define TIMER_INIT_FLAGS	(TIMER_DEFERRABLE | TIMER_PINNED | TIMER_IRQSAFE)
#define TIMER_ARRAYSHIFT	22
#define TIMER_ARRAYMASK		0xFFC00000

#define __TIMER_INITIALIZER(_function, _flags) {			\
		.entry = { .next = NULL, .pprev = NULL },		\
		.function = (_function),				\
		.flags = (_flags),					\
	}
#define DEFINE_TIMER(_name, _function) \
	struct timer_list _name = __TIMER_INITIALIZER(_function, 0)

/*
 * timer_setup(): initialise a timer that is not pending.  Context: any.
 * Re-initialising a pending timer corrupts the base (as in Linux).
 */
static inline void __init_timer(struct timer_list *timer,
				void (*func)(struct timer_list *), unsigned int flags)
{
	timer->entry.next = NULL;
	WRITE_ONCE(timer->entry.pprev, NULL);
	timer->expires = 0;
	timer->function = func;
	WRITE_ONCE(timer->flags, (flags & TIMER_INIT_FLAGS) | raw_smp_processor_id());
}
#define timer_setup(timer, callback, flags)	__init_timer((timer), (callback), (flags))
#define timer_setup_on_stack(timer, callback, flags) \
	__init_timer((timer), (callback), (flags))
void destroy_timer_on_stack(struct timer_list *timer);

/* The structure that embeds a timer, from the callback's argument. */
#define from_timer(var, callback_timer, timer_fieldname) \
	container_of(callback_timer, __typeof__(*var), timer_fieldname)
#define timer_container_of(var, callback_timer, timer_fieldname) \
	from_timer(var, callback_timer, timer_fieldname)

/*
 * timer_pending(): is the timer queued?  Context: any.  Without the
 * timer's own serialisation the answer can be stale at once.
 */
static inline int timer_pending(const struct timer_list *timer)
{
	return READ_ONCE(timer->entry.pprev) != NULL;
}

void add_timer(struct timer_list *timer);
void add_timer_on(struct timer_list *timer, int cpu);
void add_timer_local(struct timer_list *timer);
void add_timer_global(struct timer_list *timer);
int mod_timer(struct timer_list *timer, unsigned long expires);
int mod_timer_pending(struct timer_list *timer, unsigned long expires);
int timer_reduce(struct timer_list *timer, unsigned long expires);
int timer_delete(struct timer_list *timer);
int timer_delete_sync(struct timer_list *timer);
int try_to_del_timer_sync(struct timer_list *timer);
int timer_shutdown(struct timer_list *timer);
int timer_shutdown_sync(struct timer_list *timer);

static inline int del_timer(struct timer_list *timer) { return timer_delete(timer); }
static inline int del_timer_sync(struct timer_list *timer) { return timer_delete_sync(timer); }
static inline int timer_delete_sync_try(struct timer_list *timer) { return try_to_del_timer_sync(timer); }
#define del_singleshot_timer_sync(t)	timer_delete_sync(t)

/* Boot, CPU hotplug and test hooks (run_local_timers() is in kernel/time.h). */
void init_timers(void);
void timers_migrate_cpu(int dead_cpu);
unsigned long timer_base_nr_pending(int cpu);
int timer_base_verify(int cpu);

#endif
