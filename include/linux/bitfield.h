#ifndef _LINUX_BITFIELD_H
#define _LINUX_BITFIELD_H

/*
 * Fields of registers and descriptors described by a mask (Linux's
 * linux/bitfield.h).  A mask is a run of contiguous set bits, known at
 * compile time:
 *
 *   FIELD_PREP(mask, val)    val shifted into the field
 *   FIELD_GET(mask, reg)     the field's value out of reg
 *   FIELD_FIT(mask, val)     whether val fits the field
 *   FIELD_MAX(mask)          the largest value the field holds
 *   FIELD_MODIFY(mask, &reg, val)  replace the field in reg
 *   FIELD_PREP_CONST(mask, val)    FIELD_PREP as a constant expression
 *
 * Misuse is a build error, as in Linux: a mask that is not constant, is
 * zero or has holes; a constant value too wide for the field; a register
 * type narrower than the mask.
 *
 * The typed helpers {u8,u16,u32,u64,le16,le32,le64,be16,be32,be64}_
 * {encode,get,replace}_bits(v, field) and *_p_replace_bits(&p, v, field)
 * do the same for a field given as a value (for instance 0x00f0); the
 * fixed-endian ones convert on the way.  A field with holes or a constant
 * v that does not fit is a build error there too.
 */
#include <linux/types.h>
#include <linux/build_bug.h>
#include <asm/byteorder.h>

/* Position of the lowest set bit of a mask. */
#define __bf_shf(x)	(__builtin_ffsll(x) - 1)

/* The unsigned type of the same width as the type of x (for comparisons). */
#define __unsigned_scalar_typeof(x) __typeof__(				\
	_Generic((x),							\
		 char: (unsigned char)0,				\
		 signed char: (unsigned char)0, unsigned char: (unsigned char)0, \
		 signed short: (unsigned short)0, unsigned short: (unsigned short)0, \
		 signed int: (unsigned int)0, unsigned int: (unsigned int)0, \
		 signed long: (unsigned long)0, unsigned long: (unsigned long)0, \
		 signed long long: (unsigned long long)0,		\
		 unsigned long long: (unsigned long long)0,		\
		 default: (x)))
#define __bf_cast_unsigned(type, x)	((__unsigned_scalar_typeof(type))(x))

#define __BF_FIELD_CHECK_MASK(_mask, _val, _pfx)			\
	({								\
		BUILD_BUG_ON_MSG(!__builtin_constant_p(_mask),		\
				 _pfx "mask is not constant");		\
		BUILD_BUG_ON_MSG((_mask) == 0, _pfx "mask is zero");	\
		BUILD_BUG_ON_MSG(__builtin_constant_p(_val) ?		\
				 ~((_mask) >> __bf_shf(_mask)) &	\
					(0 + (_val)) : 0,		\
				 _pfx "value too large for the field");	\
		/* contiguous: adding the lowest bit carries out of the run */ \
		BUILD_BUG_ON_MSG(((_mask) + (1ULL << __bf_shf(_mask))) & \
				 ((_mask) + (1ULL << __bf_shf(_mask)) - 1), \
				 _pfx "mask is not contiguous");	\
	})

#define __BF_FIELD_CHECK_REG(_mask, _reg, _pfx)				\
	BUILD_BUG_ON_MSG(__bf_cast_unsigned(_mask, _mask) >		\
			 __bf_cast_unsigned(_reg, ~0ull),		\
			 _pfx "type of reg too small for mask")

#define __BF_FIELD_CHECK(_mask, _reg, _val, _pfx)			\
	({								\
		__BF_FIELD_CHECK_MASK(_mask, _val, _pfx);		\
		__BF_FIELD_CHECK_REG(_mask, _reg, _pfx);		\
	})

#define FIELD_MAX(_mask)						\
	({								\
		__BF_FIELD_CHECK(_mask, 0ULL, 0ULL, "FIELD_MAX: ");	\
		(__typeof__(_mask))((_mask) >> __bf_shf(_mask));	\
	})

