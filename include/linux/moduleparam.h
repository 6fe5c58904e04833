#ifndef _LINUX_MODULEPARAM_H
#define _LINUX_MODULEPARAM_H

/*
 * Module parameters (Linux's linux/moduleparam.h), for built-in code.
 *
 *   module_param(name, type, perm)
 *   module_param_named(name, var, type, perm)
 *   module_param_cb(name, ops, arg, perm)
 *   module_param_string(name, buf, len, perm)
 *   module_param_array(name, type, &num, perm)
 *   core_param(name, var, type, perm)          (no module prefix)
 *   MODULE_PARM_DESC(name, "text")
 *
 * type is one of byte short ushort int uint long ulong ullong hexint
 * bool invbool bint charp (or anything with a param_ops_<type> and a
 * param_check_<type>).  As for built-in code in Linux, the value comes
 * from the kernel command line as "<modname>.<name>=<value>", modname
 * being KBUILD_MODNAME ('-' and '_' match each other in names); a bool
 * may be given as a bare "<modname>.<name>" (true).  kernel/params.c
 * applies them before any other command-line handler runs, while the
 * boot CPU is alone; a value the type refuses is reported and ignored.
 * perm is checked for sanity and otherwise unused (there is no sysfs).
 *
 * Each parameter is a struct kernel_param in the "__param" section,
 * __start___param..__stop___param.
 */
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/build_bug.h>
#include <linux/stringify.h>

struct module;
struct kernel_param;

struct kernel_param_ops {
	unsigned int flags;		/* KERNEL_PARAM_OPS_FL_NOARG: value optional */
	int (*set)(const char *val, const struct kernel_param *kp);
	int (*get)(char *buffer, const struct kernel_param *kp);
	void (*free)(void *arg);
};
#define KERNEL_PARAM_OPS_FL_NOARG	(1 << 0)

struct kparam_string {
	unsigned int maxlen;
	char *string;
};

struct kparam_array {
	unsigned int max;
	unsigned int elemsize;
	unsigned int *num;
	const struct kernel_param_ops *ops;
	void *elem;
};

struct kernel_param {
	const char *name;		/* "<modname>.<param>" */
	struct module *mod;
	const struct kernel_param_ops *ops;
	const u16 perm;
	s8 level;
	u8 flags;
	union {
		void *arg;
		const struct kparam_string *str;
		const struct kparam_array *arr;
	};
};

extern const struct kernel_param __start___param[], __stop___param[];

#ifndef KBUILD_MODNAME
#define KBUILD_MODNAME	"kernel"
#endif
#define MODULE_PARAM_PREFIX	KBUILD_MODNAME "."

/* Permissions: octal, no world-writable bit (as Linux checks). */
#define VERIFY_OCTAL_PERMISSIONS(perm)					\
	(BUILD_BUG_ON_ZERO((perm) < 0) + BUILD_BUG_ON_ZERO((perm) > 0777) + \
	 BUILD_BUG_ON_ZERO((perm) & 2) + (perm))

#define __module_param_call(prefix, name, ops, arg, perm, level, flags)	\
	static const char __param_str_##name[] = prefix #name;		\
	static const struct kernel_param __param_##name			\
	__used __section("__param") __aligned(sizeof(void *)) =	\
	{ __param_str_##name, ((struct module *)0), ops,		\
	  VERIFY_OCTAL_PERMISSIONS(perm), level, flags, { arg } }

#define module_param_cb(name, ops, arg, perm)				\
	__module_param_call(MODULE_PARAM_PREFIX, name, ops, arg, perm, -1, 0)
#define module_param_cb_unsafe(name, ops, arg, perm)			\
	__module_param_call(MODULE_PARAM_PREFIX, name, ops, arg, perm, -1, 0)

/* A compile-time check that var has the type the param type reads and writes. */
#define __param_check(name, p, type)					\
	static inline __maybe_unused type *__check_##name(void) { return (p); }

