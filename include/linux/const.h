#ifndef _LINUX_CONST_H
#define _LINUX_CONST_H

/* Constants with a suffix that assembly would not accept (Linux's const.h). */
#define __AC(x, y)	(x##y)
#define _AC(x, y)	__AC(x, y)
#define _UL(x)		(_AC(x, UL))
#define _ULL(x)		(_AC(x, ULL))
#define UL(x)		(_UL(x))
#define ULL(x)		(_ULL(x))
#define _BITUL(x)	(_UL(1) << (x))
#define _BITULL(x)	(_ULL(1) << (x))
#define __KERNEL_DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))

#endif
