/*
 * Timers: Linux's timer_list on per-CPU hashed wheels.
 *
 * Each CPU has a timer base: a wheel of WHEEL_SIZE slots, one per jiffy
 * modulo WHEEL_SIZE, each an unsorted hlist, plus a bitmap of the
 * non-empty slots.  A timer is queued in the slot of its key, where
 * key = max(expires, base->clk) and base->clk is the next jiffy the base
 * has not processed yet; a timer more than WHEEL_SIZE jiffies away simply
 * waits in its slot for the lap in which it is due.  Adding and deleting
 * are O(1); nothing is ever cascaded.
 *
 * Expiry.  The tick calls run_local_timers() on every CPU in hard-IRQ
 * context.  It compares jiffies with base->next_expiry (never later than
 * the earliest key) and, when due, raises TIMER_SOFTIRQ.  The softirq
 * walks the slots from base->clk up to the jiffies it read, moves the due
 * timers of each slot to a private list and calls them one by one with the
 * base lock dropped and interrupts enabled (TIMER_IRQSAFE: disabled).
 * Those still on the private list stay pending: a concurrent del_timer()
 * or mod_timer() takes them off it under the lock, as from a slot.
 * Then it computes next_expiry from the bitmap: the first non-empty slot
 * at or after clk (a timer due in a later lap costs one early, empty
 * softirq per lap).  A CPU keeps its tick while its base holds timers
 * (kernel/time.c stops it only on an idle CPU with none); a timer queued
 * on another CPU's base wakes that CPU if its tick is stopped
 * (timer_kick_cpu), and is seen by its next tick.
 *
 * Life cycle of a timer (flags's low bits name its base's CPU):
 *
 *   idle --add/mod_timer--> pending on base(cpu) --expiry--> running
 *    ^  <--del_timer--------'   |  ^                           |
 *    |                 mod_timer|  |enqueue on this CPU        | callback
 *    |                          v  |                           v returns
 *    |                  MIGRATING (old base unlocked,     idle (or pending
 *    +------------------ new base not yet locked)         again if it re-armed)
 *
 * Moving between bases follows Linux's protocol: under the old base's lock
 * the timer is detached and TIMER_MIGRATING set; the old lock is dropped,
 * the new one taken, and the new CPU and MIGRATING's clearing are stored
 * together.  lock_timer_base() spins while MIGRATING is set and re-checks
 * the flags after locking, so whoever holds the lock of the base named by
 * the flags owns the timer: it is never on two bases.
 *
 * Who is running.  base->running_timer names the callback in progress on
 * that CPU; del_timer_sync() waits while it names its timer.  mod_timer()
 * does not move a timer whose callback is running on its base (it re-arms
 * it there), so del_timer_sync() finds the running callback through the
 * timer's flags and a re-arm from the callback is never lost.  add_timer_on()
 * must honour its CPU, so it may move a timer while its callback runs; it
 * then marks the old base (running_moved) and counts it in
 * timers_moved_running, and del_timer_sync() looks at every base's
 * running_timer while that count is non-zero.  (Linux lets del_timer_sync()
 * return early there; this kernel waits for both.)
 *
 * Lock legend:
 *   B   base->lock (raw, taken with interrupts saved/disabled)
 *   BA  written under B, also read without it (READ_ONCE): the tick reads
 *       nr_pending/next_expiry, del_timer_sync() reads running_timer
 *   T   timer fields: under the lock of the base its flags name
 *
 * Lock order: base locks are leaves: nothing else is taken under one, and
 * no scheduler function is called under one (callbacks run with it
 * dropped; the kick IPI is sent after it is released).  Two base locks are
 * held together only by timers_migrate_cpu(), the lower-numbered CPU's
 * first.
 */
#include <linux/kernel.h>
#include <linux/timer.h>
#include <linux/jiffies.h>
#include <linux/percpu.h>
#include <linux/cpumask.h>
#include <linux/spinlock.h>
#include <linux/interrupt.h>
#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/sched.h>
#include <linux/errno.h>
#include <asm/processor.h>
#include <asm/time.h>
#include <kernel/time.h>

#define WHEEL_BITS	8
#define WHEEL_SIZE	(1UL << WHEEL_BITS)
#define WHEEL_MASK	(WHEEL_SIZE - 1)

