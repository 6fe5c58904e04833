#ifndef _LINUX_REFCOUNT_H
#define _LINUX_REFCOUNT_H

/*
 * refcount_t: a reference count that refuses to wrap (Linux's
 * linux/refcount.h).  An increment from 0 (use after free) or past
 * INT_MAX, and a decrement below 0, WARN once and saturate the counter
 * at REFCOUNT_SATURATED, where it stays: the object then leaks instead
 * of being freed while in use.  refcount_dec_and_test() has release
 * order, and acquire order when it returns true (the freeing path sees
 * every access made under the references).
 */
#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/limits.h>

typedef struct refcount_struct {
	atomic_t refs;
} refcount_t;

#define REFCOUNT_INIT(n)	{ .refs = ATOMIC_INIT(n), }
#define REFCOUNT_MAX		INT_MAX
#define REFCOUNT_SATURATED	(INT_MIN / 2)

enum refcount_saturation_type {
	REFCOUNT_ADD_NOT_ZERO_OVF,
	REFCOUNT_ADD_OVF,
	REFCOUNT_ADD_UAF,
	REFCOUNT_SUB_UAF,
	REFCOUNT_DEC_LEAK,
};

static inline void refcount_warn_saturate(refcount_t *r, enum refcount_saturation_type t)
{
	atomic_set(&r->refs, REFCOUNT_SATURATED);
	WARN_ONCE(1, "refcount_t: %s; use-after-free or leak\n",
		  t == REFCOUNT_ADD_UAF || t == REFCOUNT_SUB_UAF ? "underflow/use-after-free" :
		  t == REFCOUNT_DEC_LEAK ? "decrement hit 0" : "saturated");
}

static inline void refcount_set(refcount_t *r, int n) { atomic_set(&r->refs, n); }
static inline unsigned int refcount_read(const refcount_t *r) { return atomic_read(&r->refs); }

static inline bool __must_check refcount_add_not_zero(int i, refcount_t *r)
{
	int old = atomic_read(&r->refs);

	do {
		if (!old)
			break;
	} while (!atomic_try_cmpxchg(&r->refs, &old, old + i));
	if (unlikely(old < 0 || old + i < 0))
		refcount_warn_saturate(r, REFCOUNT_ADD_NOT_ZERO_OVF);
	return old;
}

static inline bool __must_check refcount_inc_not_zero(refcount_t *r)
{
	return refcount_add_not_zero(1, r);
}

static inline void refcount_add(int i, refcount_t *r)
{
	int old = atomic_fetch_add(i, &r->refs);

	if (unlikely(!old))
		refcount_warn_saturate(r, REFCOUNT_ADD_UAF);
	else if (unlikely(old < 0 || old + i < 0))
		refcount_warn_saturate(r, REFCOUNT_ADD_OVF);
}

static inline void refcount_inc(refcount_t *r) { refcount_add(1, r); }

static inline bool __must_check refcount_sub_and_test(int i, refcount_t *r)
{
	int old = atomic_fetch_sub(i, &r->refs);	/* fully ordered */

	if (old == i)
		return true;
	if (unlikely(old < 0 || old - i < 0))
		refcount_warn_saturate(r, REFCOUNT_SUB_UAF);
	return false;
}

static inline bool __must_check refcount_dec_and_test(refcount_t *r)
{
	return refcount_sub_and_test(1, r);
}

static inline void refcount_dec(refcount_t *r)
{
	if (unlikely(atomic_fetch_sub(1, &r->refs) <= 1))
		refcount_warn_saturate(r, REFCOUNT_DEC_LEAK);
}

#endif
