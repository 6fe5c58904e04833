#ifndef _LINUX_STRINGIFY_H
#define _LINUX_STRINGIFY_H

#include <linux/compiler.h>	/* __stringify, __PASTE */

#include <linux/args.h>	/* CONCATENATE */

#endif