_Static_assert(WHEEL_SIZE <= (TIMER_ARRAYMASK >> TIMER_ARRAYSHIFT) + 1,
	       "the wheel slot must fit in timer->flags");

struct timer_base {
	raw_spinlock_t lock;
	struct timer_list *running_timer;	/* BA: callback in progress here */
	bool running_moved;			/* B: running_timer was moved away */
	unsigned long clk;			/* B: next jiffy to process; keys >= clk */
	unsigned long next_expiry;		/* BA: <= the earliest key */
	unsigned long nr_pending;		/* BA: timers queued here */
	unsigned long pending_map[BITS_TO_LONGS(WHEEL_SIZE)];	/* B: slot non-empty */
	struct hlist_head vectors[WHEEL_SIZE];	/* B */
};

/*
 * Statically initialised (an empty wheel is all zeroes; clk catches up
 * with jiffies at the first enqueue), so timers can be armed before
 * init_timers(); they fire once it has opened the softirq.
 */
static DEFINE_PER_CPU(struct timer_base, timer_bases) = {
	.lock = __RAW_SPIN_LOCK_UNLOCKED(timer_bases.lock),
};
static bool timers_initialized;
static atomic_t timers_moved_running;	/* callbacks running off their timer's base */

/* __mod_timer() options, Linux's. */
#define MOD_TIMER_PENDING_ONLY	0x01
#define MOD_TIMER_REDUCE	0x02
#define MOD_TIMER_NOTPENDING	0x04

static inline struct timer_base *timer_base_of(u32 tflags)
{
	return per_cpu_ptr(&timer_bases, tflags & TIMER_CPUMASK);
}

static inline unsigned int timer_slot(const struct timer_list *timer)
{
	return (timer->flags & TIMER_ARRAYMASK) >> TIMER_ARRAYSHIFT;
}

/*
 * enqueue_timer - queue @timer on @base at timer->expires.
 * Context: base->lock held; @timer not on any list; its flags name @base.
 */
static void enqueue_timer(struct timer_base *base, struct timer_list *timer)
{
	unsigned long key, now = READ_ONCE(jiffies);
	unsigned int idx;

	lockdep_assert_held(&base->lock);
	/* An empty base may have fallen behind (idle, or its CPU offline). */
	if (!base->nr_pending && time_after(now, base->clk))
		base->clk = now;
	key = time_before(timer->expires, base->clk) ? base->clk : timer->expires;
	idx = key & WHEEL_MASK;
	hlist_add_head(&timer->entry, &base->vectors[idx]);
	__set_bit(idx, base->pending_map);
	WRITE_ONCE(timer->flags, (timer->flags & ~TIMER_ARRAYMASK) | (idx << TIMER_ARRAYSHIFT));
	if (!base->nr_pending || time_before(key, base->next_expiry))
		WRITE_ONCE(base->next_expiry, key);
	WRITE_ONCE(base->nr_pending, base->nr_pending + 1);
}

/*
 * detach_timer - take @timer off its slot (or the softirq's private list).
 * With @clear_pending it becomes idle; without, timer_pending() stays true
 * because the caller re-queues it at once (mod_timer, migration).
 * Context: base->lock held; @timer pending on @base.
 */
static void detach_timer(struct timer_base *base, struct timer_list *timer, bool clear_pending)
{
	unsigned int idx = timer_slot(timer);

	__hlist_del(&timer->entry);
	timer->entry.next = LIST_POISON1;
	if (clear_pending)
		WRITE_ONCE(timer->entry.pprev, NULL);
	if (hlist_empty(&base->vectors[idx]))
		__clear_bit(idx, base->pending_map);
	WRITE_ONCE(base->nr_pending, base->nr_pending - 1);
}

/* Return: 1 if @timer was pending (and is now detached), 0 if not.  Context: base->lock. */
static int detach_if_pending(struct timer_base *base, struct timer_list *timer, bool clear_pending)
{
	if (!timer_pending(timer))
		return 0;
	detach_timer(base, timer, clear_pending);
	return 1;
}

/*
 * lock_timer_base - lock the base @timer belongs to.
 * Context: any.  Return: the base, locked, interrupts saved in *flags.
 */
