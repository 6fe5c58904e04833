#ifndef _ASM_SERIAL_H
#define _ASM_SERIAL_H

#include <linux/types.h>

/* The 16550 UART on COM1: polled output, interrupt-driven input. */
void serial_init(void);
void serial_enable_rx_irq(void);
void serial_putc(char c);
void serial_write(const char *s, size_t n);
int serial_getc(void);		/* -1 when nothing is buffered */
bool serial_input_pending(void);

#endif
