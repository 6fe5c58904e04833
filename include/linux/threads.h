#ifndef _LINUX_THREADS_H
#define _LINUX_THREADS_H

/* Most CPUs this kernel supports; extra CPUs in the MADT are ignored. */
#ifndef CONFIG_NR_CPUS
#define CONFIG_NR_CPUS 64
#endif
#define NR_CPUS CONFIG_NR_CPUS

#endif
