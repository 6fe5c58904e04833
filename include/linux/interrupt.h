#ifndef _LINUX_INTERRUPT_H
#define _LINUX_INTERRUPT_H

#include <linux/types.h>
#include <linux/preempt.h>

/*
 * Softirqs (kernel/softirq.c): per-CPU deferred work raised from hard-IRQ
 * context and run on the way out of the outermost interrupt, with
 * interrupts enabled and SOFTIRQ_OFFSET in preempt_count (so it cannot
 * sleep and is not preempted), on the CPU that raised it.
 */
enum {
	HI_SOFTIRQ = 0,
	TIMER_SOFTIRQ,
	SCHED_SOFTIRQ,
	NR_SOFTIRQS
};

void open_softirq(int nr, void (*action)(void));
void raise_softirq(unsigned int nr);		/* any context */
void raise_softirq_irqoff(unsigned int nr);	/* interrupts off */
void do_softirq(void);
#define local_bh_disable() preempt_count_add(SOFTIRQ_OFFSET)
void local_bh_enable(void);

#endif
