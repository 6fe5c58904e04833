#ifndef _ASM_BARRIER_H
#define _ASM_BARRIER_H

/*
 * x86 is TSO: loads are not reordered with loads, stores not with stores;
 * only store->load needs a fence.  smp_mb() uses a LOCKed add on the stack
 * (cheaper than MFENCE, as Linux does).
 */
#define mb()		__asm__ __volatile__("mfence" ::: "memory")
#define rmb()		__asm__ __volatile__("lfence" ::: "memory")
#define wmb()		__asm__ __volatile__("sfence" ::: "memory")
#define smp_mb()	__asm__ __volatile__("lock; addl $0,-4(%%rsp)" ::: "memory", "cc")
#define smp_rmb()	__asm__ __volatile__("" ::: "memory")
#define smp_wmb()	__asm__ __volatile__("" ::: "memory")
#define smp_mb__before_atomic()	__asm__ __volatile__("" ::: "memory")
#define smp_mb__after_atomic()	__asm__ __volatile__("" ::: "memory")
#define smp_store_release(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define smp_load_acquire(p)	__atomic_load_n((p), __ATOMIC_ACQUIRE)
#define smp_store_mb(var, value) do { __atomic_exchange_n(&(var), (value), __ATOMIC_SEQ_CST); } while (0)
#define smp_cond_load_acquire(ptr, cond_expr) ({			\
	__typeof__(ptr) __PTR = (ptr);					\
	__typeof__(*ptr) VAL;						\
	for (;;) {							\
		VAL = smp_load_acquire(__PTR);				\
		if (cond_expr)						\
			break;						\
		__asm__ __volatile__("pause" ::: "memory");		\
	}								\
	VAL; })

#endif
