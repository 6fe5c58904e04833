/*
 * The IDT, exception handling and the oops report.
 *
 * Every vector goes through entry.asm to do_interrupt().  Exceptions
 * (0-31) in the kernel are fatal: we print an oops (what happened, the
 * error code and CR2, all registers, CPU and task, a symbolized backtrace
 * of the faulting context) and panic.  The NMI may also be a panicking
 * CPU asking us to stop.  Double fault and NMI run on their own IST
 * stacks, so a blown kernel stack still gets reported: a fault in a stack
 * guard page is named as a stack overflow of the current task.
 *
 * Device interrupts and IPIs (32-255) are dispatched through
 * vector_handlers[], written at init (I: set before the vector is
 * unmasked, read-only after) and run with hard-IRQ accounting in
 * preempt_count.
 */
#include <linux/kernel.h>
#include <linux/context_tracking_irq.h>
#include <linux/smp.h>
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/irqflags.h>
#include <asm/ptrace.h>
#include <asm/irq.h>
#include <asm/processor.h>
#include <asm/stacktrace.h>
#include <asm/desc.h>
#include <asm/apic.h>
#include <asm/exit.h>
#include <linux/interrupt.h>
#include <kernel/mm.h>
#include <kernel/softirq.h>


_Static_assert(offsetof(struct pt_regs, vector) == 15 * 8, "pt_regs layout vs entry.asm");
_Static_assert(offsetof(struct pt_regs, rip) == 17 * 8, "pt_regs layout vs entry.asm");
_Static_assert(sizeof(struct pt_regs) == 22 * 8, "pt_regs layout vs entry.asm");

struct idt_entry {
	u16 off_lo;
	u16 sel;
	u8 ist;
	u8 type;
	u16 off_mid;
	u32 off_hi;
	u32 zero;
} __packed;

static struct idt_entry idt[256] __aligned(16);
static irq_handler_fn vector_handlers[256];
extern const unsigned long isr_stub_table[256];
static int oops_count;
extern int oops_in_progress;

static const char *const exc_names[32] = {
	"divide error", "debug", "NMI", "int3", "overflow", "bounds", "invalid opcode",
	"device not available", "double fault", "coprocessor segment overrun", "invalid TSS",
	"segment not present", "stack segment", "general protection fault", "page fault",
	"reserved", "x87 FPU error", "alignment check", "machine check", "SIMD exception",
	"virtualization", "control protection", "reserved", "reserved", "reserved", "reserved",
	"reserved", "reserved", "hypervisor injection", "VMM communication", "security", "reserved",
};

void irq_set_handler(int vector, irq_handler_fn fn)
{
	vector_handlers[vector] = fn;
}

static void set_gate(int vec, unsigned long addr, int ist)
{
	idt[vec] = (struct idt_entry){
		.off_lo = addr & 0xffff,
		.sel = KERNEL_CS,
		.ist = ist,
		.type = 0x8e,	/* present, DPL 0, 64-bit interrupt gate */
		.off_mid = (addr >> 16) & 0xffff,
		.off_hi = addr >> 32,
	};
}

void idt_init(void)
{
	for (int v = 0; v < 256; v++)
		set_gate(v, isr_stub_table[v], 0);
	set_gate(2, isr_stub_table[2], IST_NMI);
	set_gate(8, isr_stub_table[8], IST_DOUBLE_FAULT);
	set_gate(18, isr_stub_table[18], IST_NMI);
	idt_load();
}

void idt_load(void)
{
	struct { u16 limit; u64 base; } __packed ptr = { sizeof(idt) - 1, (u64)idt };

	__asm__ __volatile__("lidt %0" :: "m"(ptr));
}

void show_regs(struct pt_regs *r)
{
	printk(KERN_EMERG "RIP: %04lx:%pS\n", r->cs, (void *)r->rip);
	printk(KERN_EMERG "RSP: %016lx EFLAGS: %08lx\n", r->rsp, r->rflags);
	printk(KERN_EMERG "RAX: %016lx RBX: %016lx RCX: %016lx\n", r->rax, r->rbx, r->rcx);
	printk(KERN_EMERG "RDX: %016lx RSI: %016lx RDI: %016lx\n", r->rdx, r->rsi, r->rdi);
	printk(KERN_EMERG "RBP: %016lx R08: %016lx R09: %016lx\n", r->rbp, r->r8, r->r9);
	printk(KERN_EMERG "R10: %016lx R11: %016lx R12: %016lx\n", r->r10, r->r11, r->r12);
	printk(KERN_EMERG "R13: %016lx R14: %016lx R15: %016lx\n", r->r13, r->r14, r->r15);
	printk(KERN_EMERG "CR0: %016lx CR2: %016lx CR3: %016lx CR4: %016lx\n",
	       read_cr0(), read_cr2(), read_cr3(), read_cr4());
}

static __noreturn void oops(struct pt_regs *r, const char *what)
{
	unsigned long cr2 = read_cr2();

	WRITE_ONCE(oops_in_progress, 1);
	if (r->vector == 14) {
		printk(KERN_EMERG "BUG: unable to handle page fault for address: %016lx\n", cr2);
		printk(KERN_EMERG "#PF: supervisor %s access in kernel mode, %s\n",
		       (r->error_code & 0x10) ? "instruction fetch" :
		       (r->error_code & 2) ? "write" : "read",
		       (r->error_code & 1) ? "protection violation" : "page not present");
	}
	if (stack_guard_hit(cr2) || stack_guard_hit(r->rsp))
		printk(KERN_EMERG "BUG: kernel stack overflow in task %s/%d (guard page hit at %016lx)\n",
		       current_comm(), current_pid(), cr2);
	printk(KERN_EMERG "Oops: %s: %04lx [#%d] SMP\n", what, r->error_code, ++oops_count);
	printk(KERN_EMERG "CPU: %d PID: %d Comm: %s\n", smp_processor_id(), current_pid(),
	       current_comm());
	show_regs(r);
	show_stack_from(r->rip, r->rbp, KERN_EMERG);
	panic("Fatal exception: %s", what);
}

static void do_exception(struct pt_regs *r)
{
	if (r->vector == 2) {
		if (panic_in_progress())
			panic_stop_self(r->rip, r->rbp);
		printk(KERN_WARNING "NMI received on CPU %d, ignored\n", smp_processor_id());
		return;
	}
	oops(r, exc_names[r->vector]);
}

/* Called from entry.asm with interrupts disabled. */
void do_interrupt(struct pt_regs *r)
{
	unsigned long v = r->vector;
	irq_handler_fn fn;

	if (v < 32) {
		do_exception(r);
		return;
	}
	if (v == SPURIOUS_VECTOR)
		return;		/* no EOI for the spurious vector */
	ct_irq_enter();		/* out of an idle halt: RCU must watch again */
	preempt_count_add(HARDIRQ_OFFSET);
	fn = vector_handlers[v];
	if (fn)
		fn(r);
	else
		printk(KERN_WARNING "irq: unexpected vector %#lx on CPU %d\n", v, smp_processor_id());
	lapic_eoi();
	preempt_count_sub(HARDIRQ_OFFSET);
	irq_exit_softirq();
	irq_exit_check_resched(r);
}