static struct timer_base *lock_timer_base(struct timer_list *timer, unsigned long *flags)
{
	for (;;) {
		u32 tf = READ_ONCE(timer->flags);

		if (!(tf & TIMER_MIGRATING)) {
			struct timer_base *base = timer_base_of(tf);

			raw_spin_lock_irqsave(&base->lock, *flags);
			if (READ_ONCE(timer->flags) == tf)
				return base;
			raw_spin_unlock_irqrestore(&base->lock, *flags);
		}
		cpu_relax();
	}
}

/*
 * A callback in progress on @old is being moved to another base: from now
 * on del_timer_sync() must look beyond the timer's own base until it ends.
 * Context: old->lock held.
 */
static void note_moved_while_running(struct timer_base *old, struct timer_list *timer)
{
	if (old->running_timer == timer && !old->running_moved) {
		old->running_moved = true;
		atomic_inc(&timers_moved_running);
	}
}

/*
 * switch_timer_base - move the detached @timer from @base to @cpu's base.
 * Context: base->lock held (irqs saved by the caller); returns with the
 * new base's lock held instead.
 */
static struct timer_base *switch_timer_base(struct timer_base *base, unsigned int cpu,
					    struct timer_list *timer)
{
	struct timer_base *new_base = per_cpu_ptr(&timer_bases, cpu);

	WRITE_ONCE(timer->flags, timer->flags | TIMER_MIGRATING);
	raw_spin_unlock(&base->lock);
	raw_spin_lock(&new_base->lock);
	WRITE_ONCE(timer->flags, (timer->flags & ~TIMER_BASEMASK) | cpu);
	return new_base;
}

/*
 * A timer was queued on @cpu's base from another CPU: if @cpu idles with
 * its tick stopped, wake it so that its tick runs again.  The barrier
 * orders the queueing (nr_pending) before the read of the tick state; the
 * idle side stores its tick state, then reads nr_pending.
 * Context: any, base lock not held.
 */
static void timer_kick_cpu(unsigned int cpu)
{
	if (cpu == raw_smp_processor_id())
		return;
	smp_mb();
	tick_nohz_kick_cpu(cpu);
}

/*
 * __mod_timer - (re)arm @timer at @expires on this CPU's base.
 * Return: 1 if the timer was pending, else 0.  Context: any.
 */
static int __mod_timer(struct timer_list *timer, unsigned long expires, unsigned int options)
{
	struct timer_base *base;
	unsigned long flags;
	unsigned int cpu, queued_on = NR_CPUS;
	int ret = 0;

	/* Linux's shortcut: re-arming a pending timer at the same expiry is a no-op. */
	if (!(options & MOD_TIMER_NOTPENDING) && timer_pending(timer)) {
		long diff = READ_ONCE(timer->expires) - expires;

		if (!diff)
			return 1;
		if ((options & MOD_TIMER_REDUCE) && diff <= 0)
			return 1;
	}

	base = lock_timer_base(timer, &flags);
	if (!timer->function)			/* shut down: re-arming is ignored */
		goto out_unlock;
	if ((options & MOD_TIMER_REDUCE) && timer_pending(timer) &&
	    time_before_eq(timer->expires, expires)) {
		ret = 1;
		goto out_unlock;
	}
	ret = detach_if_pending(base, timer, false);
	if (!ret && (options & MOD_TIMER_PENDING_ONLY))
		goto out_unlock;

	cpu = smp_processor_id();
	/* A running callback keeps its timer on its base (see the top). */
	if ((timer->flags & TIMER_CPUMASK) != cpu && base->running_timer != timer)
		base = switch_timer_base(base, cpu, timer);
	timer->expires = expires;
	enqueue_timer(base, timer);
	queued_on = timer->flags & TIMER_CPUMASK;
out_unlock:
	raw_spin_unlock_irqrestore(&base->lock, flags);
	if (queued_on != NR_CPUS)
		timer_kick_cpu(queued_on);
	return ret;
}

/**
 * mod_timer - arm @timer at @expires, or move its expiry if pending.
 * It is queued on this CPU (unless its callback is running right now:
 * then it stays on that callback's CPU).
 * Context: any.  Return: 0 if the timer was inactive, 1 if it was pending.
 */
int mod_timer(struct timer_list *timer, unsigned long expires)
{
	return __mod_timer(timer, expires, 0);
}

