#ifndef _ASM_PGTABLE_H
#define _ASM_PGTABLE_H

#include <linux/types.h>
#include <asm/page.h>

#define _PAGE_PRESENT	(1UL << 0)
#define _PAGE_RW	(1UL << 1)
#define _PAGE_USER	(1UL << 2)
#define _PAGE_PWT	(1UL << 3)
#define _PAGE_PCD	(1UL << 4)
#define _PAGE_ACCESSED	(1UL << 5)
#define _PAGE_DIRTY	(1UL << 6)
#define _PAGE_PSE	(1UL << 7)
#define _PAGE_GLOBAL	(1UL << 8)
#define _PAGE_NX	(1UL << 63)
#define PTE_ADDR_MASK	0x000FFFFFFFFFF000UL

#define PAGE_KERNEL		(_PAGE_PRESENT | _PAGE_RW | _PAGE_GLOBAL | _PAGE_NX)
#define PAGE_KERNEL_RO		(_PAGE_PRESENT | _PAGE_GLOBAL | _PAGE_NX)
#define PAGE_KERNEL_EXEC	(_PAGE_PRESENT | _PAGE_GLOBAL)
#define PAGE_KERNEL_NOCACHE	(PAGE_KERNEL | _PAGE_PCD | _PAGE_PWT)

/*
 * Kernel page tables (arch/x86_64/mm/paging.c).  One PML4 shared by all
 * CPUs; page-table pages come from the page allocator and are never freed.
 * pgtable_lock (inside paging.c) serialises changes; callers that unmap
 * must flush other CPUs' TLBs themselves (flush_tlb_kernel_range).
 */
void paging_init(void);
int map_kernel_page(unsigned long va, phys_addr_t pa, unsigned long prot);
phys_addr_t unmap_kernel_page(unsigned long va);
bool kern_addr_mapped(unsigned long va);
phys_addr_t kernel_pml4_phys(void);
void flush_tlb_kernel_range(unsigned long start, unsigned long end);
void paging_map_trampoline(bool map);

#endif
