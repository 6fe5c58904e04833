#ifndef _KERNEL_MM_H
#define _KERNEL_MM_H

/*
 * This kernel's own memory-management interfaces (kernel/mm/), between
 * its parts and for its tests' leak accounting: not Linux's API.
 */
#include <linux/mm.h>
#include <linux/atomic.h>

/*
 * A page's state (struct page.flags):
 *   reserved  (PG_reserved) never given to the allocator
 *   free      (PG_buddy on the head page of a free block; order = size)
 *   allocated (PG_head on the first page of the block, order = its size;
 *              a slab page also has PG_slab and slab != NULL, a large
 *              kmalloc head page PG_large_kmalloc, a vmalloc() block's
 *              head page PG_vmalloc)
 */
#define PG_reserved		0x1
#define PG_buddy		0x2
#define PG_slab			0x4
#define PG_large_kmalloc	0x8
#define PG_head			0x10
#define PG_vmalloc		0x20	/* head page of a vmalloc() block */

/* Counters for leak checks: pages handed out now, and totals. */
extern atomic_long_t nr_pages_in_use;
extern atomic_long_t nr_slab_pages, nr_pagetable_pages;

/*
 * Pages in use other than slab pages and page tables: what a leak check
 * compares, next to slab_bytes_in_use.  A slab page may stay when its
 * live objects were freed and allocated again elsewhere (the byte count
 * says whether anything leaked), and page tables of the stack area are
 * never freed once a deeper stack slot was mapped.
 */
static inline long nr_pages_in_use_direct(void)
{
	return atomic_long_read(&nr_pages_in_use) - atomic_long_read(&nr_slab_pages) -
	       atomic_long_read(&nr_pagetable_pages);
}
extern unsigned long nr_pages_total;
unsigned long nr_free_pages(void);
void page_alloc_init(void);

/* Make the nth next allocation (page or slab) fail: a test hook. */
void alloc_fail_inject(int nth);
bool alloc_should_fail(void);

/* Kernel stacks with an unmapped guard page below (kernel/mm/stack.c). */
void *stack_alloc(void);
void stack_free(void *stack);
unsigned long stack_cache_drain(void);
bool stack_guard_hit(unsigned long addr);
extern atomic_long_t nr_stacks_in_use;

/* Slab (kernel/mm/slab.c): bytes of objects handed out now (leak checks). */
extern atomic_long_t slab_bytes_in_use;
void kmem_cache_init(void);
unsigned long kmem_shrink_all(void);
extern unsigned long slab_errors;

#endif
