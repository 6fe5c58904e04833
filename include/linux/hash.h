#ifndef _LINUX_HASH_H
#define _LINUX_HASH_H

/*
 * Multiplicative hashing (Linux's linux/hash.h): multiply by a constant
 * close to 2^w / phi and keep the top bits, which depend on every input
 * bit.  hash_32(val, bits) and hash_64(val, bits) give a value below
 * 2^bits (1 <= bits <= 32 or 64); the constants are Linux's, so the
 * buckets match its.
 */
#include <linux/types.h>
#include <linux/compiler.h>

#define GOLDEN_RATIO_32 0x61C88647
#define GOLDEN_RATIO_64 0x61C8864680B583EBull

#define hash_long(val, bits)	hash_64(val, bits)

static inline u32 __hash_32(u32 val)
{
	return val * GOLDEN_RATIO_32;
}

static inline u32 hash_32(u32 val, unsigned int bits)
{
	/* the high bits are the best mixed */
	return __hash_32(val) >> (32 - bits);
}

static __always_inline u32 hash_64(u64 val, unsigned int bits)
{
	return val * GOLDEN_RATIO_64 >> (64 - bits);
}

static inline u32 hash_ptr(const void *ptr, unsigned int bits)
{
	return hash_long((unsigned long)ptr, bits);
}

/* 32 bits of a pointer, for hashes that are not bucket indexes. */
static inline u32 hash32_ptr(const void *ptr)
{
	unsigned long val = (unsigned long)ptr;

	return (u32)(val ^ (val >> 32));
}

#endif
