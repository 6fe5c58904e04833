/*
 * vmalloc and kvmalloc.
 *
 * A vmalloc block is a block of 2^order pages from the buddy allocator,
 * used through the direct map: virtually contiguous, as vmalloc promises,
 * because it is physically contiguous.  Its head page is marked
 * PG_vmalloc so that vfree() and kvfree() can tell it from kmalloc
 * memory (a large kmalloc block is marked PG_large_kmalloc, a slab page
 * PG_slab).  The price of not mapping pages one by one is that the
 * largest vmalloc is the largest buddy block (4 MiB), and that a
 * fragmented memory fails sooner than Linux's vmalloc would; nothing in
 * the kernel needs more, and the page tables stay as simple as they are.
 *
 * A size of 0, or one that does not fit a buddy block (SIZE_MAX from a
 * saturated size_mul(), say), returns NULL, with a warning unless the
 * caller passed __GFP_NOWARN, as in Linux.
 */
#include <linux/vmalloc.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/kernel.h>
#include <linux/export.h>
#include <linux/bitops.h>
#include <kernel/mm.h>

#define VMALLOC_MAX_ORDER	(MAX_ORDER - 1)

/**
 * __vmalloc - allocate size bytes, page-aligned, virtually contiguous.
 * @gfp: GFP_KERNEL and friends; __GFP_ZERO zeroes the memory.
 * Return: the memory, or NULL.
 */
void *__vmalloc(unsigned long size, gfp_t gfp)
{
	unsigned long pages = size / PAGE_SIZE + !!(size % PAGE_SIZE);
	unsigned int order;
	struct page *page;

	if (!size || pages > (1UL << VMALLOC_MAX_ORDER)) {
		if (!(gfp & __GFP_NOWARN))
			pr_warn("vmalloc error: size %lu, exceeds the largest block\n", size);
		return NULL;
	}
	order = (unsigned int)get_count_order((unsigned int)pages);
	page = alloc_pages(gfp, order);
	if (!page) {
		if (!(gfp & __GFP_NOWARN))
			pr_warn("vmalloc error: size %lu, allocation failure\n", size);
		return NULL;
	}
	page->flags |= PG_vmalloc;
	return page_address(page);
}
EXPORT_SYMBOL(__vmalloc);

void *__vmalloc_node(unsigned long size, unsigned long align, gfp_t gfp, int node,
		     const void *caller)
{
	/* blocks are naturally aligned to their size, at least a page */
	if (align > PAGE_SIZE && align > size)
		size = align;
	return __vmalloc(size, gfp);
}
EXPORT_SYMBOL(__vmalloc_node);

/* Return: whether addr is the start of a vmalloc block. */
bool is_vmalloc_addr(const void *addr)
{
	return addr && virt_addr_valid(addr) && !((unsigned long)addr & (PAGE_SIZE - 1)) &&
	       (virt_to_page(addr)->flags & PG_vmalloc);
}
EXPORT_SYMBOL(is_vmalloc_addr);

struct page *vmalloc_to_page(const void *addr)
{
	return virt_addr_valid(addr) ? virt_to_page(addr) : NULL;
}
EXPORT_SYMBOL(vmalloc_to_page);

/**
 * vfree - free a block from vmalloc(); NULL is ignored.
 * Context: any.  Anything that is not a block start gets a WARN and is
 * left alone.
 */
void vfree(const void *addr)
{
	struct page *page;

	if (!addr)
		return;
	if (WARN(!is_vmalloc_addr(addr), "vfree of %px, not from vmalloc()", addr))
		return;
	page = virt_to_page(addr);
	page->flags &= ~PG_vmalloc;
	__free_pages(page, page->order);
}
EXPORT_SYMBOL(vfree);

/**
 * kvmalloc_node - kmalloc, falling back to vmalloc for what kmalloc
 * cannot serve.  Return: the memory, or NULL.
 */
void *kvmalloc_node(size_t size, gfp_t gfp, int node)
{
	void *p;

	if (size <= KMALLOC_MAX_SIZE) {
		p = kmalloc(size, size > PAGE_SIZE ? gfp | __GFP_NOWARN : gfp);
		if (p || size <= PAGE_SIZE)
			return p;
	}
	if (size > INT_MAX) {
		/* as Linux: no caller means to ask for more than 2 GiB */
		WARN_ON_ONCE(!(gfp & __GFP_NOWARN));
		return NULL;
	}
	return __vmalloc(size, gfp);
}
EXPORT_SYMBOL(kvmalloc_node);

/* kvfree - free memory from kvmalloc(), kmalloc() or vmalloc(). */
void kvfree(const void *p)
{
	if (is_vmalloc_addr(p))
		vfree(p);
	else
		kfree(p);
}
EXPORT_SYMBOL(kvfree);
