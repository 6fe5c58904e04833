/*
 * Interrupt controllers: the local APIC of each CPU (xAPIC, MMIO), the
 * IOAPIC for device interrupts, and the legacy 8259 PICs, which are
 * remapped off the exception vectors and fully masked.
 *
 * The LAPIC register page is mapped once, uncached (ioremap), and shared:
 * every CPU sees its own LAPIC at the same physical address.  ICR writes
 * (IPIs) are done with interrupts off so that the two halves of the ICR
 * are not interleaved with an IPI sent from an interrupt handler on the
 * same CPU.
 *
 * Locking: ioapic_lock protects the IOAPIC's index/data register pair.
 */
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/irqflags.h>
#include <asm/apic.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/processor.h>

#define APIC_ID		0x20
#define APIC_EOI	0xB0
#define APIC_SVR	0xF0
#define APIC_ESR	0x280
#define APIC_ICR_LO	0x300
#define APIC_ICR_HI	0x310
#define APIC_LVT_TIMER	0x320
#define APIC_LVT_LINT0	0x350
#define APIC_LVT_LINT1	0x360
#define APIC_LVT_ERROR	0x370
#define APIC_TMICT	0x380
#define APIC_TMCCT	0x390
#define APIC_TDCR	0x3E0
#define ICR_BUSY	(1 << 12)
#define ICR_LEVEL_ASSERT (1 << 14)
#define ICR_ALL_BUT_SELF (3 << 18)

static volatile u8 *lapic;
static volatile u32 *ioapic;
static DEFINE_RAW_SPINLOCK(ioapic_lock);

static u32 lapic_read(u32 reg) { return readl(lapic + reg); }
static void lapic_write(u32 reg, u32 v) { writel(v, lapic + reg); }

bool lapic_available(void) { return lapic != NULL; }

/* The APIC ID from CPUID: usable before the LAPIC page is mapped. */
u32 lapic_id(void)
{
	u32 a, b, c, d;

	cpuid(1, 0, &a, &b, &c, &d);
	return b >> 24;
}

void lapic_eoi(void)
{
	lapic_write(APIC_EOI, 0);
}

void lapic_init(void)
{
	if (!lapic) {
		lapic = ioremap(madt.lapic_phys, 4096);
		if (!lapic)
			panic("apic: cannot map the local APIC");
	}
	wrmsr(MSR_APIC_BASE, rdmsr(MSR_APIC_BASE) | (1 << 11));	/* global enable */
	lapic_write(APIC_SVR, 0x100 | SPURIOUS_VECTOR);		/* software enable */
	lapic_write(APIC_LVT_TIMER, 1 << 16);			/* masked until started */
	lapic_write(APIC_LVT_LINT0, 1 << 16);
	lapic_write(APIC_LVT_LINT1, APIC_DM_NMI);
	lapic_write(APIC_LVT_ERROR, 1 << 16);
	lapic_write(APIC_ESR, 0);
	lapic_write(APIC_ESR, 0);
	lapic_eoi();
}

static void icr_wait(void)
{
	for (int i = 0; (lapic_read(APIC_ICR_LO) & ICR_BUSY) && i < 1000000; i++)
		cpu_relax();
}

void lapic_send_ipi(u32 apicid, u32 vector_and_mode)
{
	unsigned long flags;

	local_irq_save(flags);
	icr_wait();
	lapic_write(APIC_ICR_HI, apicid << 24);
	lapic_write(APIC_ICR_LO, vector_and_mode | ((vector_and_mode & 0x700) == APIC_DM_INIT ?
						    ICR_LEVEL_ASSERT : 0));
	local_irq_restore(flags);
}

void lapic_send_ipi_all_but_self(u32 vector_and_mode)
{
	unsigned long flags;

	local_irq_save(flags);
	icr_wait();
	lapic_write(APIC_ICR_HI, 0);
	lapic_write(APIC_ICR_LO, vector_and_mode | ICR_ALL_BUT_SELF);
	local_irq_restore(flags);
}

/* Periodic timer on LOCAL_TIMER_VECTOR, divide by 16. */
void lapic_timer_start(u32 initial_count)
{
	lapic_write(APIC_TDCR, 0x3);
	lapic_write(APIC_LVT_TIMER, LOCAL_TIMER_VECTOR | (1 << 17));
	lapic_write(APIC_TMICT, initial_count);
}

/*
 * Stop (0) or restart the periodic timer set up by lapic_timer_start():
 * one register write, the divider and LVT stay as they are (under QEMU
 * every LAPIC access is an emulated MMIO exit; idle CPUs do this on every
 * idle entry and exit).
 */
void lapic_timer_set_count(u32 initial_count)
{
	lapic_write(APIC_TMICT, initial_count);
}

/* One-shot, masked, from 0xffffffff: for calibration. */
void lapic_timer_oneshot_max(void)
{
	lapic_write(APIC_TDCR, 0x3);
	lapic_write(APIC_LVT_TIMER, 1 << 16);
	lapic_write(APIC_TMICT, 0xffffffff);
}

u32 lapic_timer_current(void)
{
	return lapic_read(APIC_TMCCT);
}

void pic_disable(void)
{
	/* ICW1-4: remap to 0x20/0x28, then mask every line */
	outb(0x11, 0x20); outb(0x11, 0xA0);
	outb(0x20, 0x21); outb(0x28, 0xA1);
	outb(4, 0x21);    outb(2, 0xA1);
	outb(1, 0x21);    outb(1, 0xA1);
	outb(0xff, 0x21); outb(0xff, 0xA1);
}

static void ioapic_write(u32 reg, u32 v)
{
	ioapic[0] = reg;
	ioapic[4] = v;
}

static u32 ioapic_read(u32 reg)
{
	ioapic[0] = reg;
	return ioapic[4];
}

void ioapic_init(void)
{
	int n;

	ioapic = ioremap(madt.ioapic_phys, 4096);
	if (!ioapic)
		panic("apic: cannot map the IOAPIC");
	n = ((ioapic_read(1) >> 16) & 0xff) + 1;
	for (int i = 0; i < n; i++) {
		ioapic_write(0x10 + 2 * i, 1 << 16);	/* masked */
		ioapic_write(0x11 + 2 * i, 0);
	}
}

/*
 * Route ISA IRQ irq (through the MADT's overrides) to vector
 * IRQ_VECTOR_BASE + irq on the boot CPU and install fn for it.
 */
int irq_register_isa(int irq, irq_handler_fn fn)
{
	unsigned long flags;
	u32 gsi, lo;
	u16 f;

	if (irq < 0 || irq >= 16 || !ioapic)
		return -EINVAL;
	gsi = madt.isa_gsi[irq] - madt.ioapic_gsi_base;
	f = madt.isa_flags[irq];
	lo = IRQ_VECTOR_BASE + irq;
	if ((f & 3) == 3)
		lo |= 1 << 13;		/* active low */
	if (((f >> 2) & 3) == 3)
		lo |= 1 << 15;		/* level triggered */
	irq_set_handler(IRQ_VECTOR_BASE + irq, fn);
	raw_spin_lock_irqsave(&ioapic_lock, flags);
	ioapic_write(0x11 + 2 * gsi, madt.apic_ids[0] << 24);
	ioapic_write(0x10 + 2 * gsi, lo);
	raw_spin_unlock_irqrestore(&ioapic_lock, flags);
	return 0;
}
