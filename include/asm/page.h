#ifndef _ASM_PAGE_H
#define _ASM_PAGE_H

#include <linux/types.h>

/*
 * Virtual address space (48-bit, 4-level paging):
 *
 *   0x0000000000000000  user half: unused; the NULL page is never mapped
 *   0xFFFF800000000000  PAGE_OFFSET: direct map of all physical RAM
 *   0xFFFFC80000000000  IOREMAP_BASE: device memory, uncached
 *   0xFFFFC90000000000  STACK_BASE: kernel stacks, each with a guard page
 *   0xFFFFFFFF80000000  KERNEL_VMA: the kernel image (-mcmodel=kernel)
 */
#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define PAGE_OFFSET	0xFFFF800000000000UL
#define IOREMAP_BASE	0xFFFFC80000000000UL
#define IOREMAP_SIZE	(1UL << 30)
#define STACK_BASE	0xFFFFC90000000000UL
#define STACK_AREA_SIZE	(1UL << 36)
#define KERNEL_VMA	0xFFFFFFFF80000000UL

#define PAGE_ALIGN(x)	(((x) + PAGE_SIZE - 1) & PAGE_MASK)

#define __va(pa)	((void *)((unsigned long)(pa) + PAGE_OFFSET))
static inline phys_addr_t __pa(const void *va)
{
	unsigned long a = (unsigned long)va;
	return a >= KERNEL_VMA ? a - KERNEL_VMA : a - PAGE_OFFSET;
}
#define virt_to_phys(v)	__pa(v)
#define phys_to_virt(p)	__va(p)

#define THREAD_SIZE	(12 * 1024)	/* a kernel stack; an unmapped guard page below */

#endif