/**
 * mod_timer_pending - move the expiry of @timer only if it is pending.
 * Context: any.  Return: 1 if it was pending (and was modified), else 0.
 */
int mod_timer_pending(struct timer_list *timer, unsigned long expires)
{
	return __mod_timer(timer, expires, MOD_TIMER_PENDING_ONLY);
}

/**
 * timer_reduce - arm @timer at @expires, or bring a pending timer's expiry
 * earlier (never later).
 * Context: any.  Return: as mod_timer().
 */
int timer_reduce(struct timer_list *timer, unsigned long expires)
{
	return __mod_timer(timer, expires, MOD_TIMER_REDUCE);
}

/**
 * add_timer - arm the idle @timer at timer->expires on this CPU.
 * Context: any.  Adding a pending timer is a bug: WARN, nothing done.
 */
void add_timer(struct timer_list *timer)
{
	if (WARN_ON_ONCE(timer_pending(timer)))
		return;
	__mod_timer(timer, timer->expires, MOD_TIMER_NOTPENDING);
}

/** add_timer_local - add_timer() that keeps the timer on this CPU (TIMER_PINNED). */
void add_timer_local(struct timer_list *timer)
{
	if (WARN_ON_ONCE(timer_pending(timer)))
		return;
	WRITE_ONCE(timer->flags, timer->flags | TIMER_PINNED);
	__mod_timer(timer, timer->expires, MOD_TIMER_NOTPENDING);
}

/** add_timer_global - add_timer() without TIMER_PINNED. */
void add_timer_global(struct timer_list *timer)
{
	if (WARN_ON_ONCE(timer_pending(timer)))
		return;
	WRITE_ONCE(timer->flags, timer->flags & ~TIMER_PINNED);
	__mod_timer(timer, timer->expires, MOD_TIMER_NOTPENDING);
}

/**
 * add_timer_on - arm the idle @timer at timer->expires on @cpu's base; the
 * callback runs on @cpu.  An offline @cpu is reported (WARN) and this CPU
 * is used instead, so the timer cannot be stranded.
 * Context: any.  Adding a pending timer is a bug: WARN, nothing done.
 */
void add_timer_on(struct timer_list *timer, int cpu)
{
	struct timer_base *base;
	unsigned long flags;
	bool queued = false;

	if (WARN_ON_ONCE(timer_pending(timer)))
		return;
	if (WARN_ONCE(cpu < 0 || cpu >= NR_CPUS || !cpu_online(cpu),
		      "add_timer_on: CPU %d is not online", cpu))
		cpu = raw_smp_processor_id();
	WRITE_ONCE(timer->flags, timer->flags | TIMER_PINNED);

	base = lock_timer_base(timer, &flags);
	if (!timer->function)
		goto out_unlock;
	/* Raced with another add: the timer is queued now, keep it there. */
	if (WARN_ON_ONCE(timer_pending(timer)))
		goto out_unlock;
	if ((timer->flags & TIMER_CPUMASK) != (unsigned int)cpu) {
		note_moved_while_running(base, timer);
		base = switch_timer_base(base, cpu, timer);
	}
	enqueue_timer(base, timer);
	queued = true;
out_unlock:
	raw_spin_unlock_irqrestore(&base->lock, flags);
	if (queued)
		timer_kick_cpu(cpu);
}

/**
 * timer_delete - deactivate @timer.  A callback already running may still
 * be running when this returns (see timer_delete_sync()).
 * Context: any.  Return: 1 if the timer was pending, else 0.
 */
int timer_delete(struct timer_list *timer)
{
	struct timer_base *base;
	unsigned long flags;
	int ret;

	if (!timer_pending(timer))
		return 0;
	base = lock_timer_base(timer, &flags);
	ret = detach_if_pending(base, timer, true);
	raw_spin_unlock_irqrestore(&base->lock, flags);
	return ret;
}

/* Is @timer's callback running on some CPU?  Context: @base (its base) locked. */
static bool timer_is_running(struct timer_base *base, struct timer_list *timer)
{
	int cpu;

	if (base->running_timer == timer)
		return true;
	if (likely(!atomic_read(&timers_moved_running)))
		return false;
	for_each_possible_cpu(cpu)
		if (READ_ONCE(per_cpu(timer_bases, cpu).running_timer) == timer)
			return true;
	return false;
}

