#ifndef _LINUX_BYTEORDER_LITTLE_ENDIAN_H
#define _LINUX_BYTEORDER_LITTLE_ENDIAN_H

/*
 * Conversions between CPU order and fixed byte orders on a little-endian
 * CPU: the little-endian ones are identities, the big-endian ones swap.
 */
#include <linux/types.h>
#include <linux/swab.h>

#ifndef __LITTLE_ENDIAN
#define __LITTLE_ENDIAN 1234
#endif
#ifndef __LITTLE_ENDIAN_BITFIELD
#define __LITTLE_ENDIAN_BITFIELD
#endif

#define __cpu_to_le64(x)	((__force __le64)(u64)(x))
#define __le64_to_cpu(x)	((__force u64)(__le64)(x))
#define __cpu_to_le32(x)	((__force __le32)(u32)(x))
#define __le32_to_cpu(x)	((__force u32)(__le32)(x))
#define __cpu_to_le16(x)	((__force __le16)(u16)(x))
#define __le16_to_cpu(x)	((__force u16)(__le16)(x))
#define __cpu_to_be64(x)	((__force __be64)__swab64((x)))
#define __be64_to_cpu(x)	__swab64((__force u64)(__be64)(x))
#define __cpu_to_be32(x)	((__force __be32)__swab32((x)))
#define __be32_to_cpu(x)	__swab32((__force u32)(__be32)(x))
#define __cpu_to_be16(x)	((__force __be16)__swab16((x)))
#define __be16_to_cpu(x)	__swab16((__force u16)(__be16)(x))

#define cpu_to_le64	__cpu_to_le64
#define le64_to_cpu	__le64_to_cpu
#define cpu_to_le32	__cpu_to_le32
#define le32_to_cpu	__le32_to_cpu
#define cpu_to_le16	__cpu_to_le16
#define le16_to_cpu	__le16_to_cpu
#define cpu_to_be64	__cpu_to_be64
#define be64_to_cpu	__be64_to_cpu
#define cpu_to_be32	__cpu_to_be32
#define be32_to_cpu	__be32_to_cpu
#define cpu_to_be16	__cpu_to_be16
#define be16_to_cpu	__be16_to_cpu

static inline void le16_add_cpu(__le16 *var, u16 val) { *var = cpu_to_le16(le16_to_cpu(*var) + val); }
static inline void le32_add_cpu(__le32 *var, u32 val) { *var = cpu_to_le32(le32_to_cpu(*var) + val); }
static inline void le64_add_cpu(__le64 *var, u64 val) { *var = cpu_to_le64(le64_to_cpu(*var) + val); }
static inline void be16_add_cpu(__be16 *var, u16 val) { *var = cpu_to_be16(be16_to_cpu(*var) + val); }
static inline void be32_add_cpu(__be32 *var, u32 val) { *var = cpu_to_be32(be32_to_cpu(*var) + val); }
static inline void be64_add_cpu(__be64 *var, u64 val) { *var = cpu_to_be64(be64_to_cpu(*var) + val); }

#endif
