#ifndef _ASM_TIME_H
#define _ASM_TIME_H

#include <linux/types.h>
#include <linux/percpu.h>

/* TSC and LAPIC-timer calibration (arch/x86_64/kernel/tsc.c). */
extern u64 tsc_khz;
void tsc_calibrate(void);
void lapic_timer_setup_this_cpu(void);
u64 tsc_to_ns(u64 tsc_delta);

/* Called on every CPU at HZ from the LAPIC timer (kernel/time.c). */
void tick_handle(void);
DECLARE_PER_CPU(unsigned long, tick_count);	/* ticks this CPU has taken */

/* Stop / restart this CPU's periodic tick (tickless idle). */
void arch_tick_stop(void);
void arch_tick_restart(void);
void tick_nohz_idle_enter(void);
void tick_nohz_idle_exit(void);
bool tick_nohz_tick_stopped_cpu(int cpu);
void tick_nohz_kick_cpu(int cpu);

#endif
