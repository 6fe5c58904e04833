#ifndef _LINUX_JIFFIES_H
#define _LINUX_JIFFIES_H

#include <linux/types.h>
#include <linux/compiler.h>

#ifndef CONFIG_HZ
#define CONFIG_HZ 1000
#endif
#define HZ CONFIG_HZ
#define MAX_JIFFY_OFFSET ((LONG_MAX >> 1) - 1)
#ifndef LONG_MAX
#define LONG_MAX ((long)(~0UL >> 1))
#endif

/* Ticks since boot, advanced by the boot CPU's tick (kernel/time.c). */
extern volatile unsigned long jiffies;
extern u64 jiffies_64;
static inline u64 get_jiffies_64(void) { return READ_ONCE(jiffies); }

#define time_after(a, b)	((long)((b) - (a)) < 0)
#define time_before(a, b)	time_after(b, a)
#define time_after_eq(a, b)	((long)((a) - (b)) >= 0)
#define time_before_eq(a, b)	time_after_eq(b, a)
#define time_in_range(a, b, c)	(time_after_eq(a, b) && time_before_eq(a, c))
#define time_is_before_jiffies(a)	time_after(jiffies, a)
#define time_is_after_jiffies(a)	time_before(jiffies, a)

static inline unsigned long msecs_to_jiffies(unsigned int m) { return ((unsigned long)m * HZ + 999) / 1000; }
static inline unsigned long usecs_to_jiffies(unsigned int u) { return ((unsigned long)u * HZ + 999999) / 1000000; }
static inline unsigned int jiffies_to_msecs(unsigned long j) { return (unsigned int)(j * 1000 / HZ); }
static inline unsigned int jiffies_to_usecs(unsigned long j) { return (unsigned int)(j * 1000000 / HZ); }
static inline u64 jiffies_to_nsecs(unsigned long j) { return (u64)j * (1000000000ULL / HZ); }
static inline unsigned long nsecs_to_jiffies(u64 n) { return (unsigned long)((n * HZ + 999999999ULL) / 1000000000ULL); }
#define round_jiffies(j)		(j)
#define round_jiffies_relative(j)	(j)
#define round_jiffies_up(j)		(j)

#endif
