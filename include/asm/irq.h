#ifndef _ASM_IRQ_H
#define _ASM_IRQ_H

#include <linux/types.h>
#include <asm/ptrace.h>

/*
 * Vector map:
 *   0x00-0x1f  exceptions
 *   0x20-0x2f  legacy PIC (remapped here, then masked: never delivered)
 *   0x30-0x4f  IOAPIC interrupts: ISA IRQ n -> 0x30 + n
 *   0xec       LAPIC timer (the tick)
 *   0xfb       stop this CPU (panic)
 *   0xfc       call-function IPI
 *   0xfd       reschedule IPI
 *   0xfe       TLB flush / spare
 *   0xff       spurious
 */
#define IRQ_VECTOR_BASE		0x30
#define LOCAL_TIMER_VECTOR	0xec
#define STOP_VECTOR		0xfb
#define CALL_FUNCTION_VECTOR	0xfc
#define RESCHEDULE_VECTOR	0xfd
#define SPURIOUS_VECTOR		0xff

typedef void (*irq_handler_fn)(struct pt_regs *regs);

void idt_init(void);
void idt_load(void);
void irq_set_handler(int vector, irq_handler_fn fn);
int irq_register_isa(int isa_irq, irq_handler_fn fn);
void serial_rx_notify(void);
void do_interrupt(struct pt_regs *regs);
void irq_exit_check_resched(struct pt_regs *regs);

#endif
