#ifndef _KUNIT_VISIBILITY_H
#define _KUNIT_VISIBILITY_H

/* Everything is built in and the tests always built: nothing to hide. */
#include <linux/export.h>

#define VISIBLE_IF_KUNIT
#define EXPORT_SYMBOL_IF_KUNIT(symbol)	EXPORT_SYMBOL_NS(symbol, "EXPORTED_FOR_KUNIT_TESTING")

#endif
