#ifndef _LINUX_BITS_H
#define _LINUX_BITS_H

/*
 * Single bits and contiguous masks, Linux's linux/bits.h:
 *
 *   BIT(n), BIT_ULL(n)            1 << n as unsigned long / unsigned long long
 *   BIT_U8..BIT_U64(n)            1 << n of exactly that type (n checked)
 *   GENMASK(h, l), GENMASK_ULL    bits l..h set, unsigned long / long long
 *   GENMASK_U8..GENMASK_U128      the same with exactly that type
 *   __GENMASK, __GENMASK_ULL      the unchecked forms (uapi/linux/bits.h)
 *
 * Every typed form is an integer constant expression when its arguments
 * are; GENMASK_INPUT_CHECK(h, l) is 0, and a build error when both are
 * constants and l > h (a swapped pair, the classic mistake).
 */
#include <linux/const.h>
#include <linux/build_bug.h>

#define BITS_PER_BYTE		8
#define BITS_PER_LONG		64
#define BITS_PER_LONG_LONG	64
#define BITS_PER_TYPE(type)	(sizeof(type) * BITS_PER_BYTE)

#define BIT(nr)			(UL(1) << (nr))
#define BIT_ULL(nr)		(ULL(1) << (nr))
#define BIT_MASK(nr)		(UL(1) << ((nr) % BITS_PER_LONG))
#define BIT_WORD(nr)		((nr) / BITS_PER_LONG)
#define BIT_ULL_MASK(nr)	(ULL(1) << ((nr) % BITS_PER_LONG_LONG))
#define BIT_ULL_WORD(nr)	((nr) / BITS_PER_LONG_LONG)

/* Bits l..h of an unsigned long, without checks. */
#define __GENMASK(h, l) \
	((~_UL(0) << (l)) & (~_UL(0) >> (BITS_PER_LONG - 1 - (h))))
#define __GENMASK_ULL(h, l) \
	((~_ULL(0) << (l)) & (~_ULL(0) >> (BITS_PER_LONG_LONG - 1 - (h))))

#define GENMASK_INPUT_CHECK(h, l)	BUILD_BUG_ON_ZERO(const_true((l) > (h)))

/* All ones in the unsigned type t (promoted to int for types below int). */
#define __bits_ones(t)		((t)~(t)0)
#define GENMASK_TYPE(t, h, l)						\
	((t)(GENMASK_INPUT_CHECK(h, l) +				\
	     ((__bits_ones(t) << (l)) &					\
	      (__bits_ones(t) >> (BITS_PER_TYPE(t) - 1 - (h))))))

#define GENMASK(h, l)		GENMASK_TYPE(unsigned long, h, l)
#define GENMASK_ULL(h, l)	GENMASK_TYPE(unsigned long long, h, l)
#define GENMASK_U8(h, l)	GENMASK_TYPE(u8, h, l)
#define GENMASK_U16(h, l)	GENMASK_TYPE(u16, h, l)
#define GENMASK_U32(h, l)	GENMASK_TYPE(u32, h, l)
#define GENMASK_U64(h, l)	GENMASK_TYPE(u64, h, l)
#ifdef CONFIG_ARCH_SUPPORTS_INT128
#define __GENMASK_U128(h, l)	GENMASK_TYPE(u128, h, l)
#define GENMASK_U128(h, l)	GENMASK_TYPE(u128, h, l)
#endif

/* nr must be below the width of type (a build error for constants). */
#define BIT_INPUT_CHECK(type, nr) \
	BUILD_BUG_ON_ZERO(const_true((nr) >= BITS_PER_TYPE(type)))
#define BIT_TYPE(type, nr)	((type)(BIT_INPUT_CHECK(type, nr) + BIT_ULL(nr)))
#define BIT_U8(nr)		BIT_TYPE(u8, nr)
#define BIT_U16(nr)		BIT_TYPE(u16, nr)
#define BIT_U32(nr)		BIT_TYPE(u32, nr)
#define BIT_U64(nr)		BIT_TYPE(u64, nr)

#endif
