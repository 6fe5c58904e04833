#ifndef _LINUX_GFP_H
#define _LINUX_GFP_H

#include <linux/types.h>

/*
 * Allocation flags.  Nothing here sleeps to reclaim memory, so GFP_KERNEL
 * and GFP_ATOMIC behave alike (both return NULL on exhaustion); the flags
 * are kept so that Linux callers compile and __GFP_ZERO works.
 */
#define __GFP_ZERO	0x100u
#define __GFP_NOWARN	0x200u
#define __GFP_NOFAIL	0x400u
#define __GFP_HIGH	0x20u
#define __GFP_RECLAIM	0x400000u
#define GFP_ATOMIC	(__GFP_HIGH)
#define GFP_NOWAIT	0x1u
#define GFP_KERNEL	(__GFP_RECLAIM | 0x40u | 0x80u)
#define GFP_NOIO	(__GFP_RECLAIM)
#define GFP_NOFS	(__GFP_RECLAIM | 0x40u)
#define GFP_USER	GFP_KERNEL
#define GFP_DMA		GFP_KERNEL
#define GFP_DMA32	GFP_KERNEL
#define GFP_HIGHUSER	GFP_KERNEL

#define MAX_ORDER	11	/* orders 0..10: up to 4 MiB blocks */

struct page;

struct page *alloc_pages(gfp_t gfp, unsigned int order);
void __free_pages(struct page *page, unsigned int order);
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
unsigned long get_zeroed_page(gfp_t gfp);
void free_pages(unsigned long addr, unsigned int order);
#define alloc_page(gfp)		alloc_pages(gfp, 0)
#define __get_free_page(gfp)	__get_free_pages(gfp, 0)
#define free_page(addr)		free_pages((addr), 0)
#define __free_page(page)	__free_pages((page), 0)

#endif
