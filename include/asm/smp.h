#ifndef _ASM_SMP_H
#define _ASM_SMP_H

#include <linux/types.h>
#include <linux/threads.h>

/* Arch side of SMP (arch/x86_64/kernel/smpboot.c). */
extern u32 cpu_apic_id[NR_CPUS];
void setup_per_cpu_areas(void);
void cpu_init_this(int cpu);		/* GS base, descriptors, LAPIC */
int arch_boot_secondary_cpus(unsigned int max_cpus);
void arch_send_call_function_ipi(int cpu);
void arch_send_reschedule(int cpu);
void arch_send_stop_all_but_self(void);
extern u64 boot_all_online_us;
void boot_cpu_percpu_init(void);
void ap_start_kernel(int cpu);

#endif
