#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H

#include <linux/types.h>

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#define barrier()	__asm__ __volatile__("" ::: "memory")

#define __always_inline	inline __attribute__((__always_inline__))
#define noinline	__attribute__((__noinline__))
#define __noreturn	__attribute__((__noreturn__))
#define __packed	__attribute__((__packed__))
#define __aligned(x)	__attribute__((__aligned__(x)))
#define __section(s)	__attribute__((__section__(s)))
#define __used		__attribute__((__used__))
#define __maybe_unused	__attribute__((__unused__))
#define __printf(a, b)	__attribute__((__format__(printf, a, b)))
#define __cold		__attribute__((__cold__))
#define __weak		__attribute__((__weak__))
#define __must_check	__attribute__((__warn_unused_result__))
#define __cacheline_aligned __aligned(64)
#define fallthrough	__attribute__((__fallthrough__))
#define __init
#define __exit
#define __initdata
#define __initconst
#define __exitdata
#define __refdata
#define __read_mostly

#ifndef __has_attribute
#define __has_attribute(x) 0
#endif
#ifndef __has_builtin
#define __has_builtin(x) 0
#endif

/* A char array that need not hold a NUL-terminated string. */
#if __has_attribute(__nonstring__)
#define __nonstring	__attribute__((__nonstring__))
#else
#define __nonstring
#endif

/*
 * __counted_by(member): the flexible array holds 'member' elements.  Only
 * compilers whose object-size builtins honour it get the attribute (as
 * Linux's CONFIG_CC_HAS_COUNTED_BY: GCC 15, Clang 19.1.3 and later).
 */
#if __has_attribute(__counted_by__) && \
	((defined(__clang__) && __clang_major__ >= 20) || \
	 (!defined(__clang__) && __GNUC__ >= 15))
#define CONFIG_CC_HAS_COUNTED_BY 1
#define __counted_by(member)	__attribute__((__counted_by__(member)))
#else
#define __counted_by(member)
#endif

/* A call to a function with this attribute left after optimisation is an error. */
#define __compiletime_error(msg) __attribute__((__error__(msg)))

#define __stringify_1(x) #x
#define __stringify(x)	__stringify_1(x)
#define ___PASTE(a, b)	a##b
#define __PASTE(a, b)	___PASTE(a, b)
#define __UNIQUE_ID(prefix) __PASTE(__PASTE(__UNIQUE_ID_, prefix), __COUNTER__)

/*
 * READ_ONCE/WRITE_ONCE: one access of the given width, not torn, not
 * merged, not re-read.  Ordering against other CPUs still needs barriers.
 */
#define READ_ONCE(x)	(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val) \
	do { *(volatile __typeof__(x) *)&(x) = (val); } while (0)

#define __same_type(a, b) __builtin_types_compatible_p(__typeof__(a), __typeof__(b))

/*
 * __is_constexpr(x): 1 if x is an integer constant expression, else 0,
 * itself a constant expression and without evaluating x.  A null pointer
 * constant ((void *)0) and an int pointer give the conditional expression
 * the type int *; any other void pointer gives it void *.
 */
#define __is_constexpr(x) \
	(sizeof(int) == sizeof(*(8 ? ((void *)((long)(x) * 0l)) : (int *)8)))
/* x if it is a constant expression that is true; else false (x not evaluated). */
#define const_true(x)	__builtin_choose_expr(__is_constexpr(x), x, false)

#define is_signed_type(type)	(((type)(-1)) < (type)1)
#define is_unsigned_type(type)	(!is_signed_type(type))

/* Attribute queries (GCC 9+); false where the compiler cannot tell. */
#if __has_builtin(__builtin_has_attribute)
#define __annotated(var, attr)	__builtin_has_attribute(var, attr)
#else
#define __annotated(var, attr)	(false)
#endif

#define OPTIMIZER_HIDE_VAR(var) __asm__ ("" : "=r" (var) : "0" (var))

#include <linux/kconfig.h>
#include <linux/build_bug.h>

/* Zero, or a build error if a is not an array (a pointer, say). */
#define __must_be_array(a)	BUILD_BUG_ON_ZERO(__same_type((a), &(a)[0]))
/* Zero, or a build error if a is not an array of (signed/unsigned) char. */
#define __is_byte_array(a)	(__same_type((a)[0], char) || __same_type((a)[0], signed char) || \
				 __same_type((a)[0], unsigned char))
#define __must_be_byte_array(a)	BUILD_BUG_ON_ZERO(!__is_byte_array(a))
/* __nonstring arrays must (or must not) be passed where a C string is meant. */
#if __has_builtin(__builtin_has_attribute)
#define __must_be_cstr(p)	BUILD_BUG_ON_ZERO(__annotated(p, nonstring))
#define __must_be_noncstr(p)	BUILD_BUG_ON_ZERO(!__annotated(p, nonstring))
#else
#define __must_be_cstr(p)	0
#define __must_be_noncstr(p)	0
#endif

#endif
