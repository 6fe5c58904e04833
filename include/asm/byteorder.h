#ifndef _ASM_BYTEORDER_H
#define _ASM_BYTEORDER_H

/* x86_64 is little-endian. */
#include <linux/byteorder/little_endian.h>

#endif
