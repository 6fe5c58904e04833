#ifndef _LINUX_CONTEXT_TRACKING_H
#define _LINUX_CONTEXT_TRACKING_H

/*
 * Extended quiescent states for RCU (kernel/rcu/tree.c): the idle loop
 * brackets its halt with ct_idle_enter()/ct_idle_exit(), interrupts enter
 * through ct_irq_enter(), so RCU can count a halted CPU as quiescent
 * without waking it.  Context: interrupts disabled.
 */
#include <linux/context_tracking_irq.h>

void ct_idle_enter(void);
void ct_idle_exit(void);

#endif
