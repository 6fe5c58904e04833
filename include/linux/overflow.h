#ifndef _LINUX_OVERFLOW_H
#define _LINUX_OVERFLOW_H

/*
 * Arithmetic that notices overflow, with Linux's linux/overflow.h names
 * and semantics:
 *
 *   check_{add,sub,mul}_overflow(a, b, &d)  d = a op b computed in the
 *       infinite-precision sense and stored wrapped into d's type; returns
 *       true when the true result does not fit d.  a, b and d may have
 *       different types.  Each argument is evaluated once.
 *   check_shl_overflow(a, s, &d)  d = a << s; true (and d undefined) when
 *       s is negative or too wide, a is negative, or bits are lost.
 *   wrapping_{add,sub,mul}(type, a, b)   the wrapped result in type
 *   wrapping_assign_{add,sub}(var, off)  var op= off, wrapping; returns var
 *   size_add/size_sub/size_mul, array_size, array3_size, flex_array_size,
 *   struct_size, struct_size_t   size_t arithmetic that saturates at
 *       SIZE_MAX (an allocator given SIZE_MAX fails instead of returning a
 *       buffer smaller than asked for); constant expressions where the
 *       arguments are
 *   type_max, type_min, overflows_type, castable_to_type
 *   DEFINE_FLEX, DEFINE_RAW_FLEX   an on-stack struct with a flexible
 *       array of a compile-time count
 */
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/limits.h>
#include <linux/const.h>

/* Extreme values of a type (or of the type of an expression). */
#define __type_half_max(T)	((T)1 << (8 * sizeof(T) - 1 - is_signed_type(T)))
#define __type_max(T)		((T)((__type_half_max(T) - 1) + __type_half_max(T)))
#define type_max(t)		__type_max(__typeof__(t))
#define __type_min(T)		((T)((T)-type_max(T) - (T)1))
#define type_min(t)		__type_min(__typeof__(t))

#define is_non_negative(a)	((a) > 0 || (a) == 0)
#define is_negative(a)		(!(is_non_negative(a)))

/* Marks the result of an overflow check: it must be looked at. */
static inline bool __must_check __must_check_overflow(bool overflow)
{
	return unlikely(overflow);
}

#define check_add_overflow(a, b, d)	__must_check_overflow(__builtin_add_overflow(a, b, d))
#define check_sub_overflow(a, b, d)	__must_check_overflow(__builtin_sub_overflow(a, b, d))
#define check_mul_overflow(a, b, d)	__must_check_overflow(__builtin_mul_overflow(a, b, d))

#define wrapping_add(type, a, b) ({ type __wr_v; __builtin_add_overflow(a, b, &__wr_v); __wr_v; })
#define wrapping_sub(type, a, b) ({ type __wr_v; __builtin_sub_overflow(a, b, &__wr_v); __wr_v; })
#define wrapping_mul(type, a, b) ({ type __wr_v; __builtin_mul_overflow(a, b, &__wr_v); __wr_v; })

#define wrapping_assign_add(var, offset) ({				\
	__typeof__(var) *__wa_p = &(var);				\
	*__wa_p = wrapping_add(__typeof__(var), *__wa_p, offset); })
#define wrapping_assign_sub(var, offset) ({				\
	__typeof__(var) *__wa_p = &(var);				\
	*__wa_p = wrapping_sub(__typeof__(var), *__wa_p, offset); })

/*
 * check_shl_overflow: the shift is done on a 64-bit copy of a; a shift
 * count that is negative or not below the width of *d is refused (and
 * then nothing is shifted), and so is any loss: shifting back must give
 * a again, and a signed *d must not turn negative.
 */
#define check_shl_overflow(a, s, d) __must_check_overflow(({		\
	__typeof__(a) __sh_a = (a);					\
	__typeof__(s) __sh_s = (s);					\
	__typeof__(d) __sh_d = (d);					\
	unsigned long long __sh_wide = __sh_a;				\
	unsigned int __sh_by = (is_non_negative(__sh_s) &&		\
				__sh_s < 8 * sizeof(*__sh_d)) ? __sh_s : 0; \
	*__sh_d = (__sh_wide << __sh_by);				\
	(__sh_by != __sh_s || is_negative(*__sh_d) || is_negative(__sh_a) || \
	 (*__sh_d >> __sh_by) != __sh_a);				\
}))

