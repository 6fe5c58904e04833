/*
 * The tick: every online CPU's LAPIC timer interrupts at HZ.  The boot CPU
 * (the "do_timer" CPU, which never goes offline) advances jiffies; every
 * CPU counts its own ticks (tick_count, read by tests and the monitor) and
 * calls into the scheduler and the timer wheel.
 */
#include <linux/kernel.h>
#include <linux/jiffies.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <asm/time.h>
#include <linux/sched.h>

volatile unsigned long jiffies;
u64 jiffies_64;
DEFINE_PER_CPU(unsigned long, tick_count);


/* Until the timer wheel (kernel/time/timer.c) links in. */
__weak void run_local_timers(void)
{
}

void tick_handle(void)
{
	this_cpu_inc(tick_count);
	if (smp_processor_id() == 0) {
		jiffies_64++;
		jiffies = (unsigned long)jiffies_64;
	}
	run_local_timers();
	scheduler_tick();
}
