#ifndef _LINUX_PREEMPT_H
#define _LINUX_PREEMPT_H

#include <linux/compiler.h>
#include <asm/percpu.h>
#include <asm/current.h>

/*
 * preempt_count layout (as Linux):
 *   bits  0- 7  preemption-disable depth
 *   bits  8-15  softirq depth
 *   bits 16-19  hard-IRQ nesting
 *   bit  20     NMI
 * The task may be preempted only when the whole count is 0.
 */
#define PREEMPT_OFFSET	(1UL << 0)
#define SOFTIRQ_OFFSET	(1UL << 8)
#define HARDIRQ_OFFSET	(1UL << 16)
#define NMI_OFFSET	(1UL << 20)
#define PREEMPT_MASK	0x000000ffUL
#define SOFTIRQ_MASK	0x0000ff00UL
#define HARDIRQ_MASK	0x000f0000UL
#define NMI_MASK	0x00100000UL

#define preempt_count()		this_cpu_read(pcpu_hot.preempt_count)
#define hardirq_count()		(preempt_count() & HARDIRQ_MASK)
#define softirq_count()		(preempt_count() & SOFTIRQ_MASK)
#define irq_count()		(preempt_count() & (HARDIRQ_MASK | SOFTIRQ_MASK | NMI_MASK))
#define in_irq()		(hardirq_count())
#define in_hardirq()		(hardirq_count())
#define in_softirq()		(softirq_count())
#define in_interrupt()		(irq_count())
#define in_nmi()		(preempt_count() & NMI_MASK)
#define in_task()		(!irq_count())
#define in_atomic()		(preempt_count() != 0)

#define preempt_count_add(v)	this_cpu_add(pcpu_hot.preempt_count, (int)(v))
#define preempt_count_sub(v)	this_cpu_sub(pcpu_hot.preempt_count, (int)(v))

void preempt_schedule(void);

#define preempt_disable() do { preempt_count_add(1); barrier(); } while (0)
#define preempt_enable_no_resched() do { barrier(); preempt_count_sub(1); } while (0)
#define sched_preempt_enable_no_resched preempt_enable_no_resched
#define preempt_enable() do {						\
	barrier();							\
	preempt_count_sub(1);						\
	if (unlikely(this_cpu_read(pcpu_hot.need_resched)) &&		\
	    preempt_count() == 0)					\
		preempt_schedule();					\
} while (0)
#define preempt_check_resched() do {					\
	if (unlikely(this_cpu_read(pcpu_hot.need_resched)) &&		\
	    preempt_count() == 0)					\
		preempt_schedule();					\
} while (0)
#define preemptible()	(preempt_count() == 0 && !irqs_disabled())

#define migrate_disable()	preempt_disable()
#define migrate_enable()	preempt_enable()

#endif
