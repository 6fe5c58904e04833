#ifndef _LINUX_VMALLOC_H
#define _LINUX_VMALLOC_H

/*
 * vmalloc: virtually contiguous memory of any page count (Linux's
 * linux/vmalloc.h API).  Here a vmalloc block is a physically contiguous
 * block of the page allocator seen through the direct map (which is
 * virtually contiguous too), so its size is limited by the largest free
 * block (MAX_ORDER: 4 MiB) rather than by free memory; callers cannot
 * tell otherwise.  vfree() takes exactly what vmalloc returned.
 * Context: vmalloc may be called where kmalloc(GFP_KERNEL) may; vfree in
 * any context.
 */
#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/numa.h>
#include <linux/overflow.h>

void *__vmalloc(unsigned long size, gfp_t gfp);
void *__vmalloc_node(unsigned long size, unsigned long align, gfp_t gfp, int node,
		     const void *caller);
void vfree(const void *addr);
bool is_vmalloc_addr(const void *addr);
struct page *vmalloc_to_page(const void *addr);

#define vmalloc(size)			__vmalloc(size, GFP_KERNEL)
#define vzalloc(size)			__vmalloc(size, GFP_KERNEL | __GFP_ZERO)
#define vmalloc_node(size, node)	__vmalloc(size, GFP_KERNEL)
#define vzalloc_node(size, node)	__vmalloc(size, GFP_KERNEL | __GFP_ZERO)
#define vmalloc_noprof			vmalloc
#define vmalloc_array(n, size)		__vmalloc(size_mul(n, size), GFP_KERNEL)
#define vcalloc(n, size)		__vmalloc(size_mul(n, size), GFP_KERNEL | __GFP_ZERO)
#define vmalloc_32(size)		vmalloc(size)

#endif
