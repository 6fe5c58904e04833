#ifndef _KERNEL_SMPBOOT_H
#define _KERNEL_SMPBOOT_H

/* CPU hotplug's side of the per-CPU threads (kernel/smpboot.c). */
int smpboot_create_threads(unsigned int cpu);
void smpboot_unpark_threads(unsigned int cpu);
void smpboot_park_threads(unsigned int cpu);

#endif
