#ifndef _ASM_PERCPU_H
#define _ASM_PERCPU_H

/*
 * Per-CPU access through %gs.  The per-CPU section is linked at 0, so a
 * per-CPU variable's link address is its offset in every CPU's copy and
 * "%gs:var" is the current CPU's instance in one instruction (interrupt
 * safe, and preemption safe for the single read/write/add itself).
 */
#define __pcpu_size_ok(v) _Static_assert(sizeof(v) == 1 || sizeof(v) == 2 || \
	sizeof(v) == 4 || sizeof(v) == 8, "this_cpu op on a non-scalar")

#define this_cpu_read(var) ({						\
	__typeof__(var) __r;						\
	__asm__ __volatile__("mov %%gs:%c1, %0" : "=r"(__r) : "i"(&(var)) : "memory"); \
	__r; })
#define this_cpu_write(var, val) do {					\
	__typeof__(var) __v = (val);					\
	__asm__ __volatile__("mov %1, %%gs:%c0" :: "i"(&(var)), "r"(__v) : "memory"); \
} while (0)
#define this_cpu_add(var, val) do {					\
	__typeof__(var) __v = (val);					\
	__asm__ __volatile__("add %1, %%gs:%c0" :: "i"(&(var)), "r"(__v) : "memory", "cc"); \
} while (0)
#define this_cpu_sub(var, val)	this_cpu_add(var, -(__typeof__(var))(val))
#define this_cpu_inc(var)	this_cpu_add(var, 1)
#define this_cpu_dec(var)	this_cpu_sub(var, 1)
#define __this_cpu_read		this_cpu_read
#define __this_cpu_write	this_cpu_write
#define __this_cpu_add		this_cpu_add
#define __this_cpu_inc		this_cpu_inc
#define __this_cpu_dec		this_cpu_dec
#define raw_cpu_read		this_cpu_read

#endif
