/*
 * Spinlock operations and the debug checks (see linux/spinlock.h).
 *
 * Debug builds record the owning CPU and the caller of the lock
 * operation.  Reported, with a backtrace:
 *   - recursion: this CPU already holds the lock it is about to spin on
 *     (that spin would never end: report, then panic);
 *   - unlock of a lock that is not held, or held by another CPU (WARN,
 *     then unlock anyway so the system keeps going);
 *   - a spin longer than SPIN_REPORT_NS (suspected lockup: report the
 *     owner once, keep spinning).
 */
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/smp.h>
#include <linux/ktime.h>
#include <asm/processor.h>

#define SPIN_REPORT_NS	(5ULL * NSEC_PER_SEC)

void __raw_spin_lock_init(raw_spinlock_t *lock, const char *name)
{
	lock->val = 0;
#ifdef CONFIG_DEBUG_KERNEL
	lock->owner_cpu = -1;
	lock->magic = SPINLOCK_MAGIC;
	lock->name = name;
	lock->owner_pc = NULL;
	lock->class_id = 0;
#endif
}

#ifdef CONFIG_DEBUG_KERNEL
static void spin_bug(raw_spinlock_t *lock, const char *msg)
{
	WARN(1, "spinlock %s: %s (lock %px, owner cpu %d, taken at %pS) on CPU %d",
	     lock->name ? lock->name : "?", msg, lock, lock->owner_cpu, lock->owner_pc,
	     raw_smp_processor_id());
}
#endif

bool raw_spin_held_by_me(raw_spinlock_t *lock)
{
#ifdef CONFIG_DEBUG_KERNEL
	return raw_spin_is_locked(lock) && READ_ONCE(lock->owner_cpu) == raw_smp_processor_id();
#else
	return raw_spin_is_locked(lock);
#endif
}

noinline void do_raw_spin_lock(raw_spinlock_t *lock)
{
#ifdef CONFIG_DEBUG_KERNEL
	if (unlikely(lock->magic != SPINLOCK_MAGIC))
		spin_bug(lock, "bad magic (uninitialised or corrupted)");
	if (unlikely(raw_spin_held_by_me(lock))) {
		spin_bug(lock, "recursion");
		panic("spinlock recursion on %s", lock->name ? lock->name : "?");
	}
#endif
	if (unlikely(__atomic_exchange_n(&lock->val, 1, __ATOMIC_ACQUIRE))) {
		u64 start = ktime_get_ns();
		bool reported = false;

		do {
			while (READ_ONCE(lock->val)) {
				cpu_relax();
				if (!reported && ktime_get_ns() - start > SPIN_REPORT_NS) {
					reported = true;
#ifdef CONFIG_DEBUG_KERNEL
					spin_bug(lock, "lockup suspected");
#endif
				}
			}
		} while (__atomic_exchange_n(&lock->val, 1, __ATOMIC_ACQUIRE));
	}
#ifdef CONFIG_DEBUG_KERNEL
	lock->owner_cpu = raw_smp_processor_id();
	lock->owner_pc = __builtin_return_address(0);
	lockdep_acquired(lock, false);
#endif
}

bool do_raw_spin_trylock(raw_spinlock_t *lock)
{
	if (READ_ONCE(lock->val) || __atomic_exchange_n(&lock->val, 1, __ATOMIC_ACQUIRE))
		return false;
#ifdef CONFIG_DEBUG_KERNEL
	lock->owner_cpu = raw_smp_processor_id();
	lock->owner_pc = __builtin_return_address(0);
	lockdep_acquired(lock, true);
#endif
	return true;
}

noinline void do_raw_spin_unlock(raw_spinlock_t *lock)
{
#ifdef CONFIG_DEBUG_KERNEL
	if (unlikely(!raw_spin_is_locked(lock)))
		spin_bug(lock, "unlock of a lock that is not held");
	else if (unlikely(lock->owner_cpu != raw_smp_processor_id()))
		spin_bug(lock, "unlock by a CPU that does not own it");
	lock->owner_cpu = -1;
	lock->owner_pc = NULL;
	if (!raw_spin_is_locked(lock))
		return;
	lockdep_released(lock);
#endif
	smp_store_release(&lock->val, 0);
}
