#ifndef _KERNEL_LOCKING_MUTEX_H
#define _KERNEL_LOCKING_MUTEX_H

/* Mutex internals for tests (kernel/locking/mutex.c). */
#include <linux/mutex.h>

#ifdef CONFIG_DEBUG_KERNEL
/*
 * Test hook: when set, the unlocker calls it right after it published a
 * handoff to a waiter, before the rest of the unlock.  A test uses it to
 * hold that point open.  Called with the mutex's wait_lock held: it must
 * not sleep.
 */
extern void (*mutex_handoff_hook)(struct mutex *lock);
#endif

#endif
