/* TEMPORARY: weak stand-ins until kernel/time/sleep.c links in. */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/jiffies.h>
#include <linux/delay.h>

__weak long schedule_timeout(long timeout)
{
	unsigned long deadline = jiffies + timeout;

	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return timeout;
	}
	while (READ_ONCE(current->__state) != TASK_RUNNING && time_before(jiffies, deadline)) {
		unsigned int st = current->__state;
		__set_current_state(TASK_RUNNING);
		yield();
		set_current_state(st);
	}
	__set_current_state(TASK_RUNNING);
	return time_before(jiffies, deadline) ? (long)(deadline - jiffies) : 0;
}

__weak long schedule_timeout_uninterruptible(long timeout)
{
	__set_current_state(TASK_UNINTERRUPTIBLE);
	return schedule_timeout(timeout);
}

__weak void msleep(unsigned int msecs)
{
	u64 end = jiffies + msecs_to_jiffies(msecs) + 1;

	while (time_before(jiffies, end)) {
		__set_current_state(TASK_UNINTERRUPTIBLE);
		schedule_timeout(end - jiffies);
	}
}
