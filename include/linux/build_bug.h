#ifndef _LINUX_BUILD_BUG_H
#define _LINUX_BUILD_BUG_H

#include <linux/compiler.h>

/*
 * Compile-time checks, with Linux's names and reach:
 *
 *   BUILD_BUG_ON(cond)       statement; cond need only be constant after
 *                            optimisation (an inlined argument, say)
 *   BUILD_BUG_ON_MSG(c, m)   the same with an error message
 *   BUILD_BUG_ON_ZERO(e)     expression of value 0 (an int), e a constant
 *                            expression; usable in initialisers
 *   static_assert(e[, msg])  declaration, e a constant expression
 *
 * The statement forms call a function declared with the "error"
 * attribute when the condition holds: the optimiser removes the call
 * when the condition folds to false, so only a true condition reaches
 * the back end, which reports the message.
 */
#define __bb_assert(cond, msg, name)				\
	do {							\
		extern void name(void) __compiletime_error(msg); \
		if (!(cond))					\
			name();					\
	} while (0)
#define _bb_assert(cond, msg, n)	__bb_assert(cond, msg, __PASTE(__build_bug_failed_, n))
#define compiletime_assert(cond, msg)	_bb_assert(cond, msg, __COUNTER__)

#define BUILD_BUG_ON_MSG(cond, msg)	compiletime_assert(!(cond), msg)
#define BUILD_BUG_ON(cond)		BUILD_BUG_ON_MSG(cond, "BUILD_BUG_ON failed: " #cond)
#define BUILD_BUG()			BUILD_BUG_ON_MSG(1, "BUILD_BUG failed")
#define BUILD_BUG_ON_NOT_POWER_OF_2(n)	BUILD_BUG_ON((n) == 0 || (((n) & ((n) - 1)) != 0))
#define __BUILD_BUG_ON_NOT_POWER_OF_2(n) BUILD_BUG_ON(((n) & ((n) - 1)) != 0)

/* A bit-field of negative width is an error; of width 0, a struct of size 0. */
#define BUILD_BUG_ON_ZERO(e)	((int)(sizeof(struct { int:(-!!(e)); })))

/* static_assert(expr) or static_assert(expr, "message"), as C11 and Linux. */
#define static_assert(expr, ...)	__static_assert(expr, ##__VA_ARGS__, #expr)
#define __static_assert(expr, msg, ...)	_Static_assert(expr, msg)

#endif
