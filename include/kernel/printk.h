#ifndef _KERNEL_PRINTK_H
#define _KERNEL_PRINTK_H

/* This kernel's own console and log-buffer interfaces (kernel/printk.c). */
#include <linux/types.h>

size_t log_buf_copy(char *dst, size_t size, unsigned long long *pos);
void console_write_raw(const char *s, size_t len);

#endif
