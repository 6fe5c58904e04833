#ifndef _LINUX_BITOPS_H
#define _LINUX_BITOPS_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/bits.h>

#define BITS_TO_LONGS(nr)	(((nr) + BITS_PER_LONG - 1) / BITS_PER_LONG)
#define BITS_TO_U64(nr)		(((nr) + 63) / 64)
#define BITS_TO_U32(nr)		(((nr) + 31) / 32)
#define BITS_TO_BYTES(nr)	(((nr) + BITS_PER_BYTE - 1) / BITS_PER_BYTE)

/* Atomic bit operations (LOCK-prefixed: fully ordered on x86). */
static inline void set_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_or(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_SEQ_CST);
}
static inline void clear_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_and(&addr[BIT_WORD(nr)], ~BIT_MASK(nr), __ATOMIC_SEQ_CST);
}
static inline void change_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_xor(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_SEQ_CST);
}
static inline bool test_and_set_bit(long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_or(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_SEQ_CST) & BIT_MASK(nr);
}
static inline bool test_and_clear_bit(long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_and(&addr[BIT_WORD(nr)], ~BIT_MASK(nr), __ATOMIC_SEQ_CST) & BIT_MASK(nr);
}
static inline void clear_bit_unlock(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_and(&addr[BIT_WORD(nr)], ~BIT_MASK(nr), __ATOMIC_RELEASE);
}
static inline bool test_and_set_bit_lock(long nr, volatile unsigned long *addr)
{
	return test_and_set_bit(nr, addr);
}

/* Non-atomic variants: the caller serialises. */
static inline void __set_bit(long nr, volatile unsigned long *addr) { addr[BIT_WORD(nr)] |= BIT_MASK(nr); }
static inline void __clear_bit(long nr, volatile unsigned long *addr) { addr[BIT_WORD(nr)] &= ~BIT_MASK(nr); }
static inline bool __test_and_set_bit(long nr, volatile unsigned long *addr)
{
	bool old = addr[BIT_WORD(nr)] & BIT_MASK(nr);
	addr[BIT_WORD(nr)] |= BIT_MASK(nr);
	return old;
}
static inline bool __test_and_clear_bit(long nr, volatile unsigned long *addr)
{
	bool old = addr[BIT_WORD(nr)] & BIT_MASK(nr);
	addr[BIT_WORD(nr)] &= ~BIT_MASK(nr);
	return old;
}
static inline bool test_bit(long nr, const volatile unsigned long *addr)
{
	return 1UL & (addr[BIT_WORD(nr)] >> (nr & (BITS_PER_LONG - 1)));
}

/* __ffs: index of the lowest set bit (word != 0); fls: 1-based highest. */
static inline unsigned long __ffs(unsigned long word) { return __builtin_ctzl(word); }
static inline unsigned int __ffs64(u64 word) { return __builtin_ctzll(word); }
static inline unsigned long __fls(unsigned long word) { return 63 - __builtin_clzl(word); }
static inline unsigned long ffz(unsigned long word) { return __builtin_ctzl(~word); }
static inline int ffs(int x) { return __builtin_ffs(x); }
static inline int fls(unsigned int x) { return x ? 32 - __builtin_clz(x) : 0; }
static inline int fls64(u64 x) { return x ? 64 - __builtin_clzll(x) : 0; }
/* Population count without the POPCNT instruction (any x86_64). */
static inline unsigned long __arch_hweight64(u64 w)
{
	w = w - ((w >> 1) & 0x5555555555555555ULL);
	w = (w & 0x3333333333333333ULL) + ((w >> 2) & 0x3333333333333333ULL);
	w = (w + (w >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
	return (w * 0x0101010101010101ULL) >> 56;
}

/*
 * hweightN(w): the set bits among the low N bits of w.  As in Linux these
 * are macros: a constant w gives a constant expression (usable in array
 * sizes), and a wider w is not an implicit narrowing conversion.
 */
#define __const_hweight8(w)						\
	((unsigned int)((!!((w) & (1ULL << 0))) + (!!((w) & (1ULL << 1))) +	\
			(!!((w) & (1ULL << 2))) + (!!((w) & (1ULL << 3))) +	\
			(!!((w) & (1ULL << 4))) + (!!((w) & (1ULL << 5))) +	\
			(!!((w) & (1ULL << 6))) + (!!((w) & (1ULL << 7)))))
#define __const_hweight16(w) (__const_hweight8(w) + __const_hweight8((w) >> 8))
#define __const_hweight32(w) (__const_hweight16(w) + __const_hweight16((w) >> 16))
#define __const_hweight64(w) (__const_hweight32(w) + __const_hweight32((w) >> 32))
#define hweight8(w)	(__builtin_constant_p(w) ? __const_hweight8(w) : \
			 (unsigned int)__arch_hweight64((u8)(w)))
#define hweight16(w)	(__builtin_constant_p(w) ? __const_hweight16(w) : \
			 (unsigned int)__arch_hweight64((u16)(w)))
