/*
 * The tick, and stopping it on idle CPUs.
 *
 * Every online CPU's LAPIC timer interrupts at HZ while the CPU has work.
 * Each tick advances jiffies from ktime (so any ticking CPU keeps it
 * current, whichever ones are idle), counts the CPU's own ticks
 * (tick_count, read by tests and the monitor), and calls into the timer
 * wheel and the scheduler.
 *
 * An idle CPU with no pending timers stops its tick before halting
 * (tick_nohz_idle_enter) and restarts it when it wakes
 * (tick_nohz_idle_exit): under QEMU every tick of an idle vCPU is a host
 * thread wake-up, and four to eight vCPUs ticking at 1 kHz on two host
 * cores measurably slow everything else.  Whoever gives a tickless CPU
 * work makes it wake: a task is queued with a reschedule IPI, a timer
 * added to its wheel from elsewhere with tick_nohz_kick_cpu(), and a busy
 * CPU's load balancer kicks an idle one to pull work.
 *
 * tick_stopped is per CPU and only written by that CPU with interrupts off.
 */
#include <linux/kernel.h>
#include <linux/jiffies.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/ktime.h>
#include <linux/timer.h>
#include <asm/time.h>
#include <linux/sched.h>
#include <kernel/sched.h>
#include <kernel/time.h>

volatile unsigned long jiffies;
u64 jiffies_64;
DEFINE_PER_CPU(unsigned long, tick_count);
DEFINE_PER_CPU(bool, tick_stopped);

/*
 * jiffies = ktime / (NSEC_PER_SEC / HZ), advanced monotonically by anyone:
 * every tick, every CPU leaving idle, and schedule_timeout() before it
 * reads jiffies (so a timeout counts from now, not from the last tick).
 */
void jiffies_refresh(void)
{
	u64 now = ktime_get_ns() / (NSEC_PER_SEC / HZ);
	u64 cur = READ_ONCE(jiffies_64);

	while (now > cur) {
		if (__atomic_compare_exchange_n(&jiffies_64, &cur, now, false, __ATOMIC_SEQ_CST,
						__ATOMIC_RELAXED)) {
			WRITE_ONCE(jiffies, (unsigned long)now);
			break;
		}
	}
}

void tick_handle(void)
{
	this_cpu_inc(tick_count);
	jiffies_refresh();
	run_local_timers();
	scheduler_tick();
}

/* Idle entry, interrupts off: stop the tick if nothing needs it. */
void tick_nohz_idle_enter(void)
{
	int cpu = smp_processor_id();

	if (this_cpu_read(tick_stopped) || timer_base_nr_pending(cpu))
		return;
	/*
	 * Publish "stopped" before the re-check: a CPU queueing a timer here
	 * queues, then (full barrier) reads tick_stopped and kicks us; either
	 * it sees the flag or we see its timer.
	 */
	this_cpu_write(tick_stopped, true);
	smp_mb();
	if (timer_base_nr_pending(cpu)) {
		this_cpu_write(tick_stopped, false);
		return;
	}
	arch_tick_stop();
}

/* Idle exit (or any wake-up in idle), interrupts off: restart it. */
void tick_nohz_idle_exit(void)
{
	if (!this_cpu_read(tick_stopped))
		return;
	this_cpu_write(tick_stopped, false);
	jiffies_refresh();
	arch_tick_restart();
}

bool tick_nohz_tick_stopped_cpu(int cpu)
{
	return READ_ONCE(per_cpu(tick_stopped, cpu));
}

/* Something (a timer) now needs cpu's tick: wake it if it is tickless. */
void tick_nohz_kick_cpu(int cpu)
{
	if (cpu != smp_processor_id() && tick_nohz_tick_stopped_cpu(cpu))
		smp_send_reschedule(cpu);
}
