#ifndef _LINUX_SCHED_HOTPLUG_H
#define _LINUX_SCHED_HOTPLUG_H

/* The scheduler's CPU-hotplug steps (kernel/sched/core.c). */
int sched_cpu_activate(unsigned int cpu);

#endif
