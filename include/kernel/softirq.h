#ifndef _KERNEL_SOFTIRQ_H
#define _KERNEL_SOFTIRQ_H

/* Interrupt exit runs pending softirqs (kernel/softirq.c). */
void irq_exit_softirq(void);

#endif