static int __try_to_del_timer_sync(struct timer_list *timer, bool shutdown)
{
	struct timer_base *base;
	unsigned long flags;
	int ret = -1;

	base = lock_timer_base(timer, &flags);
	if (!timer_is_running(base, timer))
		ret = detach_if_pending(base, timer, true);
	if (shutdown)
		timer->function = NULL;
	raw_spin_unlock_irqrestore(&base->lock, flags);
	return ret;
}

/**
 * try_to_del_timer_sync - deactivate @timer unless its callback is running.
 * Context: any.  Return: 1 if it was pending and is now deactivated, 0 if
 * it was not pending, -1 if its callback is running (nothing done).
 */
int try_to_del_timer_sync(struct timer_list *timer)
{
	return __try_to_del_timer_sync(timer, false);
}

/* Is @timer's callback the one this CPU is running (or interrupted)? */
static bool timer_running_here(struct timer_list *timer)
{
	unsigned long flags;
	bool here;

	local_irq_save(flags);
	here = READ_ONCE(this_cpu_ptr(&timer_bases)->running_timer) == timer;
	local_irq_restore(flags);
	return here;
}

static int __timer_delete_sync(struct timer_list *timer, bool shutdown)
{
	int ret;

	/* Waiting in hard IRQ for a callback it interrupted would never end. */
	WARN_ON_ONCE(in_hardirq() && !(timer->flags & TIMER_IRQSAFE));
	if (WARN(timer_running_here(timer),
		 "del_timer_sync() of %ps from its own callback (or an interrupt of it): cannot wait for itself",
		 timer->function)) {
		if (shutdown)
			return timer_shutdown(timer);
		return timer_delete(timer);
	}
	for (;;) {
		ret = __try_to_del_timer_sync(timer, shutdown);
		if (ret >= 0)
			return ret;
		/* The callback runs on another CPU: wait without the lock. */
		do {
			cpu_relax();
		} while (READ_ONCE(timer_base_of(READ_ONCE(timer->flags))->running_timer) == timer);
	}
}

/**
 * timer_delete_sync - deactivate @timer and wait until no callback of it
 * is running on any CPU.  A callback that re-arms its own timer is fine:
 * the re-arm is removed once the callback has returned.  The caller must
 * keep others from re-arming it.  Calling it from the timer's own callback
 * is a bug (it would wait for itself): WARN, then it acts as timer_delete().
 * Context: process or softirq context, or hard IRQ for TIMER_IRQSAFE timers;
 * the caller must not hold a lock the callback takes.
 * Return: 1 if the timer was pending, else 0.
 */
int timer_delete_sync(struct timer_list *timer)
{
	return __timer_delete_sync(timer, false);
}

/**
 * timer_shutdown - timer_delete(), and make later re-arms no-ops (until the
 * next timer_setup()).  Context: any.  Return: as timer_delete().
 */
int timer_shutdown(struct timer_list *timer)
{
	struct timer_base *base;
	unsigned long flags;
	int ret;

	base = lock_timer_base(timer, &flags);
	ret = detach_if_pending(base, timer, true);
	timer->function = NULL;
	raw_spin_unlock_irqrestore(&base->lock, flags);
	return ret;
}

/**
 * timer_shutdown_sync - timer_delete_sync() that also makes later re-arms
 * (including one by the running callback) no-ops: for teardown.
 * Context: as timer_delete_sync().  Return: as timer_delete_sync().
 */
int timer_shutdown_sync(struct timer_list *timer)
{
	return __timer_delete_sync(timer, true);
}

/**
 * destroy_timer_on_stack - end of an on-stack timer's life.  It must be
 * idle: a pending one would fire into a dead stack frame, so it is
 * reported and deleted.  Context: any (process context if it may be running).
 */
void destroy_timer_on_stack(struct timer_list *timer)
{
	if (WARN(timer_pending(timer), "on-stack timer %ps destroyed while pending",
		 timer->function))
		timer_delete_sync(timer);
}

