#ifndef _ASM_TIME_H
#define _ASM_TIME_H

#include <linux/types.h>

/* TSC and LAPIC-timer calibration (arch/x86_64/kernel/tsc.c). */
extern u64 tsc_khz;
void tsc_calibrate(void);
void lapic_timer_setup_this_cpu(void);
u64 tsc_to_ns(u64 tsc_delta);

/* Called on every CPU at HZ from the LAPIC timer (kernel/time.c). */
void tick_handle(void);

#endif
