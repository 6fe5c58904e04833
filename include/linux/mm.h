#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/gfp.h>
#include <linux/atomic.h>
#include <asm/page.h>

#include <linux/mm_types.h>

extern struct page *mem_map;
extern unsigned long max_pfn;

static inline unsigned long page_to_pfn(const struct page *p) { return p - mem_map; }
static inline struct page *pfn_to_page(unsigned long pfn) { return &mem_map[pfn]; }
static inline void *page_address(const struct page *p) { return __va(page_to_pfn(p) << PAGE_SHIFT); }
static inline struct page *virt_to_page(const void *v) { return pfn_to_page(__pa(v) >> PAGE_SHIFT); }
static inline bool virt_addr_valid(const void *v)
{
	unsigned long a = (unsigned long)v;
	return a >= PAGE_OFFSET && a < PAGE_OFFSET + (max_pfn << PAGE_SHIFT);
}

#endif
