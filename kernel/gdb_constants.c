/*
 * Constants for the GDB helpers (tools/gdb/kernel-gdb.py), taken from the
 * kernel's own headers at build time: the helpers read these symbols from
 * build/kernel.elf instead of duplicating the values by hand.
 */
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/threads.h>
#include <kernel/sched.h>

#define GDB_CONST(name) \
	const unsigned long gdb_const_##name __used __section(".rodata.gdb") = (unsigned long)(name)

GDB_CONST(TASK_RUNNING);
GDB_CONST(TASK_INTERRUPTIBLE);
GDB_CONST(TASK_UNINTERRUPTIBLE);
GDB_CONST(TASK_PARKED);
GDB_CONST(TASK_DEAD);
GDB_CONST(TASK_WAKING);
GDB_CONST(TASK_NEW);
GDB_CONST(TASK_NOLOAD);
GDB_CONST(PF_IDLE);
GDB_CONST(PF_EXITING);
GDB_CONST(PF_WQ_WORKER);
GDB_CONST(PF_KTHREAD);
GDB_CONST(PF_NO_SETAFFINITY);
GDB_CONST(THREAD_SIZE);
GDB_CONST(NR_CPUS);
GDB_CONST(TASK_MAGIC);