#define module_param_named(name, value, type, perm)			\
	param_check_##type(name, &(value));				\
	module_param_cb(name, &param_ops_##type, &value, perm);	\
	__MODULE_PARM_TYPE(name, #type)
#define module_param(name, type, perm)	module_param_named(name, name, type, perm)
#define module_param_unsafe(name, type, perm) module_param(name, type, perm)

#define core_param(name, var, type, perm)				\
	param_check_##type(name, &(var));				\
	__module_param_call("", name, &param_ops_##type, &var, perm, -1, 0)

#define module_param_string(name, string, len, perm)			\
	static const struct kparam_string __param_string_##name = { len, string }; \
	__module_param_call(MODULE_PARAM_PREFIX, name, &param_ops_string, \
			    .str = &__param_string_##name, perm, -1, 0);\
	__MODULE_PARM_TYPE(name, "string")

#define module_param_array_named(name, array, type, nump, perm)	\
	param_check_##type(name, &(array)[0]);				\
	static const struct kparam_array __param_arr_##name =		\
	{ .max = sizeof(array) / sizeof((array)[0]), .num = nump,	\
	  .ops = &param_ops_##type, .elemsize = sizeof((array)[0]),	\
	  .elem = array };						\
	__module_param_call(MODULE_PARAM_PREFIX, name, &param_array_ops, \
			    .arr = &__param_arr_##name, perm, -1, 0);	\
	__MODULE_PARM_TYPE(name, "array of " #type)
#define module_param_array(name, type, nump, perm)			\
	module_param_array_named(name, name, type, nump, perm)

/* Descriptions and types: kept as .modinfo strings, which are discarded. */
#define __MODULE_PARM_INFO(tag, name, info)				\
	static const char __UNIQUE_ID(tag)[] __used __aligned(1)	\
	__section(".modinfo") = KBUILD_MODNAME "." __stringify(tag) "=" info
#define MODULE_PARM_DESC(_parm, desc)	__MODULE_PARM_INFO(parm, _parm, #_parm ":" desc)
#define __MODULE_PARM_TYPE(name, _type)	__MODULE_PARM_INFO(parmtype, name, #name ":" _type)

/* The standard types: their ops (kernel/params.c) and type checks. */
#define __DECLARE_PARAM_TYPE(type, ctype)				\
	extern const struct kernel_param_ops param_ops_##type;		\
	int param_set_##type(const char *val, const struct kernel_param *kp); \
	int param_get_##type(char *buffer, const struct kernel_param *kp)
__DECLARE_PARAM_TYPE(byte, unsigned char);
__DECLARE_PARAM_TYPE(short, short);
__DECLARE_PARAM_TYPE(ushort, unsigned short);
__DECLARE_PARAM_TYPE(int, int);
__DECLARE_PARAM_TYPE(uint, unsigned int);
__DECLARE_PARAM_TYPE(long, long);
__DECLARE_PARAM_TYPE(ulong, unsigned long);
__DECLARE_PARAM_TYPE(ullong, unsigned long long);
__DECLARE_PARAM_TYPE(hexint, unsigned int);
__DECLARE_PARAM_TYPE(charp, char *);
__DECLARE_PARAM_TYPE(bool, bool);
__DECLARE_PARAM_TYPE(invbool, bool);
__DECLARE_PARAM_TYPE(bint, int);
__DECLARE_PARAM_TYPE(string, char);
#undef __DECLARE_PARAM_TYPE
void param_free_charp(void *arg);
int param_set_bool_enable_only(const char *val, const struct kernel_param *kp);
extern const struct kernel_param_ops param_ops_bool_enable_only;
extern const struct kernel_param_ops param_array_ops;

#define param_check_byte(name, p)	__param_check(name, p, unsigned char)
#define param_check_short(name, p)	__param_check(name, p, short)
#define param_check_ushort(name, p)	__param_check(name, p, unsigned short)
#define param_check_int(name, p)	__param_check(name, p, int)
#define param_check_uint(name, p)	__param_check(name, p, unsigned int)
#define param_check_long(name, p)	__param_check(name, p, long)
#define param_check_ulong(name, p)	__param_check(name, p, unsigned long)
#define param_check_ullong(name, p)	__param_check(name, p, unsigned long long)
#define param_check_hexint(name, p)	__param_check(name, p, unsigned int)
#define param_check_charp(name, p)	__param_check(name, p, char *)
#define param_check_bool(name, p)	__param_check(name, p, bool)
#define param_check_invbool(name, p)	__param_check(name, p, bool)
#define param_check_bint		param_check_int
#define param_check_bool_enable_only	param_check_bool

/*
 * parse_args-style helpers for kernel/params.c: apply "name[=value]" to
 * the matching parameter of [start, stop).  Return: 0 applied, -ENOENT
 * no such parameter, or the type's error (-EINVAL, -ERANGE, ...).
 */
int kernel_param_apply(const struct kernel_param *start, const struct kernel_param *stop,
		       const char *name, const char *val);
bool parameq(const char *a, const char *b);
bool parameqn(const char *a, const char *b, size_t n);

#endif
