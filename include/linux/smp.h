#ifndef _LINUX_SMP_H
#define _LINUX_SMP_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/cpumask.h>
#include <linux/preempt.h>
#include <asm/current.h>

typedef void (*smp_call_func_t)(void *info);

/*
 * Cross-CPU function calls, over the CALL_FUNCTION IPI (kernel/smp.c).
 * The function runs in hard-IRQ context on the target CPU, interrupts off.
 * With wait, the caller spins until it has run; waiting callers must have
 * interrupts enabled (two CPUs waiting on each other with interrupts off
 * would deadlock), which is WARNed.
 */
int smp_call_function_single(int cpu, smp_call_func_t func, void *info, int wait);
void smp_call_function_many(const struct cpumask *mask, smp_call_func_t func, void *info, bool wait);
void smp_call_function(smp_call_func_t func, void *info, int wait);
void on_each_cpu(smp_call_func_t func, void *info, int wait);
void on_each_cpu_mask(const struct cpumask *mask, smp_call_func_t func, void *info, bool wait);
void smp_send_reschedule(int cpu);
void smp_send_stop(void);

#define raw_smp_processor_id()	this_cpu_read(pcpu_hot.cpu_number)
#define smp_processor_id()	raw_smp_processor_id()
#define get_cpu()		({ preempt_disable(); smp_processor_id(); })
#define put_cpu()		preempt_enable()

extern unsigned int setup_max_cpus;

#endif
