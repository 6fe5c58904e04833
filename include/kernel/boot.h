#ifndef _KERNEL_BOOT_H
#define _KERNEL_BOOT_H

#include <linux/types.h>

/* This kernel's boot-flow entry points shared between arch/ and kernel/ (kernel/main.c). */
void start_kernel(u32 magic, u32 mbi);
void smp_init(void);
void ap_idle_entry(int cpu) __attribute__((__noreturn__));
void console_loop(void) __attribute__((__noreturn__));
void crashtest_page_fault(void);
int crashtest_recurse(volatile char *prev, int depth);
extern u64 boot_to_online_us;
extern int expect_cpus;

#endif
