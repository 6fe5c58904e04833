#ifndef _LINUX_CONTEXT_TRACKING_IRQ_H
#define _LINUX_CONTEXT_TRACKING_IRQ_H

/* Interrupt entry from an extended quiescent state (linux/context_tracking.h). */
void ct_irq_enter(void);
static inline void ct_irq_exit(void) { }

#endif