/* Call one callback; report one that leaks a preempt count. */
static void call_timer_fn(struct timer_list *timer, void (*fn)(struct timer_list *))
{
	int count = preempt_count();

	fn(timer);
	if (WARN(preempt_count() != count,
		 "timer callback %ps changed the preempt count from %#x to %#x",
		 fn, count, (int)preempt_count())) {
		preempt_count_sub(preempt_count());
		preempt_count_add(count);
	}
}

/*
 * Run the timers of @expired (all pending on @base), lock dropped around
 * each callback.  Context: softirq, base->lock held, interrupts off.
 */
static void expire_timers(struct timer_base *base, struct hlist_head *expired)
{
	while (!hlist_empty(expired)) {
		struct timer_list *timer = hlist_entry(expired->first, struct timer_list, entry);
		void (*fn)(struct timer_list *) = timer->function;
		bool irqsafe = timer->flags & TIMER_IRQSAFE;

		detach_timer(base, timer, true);
		if (WARN_ON_ONCE(!fn))
			continue;
		WRITE_ONCE(base->running_timer, timer);
		if (irqsafe) {
			raw_spin_unlock(&base->lock);
			call_timer_fn(timer, fn);
			raw_spin_lock(&base->lock);
		} else {
			raw_spin_unlock_irq(&base->lock);
			call_timer_fn(timer, fn);
			raw_spin_lock_irq(&base->lock);
		}
		WRITE_ONCE(base->running_timer, NULL);
		if (base->running_moved) {
			base->running_moved = false;
			atomic_dec(&timers_moved_running);
		}
	}
}

/* Earliest jiffy at which a slot is non-empty.  Context: base->lock held. */
static unsigned long next_timer_jiffy(struct timer_base *base)
{
	unsigned long from = base->clk & WHEEL_MASK, bit;

	bit = find_next_bit(base->pending_map, WHEEL_SIZE, from);
	if (bit >= WHEEL_SIZE)
		bit = find_next_bit(base->pending_map, WHEEL_SIZE, 0);
	if (bit >= WHEEL_SIZE)
		return base->clk;
	return base->clk + ((bit - from) & WHEEL_MASK);
}

/*
 * The TIMER_SOFTIRQ handler: run every timer of this CPU's base that is
 * due at the current jiffies.  Context: softirq, interrupts enabled.
 */
static void run_timer_softirq(void)
{
	struct timer_base *base = this_cpu_ptr(&timer_bases);
	unsigned long now = READ_ONCE(jiffies);
	struct hlist_head expired;

	raw_spin_lock_irq(&base->lock);
	/* More than a lap behind: one visit of every slot covers it all. */
	if ((long)(now - base->clk) >= (long)WHEEL_SIZE)
		base->clk = now - WHEEL_SIZE + 1;
	while (time_before_eq(base->clk, now)) {
		unsigned int idx = base->clk & WHEEL_MASK;
		struct timer_list *timer;
		struct hlist_node *n;

		base->clk++;
		if (!test_bit(idx, base->pending_map))
			continue;
		INIT_HLIST_HEAD(&expired);
		hlist_for_each_entry_safe(timer, n, &base->vectors[idx], entry) {
			if (!time_after_eq(now, timer->expires))
				continue;	/* due in a later lap */
			__hlist_del(&timer->entry);
			hlist_add_head(&timer->entry, &expired);
		}
		if (hlist_empty(&base->vectors[idx]))
			__clear_bit(idx, base->pending_map);
		expire_timers(base, &expired);
	}
	if (base->nr_pending)
		WRITE_ONCE(base->next_expiry, next_timer_jiffy(base));
	raw_spin_unlock_irq(&base->lock);
}

/**
 * run_local_timers - the tick's hook: raise TIMER_SOFTIRQ when this CPU's
 * base has a timer that may be due.
 * Context: hard IRQ, interrupts off.
 */
void run_local_timers(void)
{
	struct timer_base *base = this_cpu_ptr(&timer_bases);

	if (READ_ONCE(base->nr_pending) &&
	    time_after_eq(READ_ONCE(jiffies), READ_ONCE(base->next_expiry)))
		raise_softirq_irqoff(TIMER_SOFTIRQ);
}

/**
 * timers_migrate_cpu - move every timer queued on @dead_cpu's base to this
 * CPU's base (CPU hot-unplug, once @dead_cpu no longer runs its softirq).
 * Timers keep their expiry; overdue ones fire at this CPU's next tick.
 * On a live CPU it is safe too: timers that CPU is expiring at that very
 * moment stay with it.
 * Context: process context or any context with interrupts enabled or
 * disabled; not on @dead_cpu itself (WARN, nothing done).
 */
