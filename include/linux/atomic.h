#ifndef _LINUX_ATOMIC_H
#define _LINUX_ATOMIC_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/barrier.h>

/*
 * Linux's atomic_t API on the compiler's __atomic builtins.  As in Linux,
 * operations that return a value are fully ordered; the void ones
 * (atomic_inc, atomic_add, ...) imply no ordering (on x86 a LOCKed
 * instruction is a full barrier anyway).
 */
#define ATOMIC_INIT(i)	{ (i) }

#define __ATOMIC_OPS(pfx, atype, t)					\
static inline t pfx##_read(const atype *v) { return READ_ONCE(v->counter); } \
static inline void pfx##_set(atype *v, t i) { WRITE_ONCE(v->counter, i); } \
static inline void pfx##_add(t i, atype *v) { __atomic_fetch_add(&v->counter, i, __ATOMIC_RELAXED); } \
static inline void pfx##_sub(t i, atype *v) { __atomic_fetch_sub(&v->counter, i, __ATOMIC_RELAXED); } \
static inline void pfx##_inc(atype *v) { pfx##_add(1, v); }		\
static inline void pfx##_dec(atype *v) { pfx##_sub(1, v); }		\
static inline void pfx##_and(t i, atype *v) { __atomic_fetch_and(&v->counter, i, __ATOMIC_RELAXED); } \
static inline void pfx##_or(t i, atype *v) { __atomic_fetch_or(&v->counter, i, __ATOMIC_RELAXED); } \
static inline void pfx##_xor(t i, atype *v) { __atomic_fetch_xor(&v->counter, i, __ATOMIC_RELAXED); } \
static inline void pfx##_andnot(t i, atype *v) { __atomic_fetch_and(&v->counter, ~i, __ATOMIC_RELAXED); } \
static inline t pfx##_fetch_xor(t i, atype *v) { return __atomic_fetch_xor(&v->counter, i, __ATOMIC_SEQ_CST); } \
static inline t pfx##_fetch_andnot(t i, atype *v) { return __atomic_fetch_and(&v->counter, ~i, __ATOMIC_SEQ_CST); } \
static inline t pfx##_add_return(t i, atype *v) { return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST); } \
static inline t pfx##_sub_return(t i, atype *v) { return __atomic_sub_fetch(&v->counter, i, __ATOMIC_SEQ_CST); } \
static inline t pfx##_fetch_add(t i, atype *v) { return __atomic_fetch_add(&v->counter, i, __ATOMIC_SEQ_CST); } \
static inline t pfx##_fetch_sub(t i, atype *v) { return __atomic_fetch_sub(&v->counter, i, __ATOMIC_SEQ_CST); } \
static inline t pfx##_fetch_or(t i, atype *v) { return __atomic_fetch_or(&v->counter, i, __ATOMIC_SEQ_CST); } \
static inline t pfx##_fetch_and(t i, atype *v) { return __atomic_fetch_and(&v->counter, i, __ATOMIC_SEQ_CST); } \
static inline t pfx##_inc_return(atype *v) { return pfx##_add_return(1, v); } \
static inline t pfx##_dec_return(atype *v) { return pfx##_sub_return(1, v); } \
static inline t pfx##_fetch_inc(atype *v) { return pfx##_fetch_add(1, v); } \
static inline t pfx##_fetch_dec(atype *v) { return pfx##_fetch_sub(1, v); } \
static inline bool pfx##_inc_and_test(atype *v) { return pfx##_inc_return(v) == 0; } \
static inline bool pfx##_dec_and_test(atype *v) { return pfx##_dec_return(v) == 0; } \
static inline bool pfx##_sub_and_test(t i, atype *v) { return pfx##_sub_return(i, v) == 0; } \
static inline t pfx##_xchg(atype *v, t n) { return __atomic_exchange_n(&v->counter, n, __ATOMIC_SEQ_CST); } \
static inline t pfx##_cmpxchg(atype *v, t o, t n)			\
{									\
	__atomic_compare_exchange_n(&v->counter, &o, n, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); \
	return o;							\
}									\
static inline bool pfx##_try_cmpxchg(atype *v, t *o, t n)		\
{									\
	return __atomic_compare_exchange_n(&v->counter, o, n, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); \
}									\
static inline bool pfx##_add_unless(atype *v, t a, t u)			\
{									\
	t c = pfx##_read(v);						\
	do {								\
		if (c == u)						\
			return false;					\
	} while (!pfx##_try_cmpxchg(v, &c, c + a));			\
	return true;							\
}									\
static inline bool pfx##_inc_not_zero(atype *v) { return pfx##_add_unless(v, 1, 0); }

__ATOMIC_OPS(atomic, atomic_t, int)
__ATOMIC_OPS(atomic_long, atomic_long_t, long)
__ATOMIC_OPS(atomic64, atomic64_t, s64)

#define xchg(ptr, v)	__atomic_exchange_n((ptr), (v), __ATOMIC_SEQ_CST)
#define cmpxchg(ptr, o, n) ({						\
	__typeof__(*(ptr)) __o = (o);					\
	__atomic_compare_exchange_n((ptr), &__o, (n), false,		\
				    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); \
	__o; })
#define try_cmpxchg(ptr, po, n)						\
	__atomic_compare_exchange_n((ptr), (po), (n), false,		\
				    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)

#endif
