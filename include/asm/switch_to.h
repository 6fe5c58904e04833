#ifndef _ASM_SWITCH_TO_H
#define _ASM_SWITCH_TO_H

#include <linux/sched.h>

/*
 * The context switch (arch/x86_64/kernel/switch.asm): push the
 * callee-saved registers, store the stack pointer in *prev_sp, load
 * *next_sp, pop, and return prev as seen from next's stack.  No FPU/SIMD
 * state exists in the kernel, and with no user mode the TSS's rsp0 is
 * never used, so nothing else changes hands.  The C side passes the
 * addresses of the two saved stack pointers, so the assembly needs no
 * structure offsets.
 */
struct task_struct *__switch_to_asm(unsigned long *prev_sp, unsigned long *next_sp,
				    struct task_struct *prev);
#define arch_switch_to(prev, next) \
	__switch_to_asm(&(prev)->thread.sp, &(next)->thread.sp, (prev))

/* Build a new task's first frame: it starts in ret_from_fork -> fn(arg). */
void arch_setup_task_stack(struct task_struct *p, int (*fn)(void *), void *arg);

#endif
