/*
 * Bringing up the application processors (APs).
 *
 * The boot CPU gives every CPU found in the MADT a per-CPU area (a copy of
 * the per-CPU section, reached through GS), an idle stack and descriptor
 * tables with guarded IST stacks, copies the trampoline below 1 MiB and
 * identity-maps it, then sends INIT to every AP, waits 10 ms, and sends
 * two STARTUP IPIs 200 us apart (the Intel MP protocol; an AP ignores
 * the second SIPI once it runs).  All APs start at once: each finds its
 * logical number from its APIC ID (ap_start64) and comes up in
 * ap_start_kernel(), marking itself online.  The boot CPU waits up to one
 * second; a CPU that has not arrived by then is reported and left out
 * (bringup_closed makes a late arrival park itself), and the trampoline
 * mapping is removed again.
 */
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/cpumask.h>
#include <linux/smp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/delay.h>
#include <linux/ktime.h>
#include <asm/smp.h>
#include <asm/apic.h>
#include <asm/desc.h>
#include <asm/irq.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/boot.h>
#include <asm/time.h>
#include <kernel/boot.h>
#include <kernel/mm.h>

_Static_assert(offsetof(struct pcpu_hot, this_cpu_off) == PCPU_HOT_THIS_CPU_OFF, "pcpu_hot");
_Static_assert(offsetof(struct pcpu_hot, cpu_number) == PCPU_HOT_CPU_NUMBER, "pcpu_hot");
_Static_assert(offsetof(struct pcpu_hot, preempt_count) == PCPU_HOT_PREEMPT_COUNT, "pcpu_hot");
_Static_assert(offsetof(struct pcpu_hot, current_task) == PCPU_HOT_CURRENT, "pcpu_hot");
_Static_assert(offsetof(struct pcpu_hot, top_of_stack) == PCPU_HOT_TOP_OF_STACK, "pcpu_hot");

__section(".data..percpu..first") struct pcpu_hot pcpu_hot;
unsigned long __per_cpu_offset[NR_CPUS];
u32 cpu_apic_id[NR_CPUS];			/* I: set before SIPI */
unsigned long ap_stack_top[NR_CPUS];		/* I: set before SIPI */
u32 nr_cpu_slots;				/* I */
static volatile bool bringup_closed;
u64 boot_all_online_us;

extern char __per_cpu_load[], __per_cpu_start[], __per_cpu_end[];
extern char trampoline_start[], trampoline_end[];
extern u64 tr_cr3, tr_entry;
extern void ap_start64(void);

static void pcpu_hot_init(int cpu)
{
	struct pcpu_hot *h = per_cpu_ptr(&pcpu_hot, cpu);

	h->this_cpu_off = __per_cpu_offset[cpu];
	h->cpu_number = cpu;
	h->preempt_count = 0;
}

/* The boot CPU's area is the loaded section itself; point GS at it. */
void boot_cpu_percpu_init(void)
{
	__per_cpu_offset[0] = (unsigned long)__per_cpu_load - (unsigned long)__per_cpu_start;
	wrmsr(MSR_GS_BASE, __per_cpu_offset[0]);
	pcpu_hot_init(0);
}

/* Give every possible CPU but the boot CPU a copy of the per-CPU image. */
void setup_per_cpu_areas(void)
{
	size_t size = __per_cpu_end - __per_cpu_start;
	unsigned int order = get_count_order(DIV_ROUND_UP(size, PAGE_SIZE));
	int cpu;

	for_each_possible_cpu(cpu) {
		void *area;

		if (cpu == 0)
			continue;
		area = (void *)__get_free_pages(GFP_KERNEL, order);
		if (!area)
			panic("smp: no memory for CPU %d's per-CPU area", cpu);
		memcpy(area, __per_cpu_load, size);
		__per_cpu_offset[cpu] = (unsigned long)area - (unsigned long)__per_cpu_start;
		pcpu_hot_init(cpu);
	}
}

/* Per-CPU hardware state, run by each CPU on itself. */
void cpu_init_this(int cpu)
{
	wrmsr(MSR_GS_BASE, __per_cpu_offset[cpu]);
	cpu_desc_load(cpu);
	idt_load();
	lapic_init();
}

void ap_start_kernel(int cpu)
{
	if (bringup_closed) {
		for (;;)
			halt();
	}
	cpu_init_this(cpu);
	lapic_timer_setup_this_cpu();
	ap_idle_entry(cpu);
}

int arch_boot_secondary_cpus(unsigned int max_cpus)
{
	u64 t0 = ktime_get_ns(), deadline;
	unsigned int want = min_t(unsigned int, madt.nr_cpus, max_cpus);
	int cpu;

	nr_cpu_slots = madt.nr_cpus;
	for (cpu = 0; cpu < madt.nr_cpus; cpu++)
		cpu_apic_id[cpu] = madt.apic_ids[cpu];
	if (want <= 1)
		return 0;

	for (cpu = 1; cpu < (int)want; cpu++) {
		void *stack = stack_alloc();

		if (!stack || cpu_desc_alloc(cpu)) {
			pr_err("smp: no memory to start CPU %d\n", cpu);
			want = cpu;
			break;
		}
		ap_stack_top[cpu] = (unsigned long)stack + THREAD_SIZE;
		per_cpu(pcpu_hot, cpu).top_of_stack = (unsigned long)stack + THREAD_SIZE;
	}

	memcpy(__va(TRAMPOLINE_PHYS), trampoline_start, trampoline_end - trampoline_start);
	*(u64 *)__va(TRAMPOLINE_PHYS + ((char *)&tr_cr3 - trampoline_start)) = kernel_pml4_phys();
	*(u64 *)__va(TRAMPOLINE_PHYS + ((char *)&tr_entry - trampoline_start)) = (u64)ap_start64;
	paging_map_trampoline(true);

	for (cpu = 1; cpu < (int)want; cpu++)
		lapic_send_ipi(cpu_apic_id[cpu], APIC_DM_INIT);
	mdelay(10);
	for (int round = 0; round < 2; round++) {
		for (cpu = 1; cpu < (int)want; cpu++)
			if (!cpu_online(cpu))
				lapic_send_ipi(cpu_apic_id[cpu], APIC_DM_STARTUP | (TRAMPOLINE_PHYS >> 12));
		udelay(200);
	}

	deadline = ktime_get_ns() + NSEC_PER_SEC;
	while (num_online_cpus() < want && ktime_get_ns() < deadline)
		cpu_relax();
	bringup_closed = true;
	for (cpu = 1; cpu < (int)want; cpu++)
		if (!cpu_online(cpu))
			pr_err("smp: CPU %d (APIC %u) did not start; continuing without it\n",
			       cpu, cpu_apic_id[cpu]);
	paging_map_trampoline(false);
	pr_info("smp: started %u of %u CPUs in %llu us\n", num_online_cpus(), want,
		(unsigned long long)(ktime_get_ns() - t0) / 1000);
	return 0;
}

void arch_send_call_function_ipi(int cpu)
{
	lapic_send_ipi(cpu_apic_id[cpu], CALL_FUNCTION_VECTOR);
}

void arch_send_reschedule(int cpu)
{
	lapic_send_ipi(cpu_apic_id[cpu], RESCHEDULE_VECTOR);
}

void arch_send_stop_all_but_self(void)
{
	if (lapic_available())
		lapic_send_ipi_all_but_self(APIC_DM_NMI);
}
