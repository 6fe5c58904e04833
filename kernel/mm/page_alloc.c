/*
 * The physical page allocator: a binary buddy system over all usable RAM.
 *
 * Free memory is kept as blocks of 2^order pages (order 0..MAX_ORDER-1),
 * each naturally aligned in physical memory, on one free list per order.
 * Allocation takes the smallest block that fits and splits it, returning
 * the upper halves to the lower lists.  Freeing merges a block with its
 * buddy (the block whose pfn differs only in bit `order`) while the buddy
 * is free and of the same order.  A block's state lives in its head
 * struct page: PG_buddy + order while free.
 *
 * The head page of every allocated block carries PG_head and its order,
 * so freeing a block that is not allocated (already free, merged into a
 * bigger free block, reserved, or a tail page) or with the wrong order is
 * caught, reported with a backtrace and ignored.  Debug builds also fill
 * freed pages with 0x6b so a use after free shows up as poison.
 *
 * Locking: zone_lock (raw, irqsave; a leaf lock) protects the free lists,
 * nr_free and every page's PG_buddy/order.  Allocation may be called from
 * any context, interrupts included.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/spinlock.h>
#include <asm/boot.h>
#include <kernel/mm.h>

struct page *mem_map;
unsigned long max_pfn;
unsigned long nr_pages_total;
atomic_long_t nr_pages_in_use;

static DEFINE_RAW_SPINLOCK(zone_lock);
static struct list_head free_area[MAX_ORDER];	/* zone_lock */
static unsigned long nr_free;			/* zone_lock */
static atomic_t fail_countdown;

void alloc_fail_inject(int nth)
{
	atomic_set(&fail_countdown, nth);
}

bool alloc_should_fail(void)
{
	int c = atomic_read(&fail_countdown);

	while (c > 0) {
		if (atomic_try_cmpxchg(&fail_countdown, &c, c - 1))
			return c == 1;
	}
	return false;
}

static void free_block_locked(unsigned long pfn, unsigned int order)
{
	while (order < MAX_ORDER - 1) {
		unsigned long buddy = pfn ^ (1UL << order);
		struct page *bp;

		if (buddy >= max_pfn)
			break;
		bp = &mem_map[buddy];
		if (!(bp->flags & PG_buddy) || bp->order != order)
			break;
		list_del(&bp->lru);
		bp->flags &= ~PG_buddy;
		pfn &= ~(1UL << order);
		order++;
	}
	mem_map[pfn].flags |= PG_buddy;
	mem_map[pfn].order = order;
	list_add(&mem_map[pfn].lru, &free_area[order]);
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	unsigned long flags;
	struct page *page = NULL;
	unsigned int o;

	if (order >= MAX_ORDER || alloc_should_fail())
		return NULL;
	raw_spin_lock_irqsave(&zone_lock, flags);
	for (o = order; o < MAX_ORDER; o++)
		if (!list_empty(&free_area[o]))
			break;
	if (o < MAX_ORDER) {
		page = list_first_entry(&free_area[o], struct page, lru);
		list_del(&page->lru);
		page->flags &= ~PG_buddy;
		while (o > order) {	/* split: give back the upper half */
			struct page *half;
			o--;
			half = page + (1UL << o);
			half->flags |= PG_buddy;
			half->order = o;
			list_add(&half->lru, &free_area[o]);
		}
		page->order = order;
		page->flags |= PG_head;
		nr_free -= 1UL << order;
	}
	raw_spin_unlock_irqrestore(&zone_lock, flags);
	if (!page)
		return NULL;
	atomic_long_add(1L << order, &nr_pages_in_use);
	if (gfp & __GFP_ZERO)
		memset(page_address(page), 0, PAGE_SIZE << order);
	return page;
}

void __free_pages(struct page *page, unsigned int order)
{
	unsigned long flags, pfn = page_to_pfn(page);

	if (WARN(pfn >= max_pfn || (pfn & ((1UL << order) - 1)),
		 "free_pages: bad pfn %#lx order %u", pfn, order))
		return;
	raw_spin_lock_irqsave(&zone_lock, flags);
	if (!(page->flags & PG_head) || page->order != order) {
		raw_spin_unlock_irqrestore(&zone_lock, flags);
		WARN(1, "free_pages: pfn %#lx order %u is not an allocated block (double free?)",
		     pfn, order);
		return;
	}
#ifdef CONFIG_DEBUG_KERNEL
	memset(page_address(page), 0x6b, PAGE_SIZE << order);
#endif
	page->flags &= ~(PG_slab | PG_large_kmalloc | PG_head);
	free_block_locked(pfn, order);
	nr_free += 1UL << order;
	raw_spin_unlock_irqrestore(&zone_lock, flags);
	atomic_long_sub(1L << order, &nr_pages_in_use);
}

unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *p = alloc_pages(gfp, order);

	return p ? (unsigned long)page_address(p) : 0;
}

unsigned long get_zeroed_page(gfp_t gfp)
{
	return __get_free_pages(gfp | __GFP_ZERO, 0);
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		__free_pages(virt_to_page((void *)addr), order);
}

unsigned long nr_free_pages(void)
{
	return READ_ONCE(nr_free);
}

/* Boot: add [start, end) to the free lists in maximal aligned blocks. */
static void free_range(phys_addr_t start, phys_addr_t end)
{
	unsigned long pfn = start >> PAGE_SHIFT, last = end >> PAGE_SHIFT;

	while (pfn < last) {
		unsigned int order = MAX_ORDER - 1;

		while (order && ((pfn & ((1UL << order) - 1)) || pfn + (1UL << order) > last))
			order--;
		for (unsigned long i = 0; i < (1UL << order); i++)
			mem_map[pfn + i].flags &= ~PG_reserved;
		free_block_locked(pfn, order);
		nr_free += 1UL << order;
		nr_pages_total += 1UL << order;
		pfn += 1UL << order;
	}
}

void page_alloc_init(void)
{
	u64 size;
	phys_addr_t pa;

	for (int i = 0; i < MAX_ORDER; i++)
		INIT_LIST_HEAD(&free_area[i]);
	max_pfn = 0;
	for (int i = 0; i < boot_info.nr_mem; i++)
		if (boot_info.mem[i].type == MEM_USABLE)
			max_pfn = max_t(u64, max_pfn,
					(boot_info.mem[i].base + boot_info.mem[i].len) >> PAGE_SHIFT);
	size = max_pfn * sizeof(struct page);
	pa = memblock_alloc(size, PAGE_SIZE);
	if (!pa)
		panic("page_alloc: no room for the page array (%llu KiB)",
		      (unsigned long long)(size >> 10));
	mem_map = __va(pa);
	for (unsigned long i = 0; i < max_pfn; i++)
		mem_map[i].flags = PG_reserved;
	memblock_free_all(free_range);
	pr_info("mm: %lu MiB usable, %lu pages free, page array %llu KiB\n",
		(unsigned long)(boot_info.usable_bytes >> 20), nr_free,
		(unsigned long long)(size >> 10));
}
