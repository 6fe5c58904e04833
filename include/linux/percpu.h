#ifndef _LINUX_PERCPU_H
#define _LINUX_PERCPU_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/threads.h>
#include <linux/preempt.h>
#include <asm/percpu.h>
#include <asm/current.h>

/*
 * DEFINE_PER_CPU puts a variable in the per-CPU section: one instance per
 * possible CPU.  Reach another CPU's instance with per_cpu(var, cpu), the
 * current CPU's with this_cpu_ptr()/this_cpu_read() (preemption disabled
 * around any multi-step use, e.g. get_cpu_var/put_cpu_var).
 */
#define DEFINE_PER_CPU(type, name) \
	__section(".data..percpu") __typeof__(type) name
#define DECLARE_PER_CPU(type, name) \
	extern __section(".data..percpu") __typeof__(type) name
#define DEFINE_PER_CPU_ALIGNED(type, name) \
	__section(".data..percpu") __aligned(64) __typeof__(type) name
#define DECLARE_PER_CPU_ALIGNED(type, name) DECLARE_PER_CPU(type, name)

extern unsigned long __per_cpu_offset[NR_CPUS];
#define per_cpu_offset(cpu)	(__per_cpu_offset[(cpu)])

#define per_cpu_ptr(ptr, cpu) \
	((__typeof__(ptr))((unsigned long)(ptr) + __per_cpu_offset[(cpu)]))
#define per_cpu(var, cpu)	(*per_cpu_ptr(&(var), (cpu)))
#define this_cpu_ptr(ptr) \
	((__typeof__(ptr))((unsigned long)(ptr) + this_cpu_read(pcpu_hot.this_cpu_off)))
#define raw_cpu_ptr(ptr)	this_cpu_ptr(ptr)
#define get_cpu_var(var)	(*({ preempt_disable(); this_cpu_ptr(&(var)); }))
#define put_cpu_var(var)	preempt_enable()
#define get_cpu_ptr(var)	({ preempt_disable(); this_cpu_ptr(var); })
#define put_cpu_ptr(var)	preempt_enable()

#endif
