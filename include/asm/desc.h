#ifndef _ASM_DESC_H
#define _ASM_DESC_H

#include <linux/types.h>

#define KERNEL_CS	0x08
#define KERNEL_DS	0x10
#define TSS_SEL		0x18

/* IST slots (1-based as the IDT encodes them) */
#define IST_DOUBLE_FAULT 1
#define IST_NMI		2
#define IST_STACK_SIZE	(16 * 1024)

struct tss {
	u32 reserved0;
	u64 rsp[3];
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} __attribute__((packed));

/* Per-CPU GDT, TSS and IST stacks (arch/x86_64/kernel/cpu.c). */
int cpu_desc_alloc(int cpu);
void cpu_desc_load(int cpu);

#endif