#define hweight32(w)	(__builtin_constant_p(w) ? __const_hweight32(w) : \
			 (unsigned int)__arch_hweight64((u32)(w)))
#define hweight64(w)	(__builtin_constant_p(w) ? (unsigned long)__const_hweight64(w) : \
			 __arch_hweight64((u64)(w)))
static inline unsigned long hweight_long(unsigned long w) { return hweight64(w); }
static inline int ilog2(unsigned long v) { return fls64(v) - 1; }
static inline bool is_power_of_2(unsigned long n) { return n != 0 && (n & (n - 1)) == 0; }
static inline unsigned long roundup_pow_of_two(unsigned long n)
{
	return n <= 1 ? 1 : 1UL << fls64(n - 1);
}
static inline unsigned long rounddown_pow_of_two(unsigned long n) { return 1UL << (fls64(n) - 1); }
static inline int get_count_order(unsigned int count)
{
	return count == 0 ? -1 : fls(count - 1);
}

unsigned long find_next_bit(const unsigned long *addr, unsigned long size, unsigned long offset);
unsigned long find_next_zero_bit(const unsigned long *addr, unsigned long size, unsigned long offset);
unsigned long find_last_bit(const unsigned long *addr, unsigned long size);
#define find_first_bit(a, s)		find_next_bit((a), (s), 0)
#define find_first_zero_bit(a, s)	find_next_zero_bit((a), (s), 0)
#define for_each_set_bit(bit, addr, size)				\
	for ((bit) = find_next_bit((addr), (size), 0); (bit) < (size);	\
	     (bit) = find_next_bit((addr), (size), (bit) + 1))
/*
 * find_next_bit_wrap - the first set bit at or after offset, else the
 * first one before it; size if none.
 */
static inline unsigned long find_next_bit_wrap(const unsigned long *addr, unsigned long size,
					       unsigned long offset)
{
	unsigned long bit = find_next_bit(addr, size, offset);

	if (bit < size || offset == 0)
		return bit;
	bit = find_next_bit(addr, offset, 0);
	return bit < offset ? bit : size;
}

/*
 * The step of for_each_set_bit_wrap(): the next set bit from n on, in
 * [start, size) first, then in [0, start); size when all were seen.
 */
static inline unsigned long __for_each_wrap(const unsigned long *addr, unsigned long size,
					    unsigned long start, unsigned long n)
{
	unsigned long bit;

	if (n > start) {
		bit = find_next_bit(addr, size, n);
		if (bit < size)
			return bit;
		n = 0;
	}
	bit = find_next_bit(addr, start, n);
	return bit < start ? bit : size;
}

/* Every set bit once, starting at start and wrapping around. */
#define for_each_set_bit_wrap(bit, addr, size, start)			\
	for ((bit) = find_next_bit_wrap((addr), (size), (start));	\
	     (bit) < (size);						\
	     (bit) = __for_each_wrap((addr), (size), (start), (bit) + 1))

#define for_each_clear_bit(bit, addr, size)				\
	for ((bit) = find_next_zero_bit((addr), (size), 0); (bit) < (size); \
	     (bit) = find_next_zero_bit((addr), (size), (bit) + 1))

#endif
