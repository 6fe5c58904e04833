/*
 * Sleeping for a time: schedule_timeout() and the msleep family.
 *
 * schedule_timeout() is the primitive: the caller has set its task state
 * (set_current_state(), or one of the _interruptible/_uninterruptible/_idle
 * wrappers); an on-stack timer whose callback wake_up_process()es the task
 * is armed, the task schedules away, and on the way back the timer is
 * deleted with del_timer_sync(), so its callback can never touch the stack
 * frame after the function returns:
 *
 *   state set --arm timer--> schedule() --+--timer fires: wake_up_process--+
 *                                         +--someone else wakes the task---+
 *                                                                          v
 *             return remaining jiffies <--del_timer_sync-- running again
 *
 * The timer belongs to the sleeping task alone (current->timeout_timer
 * points at it while it sleeps, for task dumps): no lock of its own; the
 * timer code serialises the callback against the deletion.
 *
 * Timeouts are in jiffies (HZ=1000).  msleep() counts in jiffies as Linux
 * does (ms + 1 jiffies, the +1 for the part of the current jiffy already
 * gone).  This kernel's jiffies follows ktime but is only updated at a
 * tick, so the value read when arming can lag by up to a jiffy and ms + 1
 * jiffies can end a little before ms have passed; msleep() therefore
 * checks the clock at the end and sleeps what is missing, as below:
 * it never returns early.  usleep_range() and
 * fsleep() have no high-resolution timers to use, so they sleep whole
 * jiffies while more than a few microseconds remain of the minimum, check
 * the clock (ktime) each time they wake up, and busy-wait the last
 * microseconds: at least min, at most about min + one jiffy.
 * Interruptible sleeps end early when signal_pending() (a kthread being
 * stopped): schedule() does not sleep then (linux/sched/signal.h).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/timer.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <kernel/time.h>

struct process_timer {
	struct timer_list timer;
	struct task_struct *task;
};

static void process_timeout(struct timer_list *t)
{
	struct process_timer *timeout = from_timer(timeout, t, timer);

	wake_up_process(timeout->task);
}

/**
 * schedule_timeout - sleep until woken up or @timeout jiffies have passed.
 * The caller sets the task state first; in TASK_RUNNING this only yields
 * the CPU for one schedule().  MAX_SCHEDULE_TIMEOUT sleeps without a
 * timer.  A negative @timeout is a bug: WARN, the state is set back to
 * TASK_RUNNING and 0 returned without sleeping.
 * Context: process context, may sleep.
 * Return: 0 if the timeout expired, else the jiffies that remained
 * (MAX_SCHEDULE_TIMEOUT for MAX_SCHEDULE_TIMEOUT).
 */
long schedule_timeout(long timeout)
{
	struct process_timer t;
	unsigned long expire;

	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return timeout;
	}
	if (WARN(timeout < 0, "schedule_timeout: wrong timeout value %lx", (unsigned long)timeout)) {
		__set_current_state(TASK_RUNNING);
		return 0;
	}

	jiffies_refresh();	/* count from now, not from the last tick */
	expire = timeout + jiffies;
	t.task = current;
	timer_setup_on_stack(&t.timer, process_timeout, 0);
	t.timer.expires = expire;
	add_timer(&t.timer);
	current->timeout_timer = &t.timer;
	schedule();
	current->timeout_timer = NULL;
	del_timer_sync(&t.timer);
	destroy_timer_on_stack(&t.timer);

	timeout = expire - jiffies;
	return timeout < 0 ? 0 : timeout;
}

/* The state-setting wrappers, as Linux's.  Context: process, may sleep. */
long schedule_timeout_interruptible(long timeout)
{
	__set_current_state(TASK_INTERRUPTIBLE);
	return schedule_timeout(timeout);
}

long schedule_timeout_uninterruptible(long timeout)
{
	__set_current_state(TASK_UNINTERRUPTIBLE);
	return schedule_timeout(timeout);
}

/* TASK_IDLE: uninterruptible, but not counted as load. */
long schedule_timeout_idle(long timeout)
{
	__set_current_state(TASK_IDLE);
	return schedule_timeout(timeout);
}

/* Below this many microseconds left, spinning beats another jiffy of sleep. */
#define USLEEP_SPIN_US	10

static void usleep_until(u64 deadline_ns, unsigned int state)
{
	for (;;) {
		u64 now = ktime_get_ns();
		u64 left_us;

		if (now >= deadline_ns || signal_pending_state(state, current))
			return;
		left_us = DIV_ROUND_UP(deadline_ns - now, NSEC_PER_USEC);
		if (left_us <= USLEEP_SPIN_US) {
			udelay(left_us);
			return;
		}
		/*
		 * The next tick may come at any moment: sleep one jiffy at a
		 * time until less than a jiffy is left, then up to the next
		 * tick; the clock decides when it is over.
		 */
		__set_current_state(state);
		schedule_timeout(max_t(long, usecs_to_jiffies((unsigned int)min_t(u64, left_us, UINT_MAX)) - 1, 1));
	}
}

/**
 * msleep - sleep at least @msecs milliseconds (uninterruptibly).
 * Context: process context, may sleep.
 */
void msleep(unsigned int msecs)
{
	u64 end = ktime_get_ns() + (u64)msecs * NSEC_PER_MSEC;
	unsigned long timeout = msecs_to_jiffies(msecs) + 1;

	might_sleep();
	while (timeout)
		timeout = schedule_timeout_uninterruptible(timeout);
	usleep_until(end, TASK_UNINTERRUPTIBLE);	/* see the top: jiffies may lag */
}

/**
 * msleep_interruptible - msleep() in TASK_INTERRUPTIBLE: a pending signal
 * (in a kthread, kthread_stop()) ends it early.
 * Context: process context, may sleep.
 * Return: the milliseconds left, 0 if it slept the whole time.
 */
unsigned long msleep_interruptible(unsigned int msecs)
{
	u64 end = ktime_get_ns() + (u64)msecs * NSEC_PER_MSEC;
	unsigned long timeout = msecs_to_jiffies(msecs) + 1;

	might_sleep();
	while (timeout && !signal_pending(current))
		timeout = schedule_timeout_interruptible(timeout);
	if (timeout)
		return jiffies_to_msecs(timeout);
	usleep_until(end, TASK_INTERRUPTIBLE);
	return 0;
}

/** ssleep - sleep at least @secs seconds.  Context: process context, may sleep. */
void ssleep(unsigned int secs)
{
	msleep(secs * 1000);
}

/**
 * usleep_range - sleep at least @min microseconds, ideally no more than
 * @max.  Without high-resolution timers the wake-up comes at a tick (or a
 * short busy-wait ends it), so the sleep lasts from @min to about
 * @min + 1 ms; @max is a hint.
 * Context: process context, may sleep.
 */
void usleep_range(unsigned long min, unsigned long max)
{
	might_sleep();
	WARN_ONCE(max < min, "usleep_range: max %lu < min %lu", max, min);
	usleep_until(ktime_get_ns() + (u64)min * NSEC_PER_USEC, TASK_UNINTERRUPTIBLE);
}

/**
 * fsleep - "flexible" sleep of at least @usecs: busy-waits up to 10 us,
 * sleeps with usleep_range() up to 20 ms, with msleep() beyond.
 * Context: process context, may sleep (busy-waits only for <= 10 us).
 */
void fsleep(unsigned long usecs)
{
	if (usecs <= USLEEP_SPIN_US)
		udelay(usecs);
	else if (usecs <= 20000)
		usleep_range(usecs, usecs + (usecs >> 2));
	else
		msleep(DIV_ROUND_UP(usecs, 1000));
}
