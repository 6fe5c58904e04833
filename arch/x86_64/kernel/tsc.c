/*
 * Clocks: the TSC for time, the LAPIC timer for the tick.
 *
 * At boot, PIT channel 2 times a 10 ms window (its gate is software
 * controlled through port 0x61 and its output readable there); over the
 * same window we count TSC cycles and LAPIC-timer decrements, giving both
 * frequencies.  ktime_get_ns() then scales the TSC since boot with a
 * 32.32 fixed-point multiplier; the TSC is invariant and synchronised
 * across CPUs on the machines (QEMU -cpu max) we run on.
 *
 * Every CPU then runs its LAPIC timer periodically at HZ, and each tick
 * calls tick_handle().
 */
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/jiffies.h>
#include <linux/delay.h>
#include <asm/io.h>
#include <asm/apic.h>
#include <asm/irq.h>
#include <asm/time.h>
#include <asm/boot.h>
#include <asm/processor.h>
#include <linux/sched.h>
#include <kernel/sched.h>

#define PIT_HZ		1193182
#define CAL_MS		10

u64 tsc_khz;
static u64 tsc_base;		/* I: TSC at kernel entry */
static u64 ns_mult;		/* I: ns per cycle, 32.32 fixed point */
static u32 lapic_ticks_per_jiffy;	/* I */

u64 tsc_to_ns(u64 delta)
{
	return (u64)(((unsigned __int128)delta * ns_mult) >> 32);
}

u64 ktime_get_ns(void)
{
	if (!ns_mult)
		return 0;
	return tsc_to_ns(rdtsc() - tsc_base);
}

void tsc_calibrate(void)
{
	u16 latch = PIT_HZ * CAL_MS / 1000;
	u64 t0, t1;
	u32 a0, a1;

	tsc_base = boot_info.entry_tsc;
	outb((inb(0x61) & ~0x02) | 0x01, 0x61);	/* gate on, speaker off */
	outb(0xB0, 0x43);			/* channel 2, lo/hi, mode 0 */
	lapic_timer_oneshot_max();
	outb(latch & 0xff, 0x42);
	outb(latch >> 8, 0x42);
	t0 = rdtsc();
	a0 = lapic_timer_current();
	while (!(inb(0x61) & 0x20))
		;
	t1 = rdtsc();
	a1 = lapic_timer_current();

	tsc_khz = (t1 - t0) / CAL_MS;
	if (!tsc_khz)
		panic("tsc: calibration failed (TSC not advancing?)");
	ns_mult = ((u64)1000000 << 32) / tsc_khz;
	lapic_ticks_per_jiffy = (u32)((u64)(a0 - a1) * 1000 / CAL_MS / HZ);
	if (!lapic_ticks_per_jiffy)
		panic("apic: timer calibration failed");
	pr_info("tsc: %llu.%03llu MHz, LAPIC timer %u ticks per jiffy (HZ=%d)\n",
		(unsigned long long)(tsc_khz / 1000), (unsigned long long)(tsc_khz % 1000),
		lapic_ticks_per_jiffy, HZ);
}

static void timer_interrupt(struct pt_regs *regs)
{
	tick_handle();
	watchdog_check(regs);
}

void lapic_timer_setup_this_cpu(void)
{
	irq_set_handler(LOCAL_TIMER_VECTOR, timer_interrupt);
	lapic_timer_start(lapic_ticks_per_jiffy);
}

void arch_tick_stop(void)
{
	lapic_timer_set_count(0);	/* an initial count of 0 stops the timer */
}

void arch_tick_restart(void)
{
	lapic_timer_set_count(lapic_ticks_per_jiffy);
}

void ndelay(unsigned long ns)
{
	u64 start = rdtsc(), cycles = (u64)ns * tsc_khz / 1000000;

	while (rdtsc() - start < cycles)
		cpu_relax();
}

void udelay(unsigned long us)
{
	ndelay(us * 1000);
}

void mdelay(unsigned long ms)
{
	while (ms--)
		udelay(1000);
}
