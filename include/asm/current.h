#ifndef _ASM_CURRENT_H
#define _ASM_CURRENT_H

#include <linux/compiler.h>
#include <asm/percpu.h>

struct task_struct;

/*
 * The first thing in every CPU's per-CPU area: what the hottest paths read
 * through %gs.  The offsets are used by assembly (entry.asm, switch.asm),
 * hence the asserts in arch/x86_64/kernel/smpboot.c.
 */
struct pcpu_hot {
	unsigned long this_cpu_off;		/* 0: this area's offset from link address */
	int cpu_number;				/* 8 */
	int preempt_count;			/* 12 */
	struct task_struct *current_task;	/* 16 */
	unsigned long top_of_stack;		/* 24 */
	int need_resched;			/* 32 */
	int irq_depth;				/* 36 */
};
#define PCPU_HOT_THIS_CPU_OFF	0
#define PCPU_HOT_CPU_NUMBER	8
#define PCPU_HOT_PREEMPT_COUNT	12
#define PCPU_HOT_CURRENT	16
#define PCPU_HOT_TOP_OF_STACK	24

extern __section(".data..percpu..first") struct pcpu_hot pcpu_hot;

static __always_inline struct task_struct *get_current(void)
{
	return this_cpu_read(pcpu_hot.current_task);
}
#define current get_current()

#endif
