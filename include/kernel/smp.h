#ifndef _KERNEL_SMP_H
#define _KERNEL_SMP_H

/* This kernel's own SMP start-up interfaces (kernel/smp.c). */
void smp_ipi_init(void);

#endif
