#ifndef _KERNEL_CPUHP_H
#define _KERNEL_CPUHP_H

/* The hotplug state walks, for kernel/cpu.c (kernel/cpuhp.c). */
void cpuhp_threads_init(void);
int cpuhp_bp_prepare(unsigned int cpu);		/* prepare states up; undone on failure */
void cpuhp_bp_dead(unsigned int cpu);		/* prepare states down */
int cpuhp_ap_online(unsigned int cpu);		/* online states up, on cpu; undone on failure */
int cpuhp_ap_offline(unsigned int cpu);		/* online states down, on cpu; restarted on failure */

#endif
