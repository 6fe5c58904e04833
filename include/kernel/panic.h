#ifndef _KERNEL_PANIC_H
#define _KERNEL_PANIC_H

/*
 * WARN()/BUG() counters (kernel/panic.c), so tests can assert that a
 * misuse was reported.
 */
extern unsigned long warn_count, bug_count;

#endif
