#ifndef _LINUX_MINMAX_H
#define _LINUX_MINMAX_H

/*
 * min/max/clamp with Linux's type rules (linux/minmax.h):
 *
 *   min(x, y), max(x, y)   each argument evaluated once; a build error when
 *                          one side is a signed value that may be negative
 *                          and the other an unsigned int or wider (the
 *                          comparison would convert -1 to a huge number).
 *                          Unsigned types narrower than int promote to int
 *                          and mix with anything; so do non-negative
 *                          constants.  With two constant arguments the
 *                          result is a constant expression.
 *   umin, umax             both sides compared as unsigned (u64 here)
 *   min_t, max_t(type,..)  both converted to type first
 *   min3, max3, min_not_zero, clamp, clamp_t, clamp_val, swap, in_range
 *   MIN, MAX               plain macros for constant expressions
 */
#include <linux/compiler.h>
#include <linux/build_bug.h>
#include <linux/const.h>

/*
 * How a value may mix in a comparison: bit 0 "as unsigned", bit 1 "as
 * signed".  A signed value is signed-only unless the compiler knows it
 * is not negative (a constant, or a value it can see through); an unsigned value of int width or more is unsigned-only, a
 * narrower one promotes to int and goes both ways.  Two values mix when
 * they share a bit.
 */
#define __mm_nonneg_const(x)	(__builtin_constant_p((long long)(x) >= 0) && (long long)(x) >= 0)
#define __mm_how(x)							\
	(is_signed_type(__typeof__(x)) ? (2 | __mm_nonneg_const(x)) :	\
	 (sizeof(x) < sizeof(int) ? 3 : 1))
#define __mm_types_ok(x, y)	((__mm_how(x) & __mm_how(y)) != 0)

#define __mm_cmp(op, x, y)	((x) op (y) ? (x) : (y))
#define __mm_cmp_once(op, x, y, ux, uy) ({				\
	__typeof__(x) ux = (x);						\
	__typeof__(y) uy = (y);						\
	BUILD_BUG_ON_MSG(!__mm_types_ok(ux, uy),			\
			 "min/max/clamp() signedness error: " #x ", " #y); \
	__mm_cmp(op, ux, uy); })
#define __mm_careful(op, x, y)						\
	__builtin_choose_expr(__is_constexpr((x) - (y)),		\
			      __mm_cmp(op, x, y),			\
			      __mm_cmp_once(op, x, y, __UNIQUE_ID(x_), __UNIQUE_ID(y_)))

#define min(x, y)	__mm_careful(<, x, y)
#define max(x, y)	__mm_careful(>, x, y)

#define umin(x, y)	min((x) + 0u + 0ul + 0ull, (y) + 0u + 0ul + 0ull)
#define umax(x, y)	max((x) + 0u + 0ul + 0ull, (y) + 0u + 0ul + 0ull)

#define min3(x, y, z)	min((__typeof__((x) + (y) + (z)))min(x, y), z)
#define max3(x, y, z)	max((__typeof__((x) + (y) + (z)))max(x, y), z)

/* The smaller of x and y ignoring a zero one (0 only if both are). */
#define min_not_zero(x, y) ({						\
	__typeof__(x) __mnz_x = (x);					\
	__typeof__(y) __mnz_y = (y);					\
	__mnz_x == 0 ? __mnz_y : ((__mnz_y == 0) ? __mnz_x : min(__mnz_x, __mnz_y)); })

#define min_t(type, x, y)	__mm_cmp_once_t(<, type, x, y)
#define max_t(type, x, y)	__mm_cmp_once_t(>, type, x, y)
#define __mm_cmp_once_t(op, type, x, y) ({				\
	type __mt_x = (x);						\
	type __mt_y = (y);						\
	__mm_cmp(op, __mt_x, __mt_y); })

/* val limited to [lo, hi]; a build error for constant bounds with lo > hi. */
#define __mm_clamp(val, lo, hi)						\
	((val) >= (hi) ? (hi) : ((val) <= (lo) ? (lo) : (val)))
#define __mm_clamp_once(type, val, lo, hi) ({				\
	type __cl_v = (val), __cl_lo = (lo), __cl_hi = (hi);		\
	BUILD_BUG_ON_MSG(const_true((lo) > (hi)),			\
			 "clamp() low limit " #lo " greater than high limit " #hi); \
	__mm_clamp(__cl_v, __cl_lo, __cl_hi); })
#define clamp(val, lo, hi) ({						\
	BUILD_BUG_ON_MSG(!__mm_types_ok(val, lo) || !__mm_types_ok(val, hi), \
			 "clamp() signedness error: " #val ", " #lo ", " #hi); \
	__mm_clamp_once(__typeof__(val), val, lo, hi); })
#define clamp_t(type, val, lo, hi)	__mm_clamp_once(type, val, lo, hi)
#define clamp_val(val, lo, hi)		clamp_t(__typeof__(val), val, lo, hi)

/* start <= val < start + len, without overflow for unsigned types. */
#define in_range(val, start, len)	((val) - (start) < (len))

#define MIN(a, b)	__mm_cmp(<, a, b)
#define MAX(a, b)	__mm_cmp(>, a, b)
#define MIN_T(type, a, b)	MIN((type)(a), (type)(b))
#define MAX_T(type, a, b)	MAX((type)(a), (type)(b))

#define swap(a, b) do {							\
	__typeof__(a) __swap_tmp = (a);					\
	(a) = (b);							\
	(b) = __swap_tmp;						\
} while (0)

#endif
