#ifndef _KERNEL_TIME_H
#define _KERNEL_TIME_H

/* This kernel's own timekeeping interfaces between its parts (not Linux's API). */

void run_local_timers(void);
void jiffies_refresh(void);	/* bring jiffies up to date with ktime now */	/* the tick: raise TIMER_SOFTIRQ if the wheel has work */

#endif
