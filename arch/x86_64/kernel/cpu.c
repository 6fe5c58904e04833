/*
 * Per-CPU descriptor tables: each CPU has its own GDT (kernel code, data
 * and its TSS) and TSS, whose IST entries point at two private stacks
 * (double fault, NMI/machine check), each with a guard page below
 * (stack_alloc).  Set up by the boot CPU before the CPU starts
 * (cpu_desc_alloc) and loaded by the CPU itself (cpu_desc_load).
 */
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/mm.h>
#include <asm/desc.h>
#include <kernel/mm.h>

struct cpu_desc {
	u64 gdt[5];
	struct tss tss;
};
static DEFINE_PER_CPU(struct cpu_desc, cpu_desc) __aligned(64);

int cpu_desc_alloc(int cpu)
{
	struct cpu_desc *d = per_cpu_ptr(&cpu_desc, cpu);
	unsigned long tss = (unsigned long)&d->tss, limit = sizeof(struct tss) - 1;

	for (int i = 0; i < 2; i++) {
		void *st = stack_alloc();
		if (!st)
			return -ENOMEM;
		d->tss.ist[i] = (u64)st + THREAD_SIZE;
	}
	d->tss.iomap_base = sizeof(struct tss);
	d->gdt[0] = 0;
	d->gdt[1] = 0x00AF9A000000FFFFULL;	/* 64-bit code, DPL 0 */
	d->gdt[2] = 0x00CF92000000FFFFULL;	/* data */
	d->gdt[3] = (limit & 0xffff) | ((tss & 0xffffff) << 16) | (0x89ULL << 40) |
		    (((limit >> 16) & 0xf) << 48) | (((tss >> 24) & 0xff) << 56);
	d->gdt[4] = tss >> 32;
	return 0;
}

void cpu_desc_load(int cpu)
{
	struct cpu_desc *d = per_cpu_ptr(&cpu_desc, cpu);
	struct { u16 limit; u64 base; } __packed ptr = { sizeof(d->gdt) - 1, (u64)d->gdt };

	__asm__ __volatile__(
		"lgdt %0\n\t"
		"mov %1, %%ds\n\tmov %1, %%es\n\tmov %1, %%ss\n\t"
		"pushq %2\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"ltr %w3"
		:: "m"(ptr), "r"((unsigned long)KERNEL_DS), "i"(KERNEL_CS), "r"(TSS_SEL)
		: "rax", "memory");
}
