#ifndef _ASM_PTRACE_H
#define _ASM_PTRACE_H

#include <linux/types.h>

/*
 * Registers saved on interrupt/exception entry (arch/x86_64/kernel/entry.asm
 * builds this; keep the two in step: the asserts in traps.c check it).
 */
struct pt_regs {
	unsigned long r15, r14, r13, r12, r11, r10, r9, r8;
	unsigned long rbp, rdi, rsi, rdx, rcx, rbx, rax;
	unsigned long vector;
	unsigned long error_code;
	/* pushed by the CPU */
	unsigned long rip, cs, rflags, rsp, ss;
};

void show_regs(struct pt_regs *regs);

#endif
