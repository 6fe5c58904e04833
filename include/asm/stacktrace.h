#ifndef _ASM_STACKTRACE_H
#define _ASM_STACKTRACE_H

#include <linux/types.h>

/*
 * Frame-pointer unwinding.  The kernel is built with frame pointers, so
 * every frame is [saved rbp][return address]; interrupt entry builds a
 * fake frame so traces continue through interrupts.
 */
void dump_stack(void);
void show_stack_from(unsigned long rip, unsigned long rbp, const char *log_lvl);
int stack_trace_save_from(unsigned long rbp, unsigned long *entries, int max);

#endif
