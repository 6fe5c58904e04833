#ifndef _LINUX_SCHED_TYPES_H
#define _LINUX_SCHED_TYPES_H

/* struct sched_param (Linux's uapi form): for sched_setscheduler(). */
struct sched_param {
	int sched_priority;
};

#endif
