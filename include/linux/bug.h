#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <linux/compiler.h>

/*
 * BUG(): an oops with a backtrace, then panic.  WARN(): a report with a
 * backtrace, then the caller carries on.  Both bump counters the tests
 * read (kernel/panic.c).
 */
void __warn(const char *file, int line, const char *fmt, ...) __printf(3, 4) __cold;
void __bug(const char *file, int line, const char *fmt, ...) __printf(3, 4) __noreturn __cold;

#define BUG() __bug(__FILE__, __LINE__, NULL)
#define BUG_ON(cond) do { if (unlikely(cond)) __bug(__FILE__, __LINE__, "%s", #cond); } while (0)

#define WARN(cond, fmt...) ({						\
	int __ret_warn = !!(cond);					\
	if (unlikely(__ret_warn))					\
		__warn(__FILE__, __LINE__, fmt);			\
	unlikely(__ret_warn); })
#define WARN_ON(cond) ({						\
	int __ret_warn_on = !!(cond);					\
	if (unlikely(__ret_warn_on))					\
		__warn(__FILE__, __LINE__, "%s", #cond);		\
	unlikely(__ret_warn_on); })
#define WARN_ONCE(cond, fmt...) ({					\
	static bool __warned;						\
	int __ret_warn_once = !!(cond);					\
	if (unlikely(__ret_warn_once && !__warned)) {			\
		__warned = true;					\
		__warn(__FILE__, __LINE__, fmt);			\
	}								\
	unlikely(__ret_warn_once); })
#define WARN_ON_ONCE(cond) WARN_ONCE(cond, "%s", #cond)

#endif
