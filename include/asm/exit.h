#ifndef _ASM_EXIT_H
#define _ASM_EXIT_H

/*
 * QEMU's isa-debug-exit device (iobase 0xf4): writing v ends QEMU with
 * status (v << 1) | 1.  Distinct codes so that a panic never looks like
 * success: pass 0x10 -> 33, tests failed 0x11 -> 35, panic 0x12 -> 37.
 */
#define QEMU_EXIT_PORT		0xf4
#define QEMU_EXIT_PASS		0x10
#define QEMU_EXIT_FAIL		0x11
#define QEMU_EXIT_PANIC		0x12

void qemu_exit(int code);
const char *current_comm(void);
int current_pid(void);
bool panic_in_progress(void);
void panic_stop_self(unsigned long rip, unsigned long rbp);

#endif
