#ifndef _LINUX_KCONFIG_H
#define _LINUX_KCONFIG_H

/*
 * IS_ENABLED(CONFIG_FOO): 1 if CONFIG_FOO is defined to 1 (built in) or
 * CONFIG_FOO_MODULE to 1 (a module: never here), else 0; usable in #if
 * and in C expressions alike.  The configuration is the -D flags of the
 * Makefile and the few CONFIG_ macros that headers derive from the
 * compiler (CONFIG_ARCH_SUPPORTS_INT128, CONFIG_CC_HAS_COUNTED_BY).
 *
 * How: a macro defined to 1 turns "__kcfg_probe_##1" into "0," so that
 * the second argument of the helper becomes 1; anything else leaves a
 * single argument and the default 0 is picked.
 */
#define __kcfg_probe_1			0,
#define __kcfg_second(ignored, val, ...)	val
#define __kcfg_pick(arg_or_junk)	__kcfg_second(arg_or_junk 1, 0, 0)
#define __kcfg_is_one(val)		__kcfg_pick(__kcfg_probe_##val)
#define __is_defined(x)			__kcfg_is_one(x)

#define IS_BUILTIN(option)	__is_defined(option)
#define IS_MODULE(option)	__is_defined(option##_MODULE)
#define IS_ENABLED(option)	(IS_BUILTIN(option) || IS_MODULE(option))
#define IS_REACHABLE(option)	IS_ENABLED(option)

#endif
