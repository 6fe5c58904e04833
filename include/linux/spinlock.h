#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include <linux/bug.h>
#include <asm/barrier.h>

/*
 * Test-and-test-and-set spinlocks: one 32-bit lock word, 0 free, 1 held.
 * A CPU takes the lock with XCHG; while it is held, waiters spin reading
 * (no bus-locked traffic) and retry when it looks free.  Unlock is a
 * release store of 0 by the owner.
 *
 * Why not a fair (ticket or queued) lock: this kernel always runs on
 * virtual CPUs, usually more of them than host cores.  A fair lock hands
 * the lock to one particular waiter; if the host has descheduled that
 * vCPU, everyone waits a host time slice for it (measured here: 8 vCPUs
 * on 2 cores, 24000 contended acquisitions took 74 s with a ticket lock).
 * With test-and-set any running waiter can take it.  Linux makes the
 * same choice on hypervisors without paravirtual spinlocks
 * (virt_spin_lock()).  Critical sections are short, so starvation is not
 * a practical concern; the debug build reports a spin of several seconds.
 *
 * Taking a lock disables preemption (the holder must not be switched
 * out); the _irq/_irqsave variants also disable local interrupts, which
 * is required for any lock also taken from an interrupt handler.
 *
 * Debug builds (CONFIG_DEBUG_KERNEL) record the owner CPU and report,
 * with a backtrace, recursion on the same CPU (then panic: it would
 * deadlock), unlock of a lock not held or held by another CPU (WARN),
 * and a spin that lasts more than a few seconds (suspected lockup).
 */
typedef struct raw_spinlock {
	u32 val;		/* 0: free, 1: held */
#ifdef CONFIG_DEBUG_KERNEL
	s16 owner_cpu;		/* -1 when free */
	u16 magic;
	u16 class_id;		/* lock-order checker class + 1, 0 until first use */
	const char *name;
	void *owner_pc;
#endif
} raw_spinlock_t;

typedef struct spinlock {
	raw_spinlock_t rlock;
} spinlock_t;

#define SPINLOCK_MAGIC 0xdead

#ifdef CONFIG_DEBUG_KERNEL
#define __RAW_SPIN_LOCK_UNLOCKED(lockname) \
	{ .val = 0, .owner_cpu = -1, .magic = SPINLOCK_MAGIC, .name = #lockname }
#else
#define __RAW_SPIN_LOCK_UNLOCKED(lockname) { .val = 0 }
#endif
#define __SPIN_LOCK_UNLOCKED(lockname) { .rlock = __RAW_SPIN_LOCK_UNLOCKED(lockname) }
#define DEFINE_RAW_SPINLOCK(x)	raw_spinlock_t x = __RAW_SPIN_LOCK_UNLOCKED(x)
#define DEFINE_SPINLOCK(x)	spinlock_t x = __SPIN_LOCK_UNLOCKED(x)

void __raw_spin_lock_init(raw_spinlock_t *lock, const char *name);
#define raw_spin_lock_init(l)	__raw_spin_lock_init((l), #l)
#define spin_lock_init(l)	__raw_spin_lock_init(&(l)->rlock, #l)

void do_raw_spin_lock(raw_spinlock_t *lock);
#ifdef CONFIG_DEBUG_KERNEL
void lockdep_acquired(raw_spinlock_t *lock, bool trylock);
void lockdep_released(raw_spinlock_t *lock);
void lockdep_disable(void);
int lockdep_nr_classes(void);
extern unsigned long lockdep_reports;
extern unsigned long lockdep_reports_expected;	/* tests that provoke a report add one */
#endif
bool do_raw_spin_trylock(raw_spinlock_t *lock);
void do_raw_spin_unlock(raw_spinlock_t *lock);

static inline bool raw_spin_is_locked(raw_spinlock_t *lock)
{
	return READ_ONCE(lock->val) != 0;
}
static inline bool raw_spin_is_contended(raw_spinlock_t *lock)
{
	(void)lock;
	return false;	/* waiters are not counted */
}

#define raw_spin_lock(l)	do { preempt_disable(); do_raw_spin_lock(l); } while (0)
#define raw_spin_unlock(l)	do { do_raw_spin_unlock(l); preempt_enable(); } while (0)
#define raw_spin_trylock(l) ({						\
	bool __ok;							\
	preempt_disable();						\
	__ok = do_raw_spin_trylock(l);					\
	if (!__ok)							\
		preempt_enable();					\
	__ok; })
#define raw_spin_lock_irq(l)	do { local_irq_disable(); raw_spin_lock(l); } while (0)
#define raw_spin_unlock_irq(l)	do { raw_spin_unlock(l); local_irq_enable(); } while (0)
#define raw_spin_lock_irqsave(l, flags) \
	do { local_irq_save(flags); raw_spin_lock(l); } while (0)
#define raw_spin_unlock_irqrestore(l, flags) \
	do { do_raw_spin_unlock(l); local_irq_restore(flags); preempt_enable(); } while (0)
#define raw_spin_trylock_irqsave(l, flags) ({				\
	bool __ok;							\
	local_irq_save(flags);						\
	__ok = raw_spin_trylock(l);					\
	if (!__ok)							\
		local_irq_restore(flags);				\
	__ok; })
#define raw_spin_lock_nested(l, sub)	raw_spin_lock(l)

#define spin_lock(l)			raw_spin_lock(&(l)->rlock)
#define spin_unlock(l)			raw_spin_unlock(&(l)->rlock)
#define spin_trylock(l)			raw_spin_trylock(&(l)->rlock)
#define spin_lock_irq(l)		raw_spin_lock_irq(&(l)->rlock)
#define spin_unlock_irq(l)		raw_spin_unlock_irq(&(l)->rlock)
#define spin_lock_irqsave(l, f)		raw_spin_lock_irqsave(&(l)->rlock, f)
#define spin_unlock_irqrestore(l, f)	raw_spin_unlock_irqrestore(&(l)->rlock, f)
#define spin_trylock_irqsave(l, f)	raw_spin_trylock_irqsave(&(l)->rlock, f)
#define spin_lock_bh(l)			spin_lock(l)
#define spin_unlock_bh(l)		spin_unlock(l)
#define spin_lock_nested(l, s)		spin_lock(l)
#define spin_is_locked(l)		raw_spin_is_locked(&(l)->rlock)
#define spin_is_contended(l)		raw_spin_is_contended(&(l)->rlock)

/*
 * Contract checks: the lock is held (by this CPU, in debug builds; a
 * mutex: by the current task, kernel/locking/mutex.c).
 */
struct mutex;
bool raw_spin_held_by_me(raw_spinlock_t *lock);
bool __mutex_held_by_me(const struct mutex *lock);
#define lockdep_assert_held(l) WARN_ON_ONCE(!_Generic((l),			\
	struct mutex *: __mutex_held_by_me((const struct mutex *)(const void *)(l)), \
	const struct mutex *: __mutex_held_by_me((const struct mutex *)(const void *)(l)), \
	default: raw_spin_held_by_me(__lock_to_raw(l))))
#define __lock_to_raw(l) _Generic((l),					\
	spinlock_t *: &((spinlock_t *)(void *)(l))->rlock,		\
	raw_spinlock_t *: (raw_spinlock_t *)(void *)(l),		\
	default: (raw_spinlock_t *)(void *)(l))

#endif