#define FIELD_FIT(_mask, _val)						\
	({								\
		__BF_FIELD_CHECK(_mask, 0ULL, 0ULL, "FIELD_FIT: ");	\
		!((((__typeof__(_mask))_val) << __bf_shf(_mask)) & ~(_mask)); \
	})

#define FIELD_PREP(_mask, _val)						\
	({								\
		__BF_FIELD_CHECK(_mask, 0ULL, _val, "FIELD_PREP: ");	\
		((__typeof__(_mask))(_val) << __bf_shf(_mask)) & (_mask); \
	})

#define __BF_CHECK_POW2(n)	BUILD_BUG_ON_ZERO(((n) & ((n) - 1)) != 0)

#define FIELD_PREP_CONST(_mask, _val)					\
	(								\
		/* mask must be non-zero */				\
		BUILD_BUG_ON_ZERO((_mask) == 0) +			\
		/* check if value fits */				\
		BUILD_BUG_ON_ZERO(~((_mask) >> __bf_shf(_mask)) & (_val)) + \
		/* check if mask is contiguous */			\
		__BF_CHECK_POW2((_mask) + (1ULL << __bf_shf(_mask))) +	\
		/* and create the value */				\
		(((__typeof__(_mask))(_val) << __bf_shf(_mask)) & (_mask)) \
	)

#define FIELD_GET(_mask, _reg)						\
	({								\
		__BF_FIELD_CHECK(_mask, _reg, 0U, "FIELD_GET: ");	\
		(__typeof__(_mask))(((_reg) & (_mask)) >> __bf_shf(_mask)); \
	})

#define FIELD_MODIFY(_mask, _reg_p, _val)				\
	({								\
		__BF_FIELD_CHECK(_mask, *(_reg_p), _val, "FIELD_MODIFY: "); \
		*(_reg_p) &= ~(_mask);					\
		*(_reg_p) |= (((__typeof__(_mask))(_val) << __bf_shf(_mask)) & (_mask)); \
	})

/*
 * The typed helpers.  field is a value; after inlining it is a constant,
 * so the checks below fold away or become build errors.
 */
extern void __compiletime_error("value doesn't fit into mask") __field_overflow(void);
extern void __compiletime_error("bad bitfield mask") __bad_mask(void);

/* The field's lowest bit (the multiplier); a field with holes is an error. */
static __always_inline u64 field_multiplier(u64 field)
{
	u64 low = field & -field;

	if (!field || ((field + low) & field))
		__bad_mask();
	return low;
}

/* The field shifted down to bit 0: its largest value. */
static __always_inline u64 field_mask(u64 field)
{
	return field / field_multiplier(field);
}
#define field_max(field)	((__typeof__(field))field_mask(field))

#define ____MAKE_OP(type, base, to, from)				\
static __always_inline __##type __must_check type##_encode_bits(base v, base field) \
{									\
	if (__builtin_constant_p(v) && (v & ~field_mask(field)))	\
		__field_overflow();					\
	return to((v & field_mask(field)) * field_multiplier(field));	\
}									\
static __always_inline __##type __must_check type##_replace_bits(__##type old, \
							base val, base field) \
{									\
	return (old & ~to(field)) | type##_encode_bits(val, field);	\
}									\
static __always_inline void type##p_replace_bits(__##type *p,		\
						 base val, base field)	\
{									\
	*p = (*p & ~to(field)) | type##_encode_bits(val, field);	\
}									\
static __always_inline base __must_check type##_get_bits(__##type v, base field) \
{									\
	return (from(v) & field) / field_multiplier(field);		\
}
#define __MAKE_OP(size)							\
	____MAKE_OP(le##size, u##size, cpu_to_le##size, le##size##_to_cpu) \
	____MAKE_OP(be##size, u##size, cpu_to_be##size, be##size##_to_cpu) \
	____MAKE_OP(u##size, u##size, , )
____MAKE_OP(u8, u8, , )
__MAKE_OP(16)
__MAKE_OP(32)
__MAKE_OP(64)
#undef __MAKE_OP
#undef ____MAKE_OP

#endif
