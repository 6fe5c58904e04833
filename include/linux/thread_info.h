#ifndef _LINUX_THREAD_INFO_H
#define _LINUX_THREAD_INFO_H

/* Task flag bits (Linux's accessors; the bits are in asm/thread_info.h). */
#include <linux/types.h>
#include <linux/bitops.h>
#include <asm/thread_info.h>

#define task_thread_info(task)	(&(task)->thread_info)

#define set_tsk_thread_flag(t, f)	set_bit((f), &task_thread_info(t)->flags)
#define clear_tsk_thread_flag(t, f)	clear_bit((f), &task_thread_info(t)->flags)
#define test_tsk_thread_flag(t, f)	test_bit((f), &task_thread_info(t)->flags)
#define test_and_set_tsk_thread_flag(t, f) \
	test_and_set_bit((f), &task_thread_info(t)->flags)
#define test_and_clear_tsk_thread_flag(t, f) \
	test_and_clear_bit((f), &task_thread_info(t)->flags)
#define set_thread_flag(f)		set_tsk_thread_flag(current, (f))
#define clear_thread_flag(f)		clear_tsk_thread_flag(current, (f))
#define test_thread_flag(f)		test_tsk_thread_flag(current, (f))

#endif
