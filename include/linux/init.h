#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include <linux/compiler.h>

/*
 * Kernel command-line parameters: __setup("name=", fn) registers fn for
 * "name=value" (fn gets "value"), __setup("name", fn) for a bare word
 * (fn gets ""); fn returns 0 when the value is acceptable.  Anything on
 * the command line that no handler claims is reported once and ignored.
 */
struct kernel_param_setup {
	const char *name;
	int (*fn)(char *val);
};
#define __setup(str, func)						\
	static const struct kernel_param_setup __UNIQUE_ID(setup)	\
	__section(".init.setup") __used __aligned(8) = { str, func }
#define early_param(str, func) __setup(str "=", func)

/*
 * Initcalls: run in level order by do_initcalls() once every CPU is up.
 * Within a level, link order.
 */
typedef int (*initcall_t)(void);
#define __define_initcall(fn, lvl)					\
	static const initcall_t __PASTE(__initcall_, fn)		\
	__section(".initcall." #lvl) __used = fn
#define core_initcall(fn)	__define_initcall(fn, 1)
#define subsys_initcall(fn)	__define_initcall(fn, 4)
#define device_initcall(fn)	__define_initcall(fn, 6)
#define late_initcall(fn)	__define_initcall(fn, 7)
#define arch_initcall(fn)	__define_initcall(fn, 3)
#define fs_initcall(fn)		__define_initcall(fn, 5)
#define __initcall(fn)		device_initcall(fn)

/*
 * Built-in code is never unloaded: an exit function is kept only in a
 * section the linker discards (so that it compiles and is not reported
 * unused), as Linux does for built-in modules.
 */
typedef void (*exitcall_t)(void);
#define __exitcall(fn)							\
	static exitcall_t __PASTE(__exitcall_, fn) __used		\
	__section(".exitcall.exit") = fn

#define module_init(fn)		__initcall(fn)
#define module_exit(fn)		__exitcall(fn)

void parse_kernel_cmdline(char *cmdline);
void do_initcalls(void);

#endif