/*
 * Whether the value x is out of the range of type T (or of T's type when
 * T is an expression).  The constexpr form compares against the limits
 * (a constant expression for constant x); the other adds x to a zero of
 * T's type and asks whether that overflows.
 */
#define __overflows_type_constexpr(x, T) (				\
	is_unsigned_type(__typeof__(x)) ?				\
		(x) > type_max(T) :					\
	is_unsigned_type(__typeof__(T)) ?				\
		(x) < 0 || (x) > type_max(T) :				\
		(x) < type_min(T) || (x) > type_max(T))
#define __overflows_type(x, T) ({					\
	__typeof__(T) __ot_v = 0;					\
	check_add_overflow((x), __ot_v, &__ot_v); })
#define overflows_type(n, T)						\
	__builtin_choose_expr(__is_constexpr(n),			\
			      __overflows_type_constexpr(n, T),		\
			      __overflows_type(n, T))

/*
 * castable_to_type(n, T): a constant n fits T; a non-constant n must
 * already have T's type.
 */
#define castable_to_type(n, T)						\
	__builtin_choose_expr(__is_constexpr(n),			\
			      !__overflows_type_constexpr(n, T),	\
			      __same_type(n, T))

/* Saturating size_t arithmetic: SIZE_MAX in, or overflow, gives SIZE_MAX. */
static __always_inline size_t __must_check size_mul(size_t a, size_t b)
{
	size_t r;

	return check_mul_overflow(a, b, &r) ? SIZE_MAX : r;
}

static __always_inline size_t __must_check size_add(size_t a, size_t b)
{
	size_t r;

	return check_add_overflow(a, b, &r) ? SIZE_MAX : r;
}

/* a - b; SIZE_MAX when either is SIZE_MAX or the difference is negative. */
static __always_inline size_t __must_check size_sub(size_t a, size_t b)
{
	size_t r;

	if (a == SIZE_MAX || b == SIZE_MAX || check_sub_overflow(a, b, &r))
		return SIZE_MAX;
	return r;
}

#define array_size(a, b)	size_mul(a, b)
#define array3_size(a, b, c)	size_mul(size_mul(a, b), c)

/* Bytes of count elements of the flexible array p->member. */
#define flex_array_size(p, member, count)				\
	__builtin_choose_expr(__is_constexpr(count),			\
		(count) * sizeof(*(p)->member) + __must_be_array((p)->member), \
		size_mul(count, sizeof(*(p)->member) + __must_be_array((p)->member)))

/* Bytes of *p with count elements in its trailing flexible array member. */
#define struct_size(p, member, count)					\
	__builtin_choose_expr(__is_constexpr(count),			\
		sizeof(*(p)) + flex_array_size(p, member, count),	\
		size_add(sizeof(*(p)), flex_array_size(p, member, count)))
#define struct_size_t(type, member, count)				\
	struct_size((type *)NULL, member, count)

/* Object sizes as the compiler knows them (fortify's helpers). */
#define __struct_size(p)	__builtin_dynamic_object_size(p, 0)
#define __member_size(p)	__builtin_dynamic_object_size(p, 1)

/*
 * An on-stack object of a struct with a flexible array member, with room
 * for count elements (count a compile-time constant): a union of a byte
 * array of the full size and the struct, so the object sizes above see
 * the whole; name is a pointer to it.  DEFINE_FLEX also sets the counter
 * member to count.
 */
#define _DEFINE_FLEX(type, name, member, count, initializer...)	\
	_Static_assert(__builtin_constant_p(count),			\
		       "on-stack flex array members need a compile-time count"); \
	union {								\
		u8 bytes[struct_size_t(type, member, count)];		\
		type obj;						\
	} name##_u initializer;						\
	type *name = (type *)&name##_u
#define DEFINE_RAW_FLEX(type, name, member, count)			\
	_DEFINE_FLEX(type, name, member, count, = {})
#define DEFINE_FLEX(TYPE, NAME, MEMBER, COUNTER, COUNT)			\
	_DEFINE_FLEX(TYPE, NAME, MEMBER, COUNT, = { .obj.COUNTER = COUNT, })

/* The largest count for which struct_size() of p->member stays below SIZE_MAX. */
#define __flex_max_count(p, member)	\
	((SIZE_MAX - sizeof(*(p))) / sizeof(*(p)->member))

#endif
