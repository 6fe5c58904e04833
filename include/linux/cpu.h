#ifndef _LINUX_CPU_H
#define _LINUX_CPU_H

#include <linux/cpumask.h>
#include <linux/smp.h>
#include <linux/cpuhotplug.h>

/* Logical CPU hotplug (kernel/cpu.c, later issues). */
int add_cpu(unsigned int cpu);
int remove_cpu(unsigned int cpu);
void cpus_read_lock(void);
void cpus_read_unlock(void);
int cpus_read_trylock(void);
void cpus_write_lock(void);
void cpus_write_unlock(void);
void lockdep_assert_cpus_held(void);
/* While disabled (nesting), add_cpu() and remove_cpu() fail with -EBUSY. */
void cpu_hotplug_disable(void);
void cpu_hotplug_enable(void);
#define cpu_is_offline(cpu)	unlikely(!cpu_online(cpu))

#endif
