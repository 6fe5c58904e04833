#ifndef _KERNEL_TRACE_H
#define _KERNEL_TRACE_H

/*
 * Event tracing (kernel/trace.c): per-CPU rings of TSC-stamped records.
 * trace_event() costs one load and a predicted branch while tracing is off.
 */
#include <linux/types.h>
#include <linux/compiler.h>

enum trace_event_id {
	TRACE_SCHED_SWITCH,	/* p = next, arg = prev pid */
	TRACE_SCHED_WAKEUP,	/* p = woken, arg = target CPU */
	TRACE_SCHED_MIGRATE,	/* p, arg = new CPU */
	TRACE_KTHREAD_CREATE,
	TRACE_KTHREAD_STOP,
	TRACE_KTHREAD_PARK,
	TRACE_KTHREAD_UNPARK,
	TRACE_WQ_QUEUE,		/* arg = work function address */
	TRACE_WQ_EXEC_START,
	TRACE_WQ_EXEC_END,
	TRACE_WORKER_CREATE,
	TRACE_WORKER_DIE,
	TRACE_CPU_OFFLINE,	/* arg = cpu */
	TRACE_CPU_ONLINE,
	TRACE_MARK,		/* text */
};

struct task_struct;
extern bool trace_on;
void __trace_event(int event, struct task_struct *p, long arg, const char *text);
int trace_start(void);
void trace_stop(void);
void trace_dump(void (*print)(const char *line));

#ifdef CONFIG_NO_TRACE	/* for measuring what the off-state check costs */
#define trace_event(ev, p, arg) do { } while (0)
#define trace_mark(text) do { } while (0)
#else
#define trace_event(ev, p, arg) do {					\
	if (unlikely(READ_ONCE(trace_on)))				\
		__trace_event((ev), (p), (long)(arg), NULL);		\
} while (0)
#define trace_mark(text) do {						\
	if (unlikely(READ_ONCE(trace_on)))				\
		__trace_event(TRACE_MARK, NULL, 0, (text));		\
} while (0)
#endif

#endif
