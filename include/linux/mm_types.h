#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

/*
 * One struct page per physical page frame up to the highest RAM address
 * (kernel/mm/page_alloc.c).  Its flags (kernel/mm.h) say which state it
 * is in: reserved, free (the head of a free block), or allocated (a slab
 * page, a large kmalloc, or a block of alloc_pages()).
 */
#include <linux/types.h>
#include <linux/list.h>

struct page {
	unsigned long flags;		/* zone lock for PG_buddy */
	unsigned int order;		/* free block / large kmalloc order */
	unsigned int pad;
	struct list_head lru;		/* zone free list */
	void *slab;			/* PG_slab: its struct slab */
};

#endif
