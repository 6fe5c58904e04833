#ifndef _LINUX_EXPORT_H
#define _LINUX_EXPORT_H

#include <linux/compiler.h>

/*
 * Symbol exports.  Everything here is linked into one image and there is
 * no module loader, so an export has nobody to serve; the macros still
 * check what Linux's do at compile time (the symbol is declared and not
 * static) and record nothing in the image.  Namespaced forms take the
 * namespace as a string, as since Linux 6.13.
 */
#define __EXPORT_SYMBOL_NS(sym, license, ns)				\
	extern __typeof__(sym) sym;					\
	static void *const __PASTE(__export_, sym) __used		\
	__section(".discard.export") = (void *)&sym

#define EXPORT_SYMBOL(sym)			__EXPORT_SYMBOL_NS(sym, "", "")
#define EXPORT_SYMBOL_GPL(sym)			__EXPORT_SYMBOL_NS(sym, "GPL", "")
#define EXPORT_SYMBOL_NS(sym, ns)		__EXPORT_SYMBOL_NS(sym, "", ns)
#define EXPORT_SYMBOL_NS_GPL(sym, ns)		__EXPORT_SYMBOL_NS(sym, "GPL", ns)
#define EXPORT_SYMBOL_GPL_FOR_MODULES(sym, mods) __EXPORT_SYMBOL_NS(sym, "GPL", "module:" mods)
#define EXPORT_SYMBOL_FOR_MODULES(sym, mods)	EXPORT_SYMBOL_GPL_FOR_MODULES(sym, mods)

#endif
