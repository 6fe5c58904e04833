/*
 * COM1 (16550A at I/O port 0x3F8): the console.
 *
 * Output is polled (wait for THR empty, then write), so printk works from
 * any context, including the panic path with other CPUs stopped.  Input
 * is interrupt driven: IRQ 4 (through the IOAPIC) drains the receive FIFO
 * into a ring buffer that serial_getc() reads.
 *
 * Locking: rx_lock (irqsave) protects rx_buf/rx_head/rx_tail.  Output is
 * serialised by the printk lock above it, not here.
 */
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <asm/io.h>
#include <asm/serial.h>
#include <asm/irq.h>

#define COM1		0x3F8
#define UART_RBR	0
#define UART_THR	0
#define UART_IER	1
#define UART_FCR	2
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5
#define LSR_DR		0x01
#define LSR_THRE	0x20

#define RX_SIZE 1024
static DEFINE_RAW_SPINLOCK(rx_lock);
static char rx_buf[RX_SIZE];		/* rx_lock */
static unsigned int rx_head, rx_tail;	/* rx_lock */

void serial_init(void)
{
	outb(0x00, COM1 + UART_IER);	/* no interrupts yet */
	outb(0x80, COM1 + UART_LCR);	/* DLAB */
	outb(0x01, COM1 + 0);		/* divisor 1: 115200 baud */
	outb(0x00, COM1 + 1);
	outb(0x03, COM1 + UART_LCR);	/* 8N1 */
	outb(0xC7, COM1 + UART_FCR);	/* FIFO on, cleared, 14-byte trigger */
	outb(0x0B, COM1 + UART_MCR);	/* DTR, RTS, OUT2 (IRQ line enable) */
}

void serial_putc(char c)
{
	for (int spins = 0; !(inb(COM1 + UART_LSR) & LSR_THRE) && spins < 100000; spins++)
		__asm__ __volatile__("pause");
	outb(c, COM1 + UART_THR);
}

void serial_write(const char *s, size_t n)
{
	for (; n; n--, s++) {
		if (*s == '\n')
			serial_putc('\r');
		serial_putc(*s);
	}
}

static void serial_irq(struct pt_regs *regs)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&rx_lock, flags);
	while (inb(COM1 + UART_LSR) & LSR_DR) {
		char c = inb(COM1 + UART_RBR);
		if (rx_head - rx_tail < RX_SIZE)
			rx_buf[rx_head++ % RX_SIZE] = c;
	}
	raw_spin_unlock_irqrestore(&rx_lock, flags);
	serial_rx_notify();
}

void serial_enable_rx_irq(void)
{
	irq_register_isa(4, serial_irq);
	outb(0x01, COM1 + UART_IER);	/* data-available interrupt */
}

int serial_getc(void)
{
	unsigned long flags;
	int c = -1;

	raw_spin_lock_irqsave(&rx_lock, flags);
	if (rx_tail != rx_head)
		c = (unsigned char)rx_buf[rx_tail++ % RX_SIZE];
	raw_spin_unlock_irqrestore(&rx_lock, flags);
	return c;
}

bool serial_input_pending(void)
{
	return READ_ONCE(rx_head) != READ_ONCE(rx_tail);
}
