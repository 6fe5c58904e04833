#ifndef _ASM_PROCESSOR_H
#define _ASM_PROCESSOR_H

#include <linux/types.h>

/* A task's saved context while switched out (task_struct.thread). */
struct thread_struct {
	unsigned long sp;		/* saved stack pointer */
};

static inline void cpu_relax(void) { __asm__ __volatile__("pause" ::: "memory"); }

static inline u64 rdtsc(void)
{
	u32 lo, hi;
	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;
	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void wrmsr(u32 msr, u64 v)
{
	__asm__ __volatile__("wrmsr" :: "c"(msr), "a"((u32)v), "d"((u32)(v >> 32)) : "memory");
}

static inline void cpuid(u32 leaf, u32 sub, u32 *a, u32 *b, u32 *c, u32 *d)
{
	__asm__ __volatile__("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(sub));
}

static inline unsigned long read_cr2(void) { unsigned long v; __asm__ __volatile__("mov %%cr2, %0" : "=r"(v)); return v; }
static inline unsigned long read_cr3(void) { unsigned long v; __asm__ __volatile__("mov %%cr3, %0" : "=r"(v)); return v; }
static inline void write_cr3(unsigned long v) { __asm__ __volatile__("mov %0, %%cr3" :: "r"(v) : "memory"); }
static inline unsigned long read_cr0(void) { unsigned long v; __asm__ __volatile__("mov %%cr0, %0" : "=r"(v)); return v; }
static inline unsigned long read_cr4(void) { unsigned long v; __asm__ __volatile__("mov %%cr4, %0" : "=r"(v)); return v; }
static inline void write_cr4(unsigned long v) { __asm__ __volatile__("mov %0, %%cr4" :: "r"(v) : "memory"); }
static inline void invlpg(unsigned long addr) { __asm__ __volatile__("invlpg (%0)" :: "r"(addr) : "memory"); }
static inline unsigned long read_rbp(void) { unsigned long v; __asm__ __volatile__("mov %%rbp, %0" : "=r"(v)); return v; }
static inline unsigned long read_rsp(void) { unsigned long v; __asm__ __volatile__("mov %%rsp, %0" : "=r"(v)); return v; }

#define MSR_EFER		0xC0000080
#define MSR_FS_BASE		0xC0000100
#define MSR_GS_BASE		0xC0000101
#define MSR_KERNEL_GS_BASE	0xC0000102
#define MSR_APIC_BASE		0x1B

/* The CPU's halt-until-interrupt idle step, with interrupts enabled. */
static inline void arch_cpu_idle(void) { __asm__ __volatile__("sti; hlt" ::: "memory"); }
static inline void safe_halt(void) { arch_cpu_idle(); }
static inline void halt(void) { __asm__ __volatile__("hlt" ::: "memory"); }

#endif
