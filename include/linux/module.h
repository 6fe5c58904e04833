#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H

/*
 * Modules, built in.  This kernel has no module loader: every "module" is
 * linked into the image, as Linux's built-in code is (=y), and behaves
 * the same way:
 *
 *   module_init(fn)   an initcall at device level (do_initcalls())
 *   module_exit(fn)   never runs (built-in code is never unloaded); the
 *                     function is referenced from a discarded section so
 *                     that it compiles, warning-free, and is dropped
 *   MODULE_LICENSE, MODULE_AUTHOR, MODULE_DESCRIPTION, MODULE_INFO,
 *   MODULE_IMPORT_NS, MODULE_ALIAS, MODULE_DEVICE_TABLE, ...
 *                     accepted; the strings go to a discarded .modinfo
 *   THIS_MODULE       NULL, as for built-in code in Linux
 *
 * Each object is compiled with KBUILD_MODNAME, its file name with '-'
 * turned into '_' (the Makefile passes it, as kbuild does), which names
 * its parameters on the command line: see linux/moduleparam.h.
 */
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/init.h>
#include <linux/export.h>
#include <linux/moduleparam.h>
#include <linux/stringify.h>

struct module;
#define THIS_MODULE	((struct module *)0)

#ifndef KBUILD_MODNAME
#define KBUILD_MODNAME	"kernel"
#endif

#define __MODULE_INFO(tag, name, info)					\
	static const char __UNIQUE_ID(name)[] __used __aligned(1)	\
	__section(".modinfo") = KBUILD_MODNAME "." __stringify(tag) "=" info
#define MODULE_INFO(tag, info)		__MODULE_INFO(tag, tag, info)
#define MODULE_LICENSE(_license)	MODULE_INFO(license, _license)
#define MODULE_AUTHOR(_author)		MODULE_INFO(author, _author)
#define MODULE_DESCRIPTION(_desc)	MODULE_INFO(description, _desc)
#define MODULE_ALIAS(_alias)		MODULE_INFO(alias, _alias)
#define MODULE_SOFTDEP(_dep)		MODULE_INFO(softdep, _dep)
#define MODULE_VERSION(_ver)		MODULE_INFO(version, _ver)
#define MODULE_FIRMWARE(_fw)		MODULE_INFO(firmware, _fw)
#define MODULE_IMPORT_NS(_ns)		MODULE_INFO(import_ns, _ns)
#define MODULE_DEVICE_TABLE(type, name)

static inline bool try_module_get(struct module *m) { (void)m; return true; }
static inline void module_put(struct module *m) { (void)m; }
static inline void __module_get(struct module *m) { (void)m; }
#define module_name(mod)	KBUILD_MODNAME

#endif
