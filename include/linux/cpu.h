#ifndef _LINUX_CPU_H
#define _LINUX_CPU_H

#include <linux/cpumask.h>
#include <linux/smp.h>

/* Logical CPU hotplug (kernel/cpu.c, later issues). */
int add_cpu(unsigned int cpu);
int remove_cpu(unsigned int cpu);
void cpus_read_lock(void);
void cpus_read_unlock(void);

#endif
