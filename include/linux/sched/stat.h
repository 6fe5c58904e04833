#ifndef _LINUX_SCHED_STAT_H
#define _LINUX_SCHED_STAT_H

/* Scheduler statistics (kernel/sched/core.c). */
unsigned long nr_running(void);
unsigned long long nr_context_switches(void);

#endif
