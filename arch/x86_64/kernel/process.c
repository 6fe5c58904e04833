/*
 * A new task's initial stack, as __switch_to_asm will pop it:
 *
 *   top - 8    (unused; keeps rsp 16-byte aligned at ret_from_fork)
 *   top - 16   0                 end of the frame chain for backtraces
 *   top - 24   ret_from_fork     popped by __switch_to_asm's ret
 *   top - 32   rbp = 0
 *   top - 40   rbx = fn
 *   top - 48   r12 = arg
 *   top - 56   r13 = 0
 *   top - 64   r14 = 0
 *   top - 72   r15 = 0           <- thread.sp
 */
#include <linux/sched.h>
#include <linux/mm.h>
#include <asm/switch_to.h>

extern char ret_from_fork[];

void arch_setup_task_stack(struct task_struct *p, int (*fn)(void *), void *arg)
{
	unsigned long *top = (unsigned long *)((char *)p->stack + THREAD_SIZE);

	top[-1] = 0;
	top[-2] = 0;
	top[-3] = (unsigned long)ret_from_fork;
	top[-4] = 0;
	top[-5] = (unsigned long)fn;
	top[-6] = (unsigned long)arg;
	top[-7] = 0;
	top[-8] = 0;
	top[-9] = 0;
	p->thread.sp = (unsigned long)&top[-9];
}
