#ifndef _LINUX_STRINGIFY_H
#define _LINUX_STRINGIFY_H

#include <linux/compiler.h>	/* __stringify, __PASTE */

#define CONCATENATE(a, b)	__PASTE(a, b)

#endif
