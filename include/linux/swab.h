#ifndef _LINUX_SWAB_H
#define _LINUX_SWAB_H

#include <linux/types.h>

/* Byte-order reversal (one BSWAP/ROL instruction each on x86_64). */
#define __swab16(x)	((u16)__builtin_bswap16((u16)(x)))
#define __swab32(x)	((u32)__builtin_bswap32((u32)(x)))
#define __swab64(x)	((u64)__builtin_bswap64((u64)(x)))
#define swab16		__swab16
#define swab32		__swab32
#define swab64		__swab64

static inline void swab16s(u16 *p) { *p = swab16(*p); }
static inline void swab32s(u32 *p) { *p = swab32(*p); }
static inline void swab64s(u64 *p) { *p = swab64(*p); }

#endif
