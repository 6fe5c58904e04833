#ifndef _LINUX_SCHED_INIT_H
#define _LINUX_SCHED_INIT_H

/* Scheduler start-up (kernel/sched/core.c). */
void sched_init(void);
void sched_init_smp(void);

#endif
