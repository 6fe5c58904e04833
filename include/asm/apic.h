#ifndef _ASM_APIC_H
#define _ASM_APIC_H

#include <linux/types.h>
#include <linux/threads.h>

/* Local APIC (xAPIC, MMIO) and IOAPIC (arch/x86_64/kernel/apic.c). */
#define APIC_DM_FIXED	0x000
#define APIC_DM_NMI	0x400
#define APIC_DM_INIT	0x500
#define APIC_DM_STARTUP	0x600

void lapic_init(void);		/* this CPU */
void lapic_eoi(void);
u32 lapic_id(void);
void lapic_send_ipi(u32 apicid, u32 vector_and_mode);
void lapic_send_ipi_all_but_self(u32 vector_and_mode);
bool lapic_available(void);
void lapic_timer_start(u32 initial_count);
void lapic_timer_set_count(u32 initial_count);
u32 lapic_timer_current(void);
void lapic_timer_oneshot_max(void);

void ioapic_init(void);
void pic_disable(void);

/* Filled from the ACPI MADT (arch/x86_64/kernel/acpi.c). */
struct madt_info {
	bool found;
	phys_addr_t lapic_phys;
	phys_addr_t ioapic_phys;
	u32 ioapic_gsi_base;
	int nr_cpus;			/* usable CPUs kept, <= NR_CPUS */
	int nr_ignored;			/* CPUs beyond NR_CPUS */
	u32 apic_ids[NR_CPUS];		/* index = logical CPU; [0] = boot CPU */
	u32 isa_gsi[16];		/* ISA IRQ -> GSI */
	u16 isa_flags[16];		/* polarity/trigger from overrides */
};
extern struct madt_info madt;
void acpi_init(void);

#endif