void timers_migrate_cpu(int dead_cpu)
{
	struct timer_base *old_base, *new_base;
	unsigned long flags, moved = 0;
	int cpu;

	local_irq_save(flags);
	cpu = smp_processor_id();
	new_base = per_cpu_ptr(&timer_bases, cpu);
	old_base = per_cpu_ptr(&timer_bases, dead_cpu);
	if (WARN_ON_ONCE(dead_cpu == cpu)) {
		local_irq_restore(flags);
		return;
	}
	if (dead_cpu < cpu) {
		raw_spin_lock(&old_base->lock);
		raw_spin_lock(&new_base->lock);
	} else {
		raw_spin_lock(&new_base->lock);
		raw_spin_lock(&old_base->lock);
	}
	for (unsigned int idx = 0; idx < WHEEL_SIZE; idx++) {
		while (!hlist_empty(&old_base->vectors[idx])) {
			struct timer_list *timer = hlist_entry(old_base->vectors[idx].first,
							       struct timer_list, entry);

			note_moved_while_running(old_base, timer);
			detach_timer(old_base, timer, false);
			WRITE_ONCE(timer->flags, (timer->flags & ~TIMER_BASEMASK) | cpu);
			enqueue_timer(new_base, timer);
			moved++;
		}
	}
	raw_spin_unlock(&old_base->lock);
	raw_spin_unlock(&new_base->lock);
	local_irq_restore(flags);
	pr_debug("timers: moved %lu timers from CPU %d to CPU %d\n", moved, dead_cpu, cpu);
}

/**
 * timer_base_verify - check @cpu's base: every slot's bit says whether it
 * holds timers, every timer there names this CPU and that slot, and the
 * count matches (timers on a running softirq's private list are counted
 * but in no slot, hence the inequality while a callback runs).
 * Context: any.  Return: 0, or -EINVAL after a pr_err naming the fault.
 */
int timer_base_verify(int cpu)
{
	struct timer_base *base = per_cpu_ptr(&timer_bases, cpu);
	unsigned long flags, n = 0;
	int ret = 0;

	raw_spin_lock_irqsave(&base->lock, flags);
	for (unsigned int idx = 0; idx < WHEEL_SIZE && !ret; idx++) {
		struct timer_list *timer;

		if (hlist_empty(&base->vectors[idx]) == test_bit(idx, base->pending_map)) {
			pr_err("timers: CPU %d slot %u: bit %d, list %s\n", cpu, idx,
			       test_bit(idx, base->pending_map),
			       hlist_empty(&base->vectors[idx]) ? "empty" : "not empty");
			ret = -EINVAL;
		}
		hlist_for_each_entry(timer, &base->vectors[idx], entry) {
			n++;
			if ((timer->flags & TIMER_BASEMASK) != (u32)cpu || timer_slot(timer) != idx ||
			    !timer->function) {
				pr_err("timers: CPU %d slot %u: timer %px (%ps) flags %#x\n", cpu, idx,
				       timer, timer->function, timer->flags);
				ret = -EINVAL;
				break;
			}
		}
	}
	if (!ret && (base->running_timer ? n > base->nr_pending : n != base->nr_pending)) {
		pr_err("timers: CPU %d: %lu timers queued, nr_pending %lu\n", cpu, n,
		       base->nr_pending);
		ret = -EINVAL;
	}
	raw_spin_unlock_irqrestore(&base->lock, flags);
	return ret;
}

/* Timers queued on @cpu's base (for tests and the monitor).  Context: any. */
unsigned long timer_base_nr_pending(int cpu)
{
	return READ_ONCE(per_cpu(timer_bases, cpu).nr_pending);
}

/**
 * init_timers - open TIMER_SOFTIRQ: from now on due timers run.  The
 * bases need no set-up (see timer_bases); a second call does nothing.
 * Context: boot, before the tick is enabled (timers armed earlier wait).
 */
void init_timers(void)
{
	if (timers_initialized)
		return;
	timers_initialized = true;
	open_softirq(TIMER_SOFTIRQ, run_timer_softirq);
}
