/*
 * Boot memory: which physical ranges are free before the buddy allocator
 * exists, and small allocations from them (page tables, the page array).
 *
 * Usable RAM comes from the sanitized multiboot2 map; reserved ranges are
 * the first MiB (BIOS data, the AP trampoline), the kernel image, the
 * multiboot2 block and everything memblock_alloc() handed out.  Allocation
 * is top-down below 4 GiB (reachable through the boot page tables' direct
 * map).  memblock_free_all() then gives every usable, unreserved page to
 * the buddy allocator, and memblock is done.  Boot is single-threaded
 * here, so there is no lock.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <asm/boot.h>
#include <asm/page.h>

#define MAX_RESERVED 64

static struct { phys_addr_t base, end; } reserved[MAX_RESERVED];
static int nr_reserved;
static bool memblock_done;

extern char __image_end[];

void memblock_reserve(phys_addr_t base, u64 size)
{
	phys_addr_t b = base & PAGE_MASK, e = PAGE_ALIGN(base + size);

	/* extend a range that touches this one (allocations are adjacent) */
	for (int i = 0; i < nr_reserved; i++) {
		if (b <= reserved[i].end && reserved[i].base <= e) {
			reserved[i].base = min(reserved[i].base, b);
			reserved[i].end = max(reserved[i].end, e);
			return;
		}
	}
	if (nr_reserved == MAX_RESERVED)
		panic("memblock: too many reserved ranges");
	reserved[nr_reserved].base = b;
	reserved[nr_reserved].end = e;
	nr_reserved++;
}

/* Return: the first reserved range overlapping [base, end), or NULL. */
static int overlap(phys_addr_t base, phys_addr_t end)
{
	for (int i = 0; i < nr_reserved; i++)
		if (reserved[i].base < end && base < reserved[i].end)
			return i;
	return -1;
}

void memblock_init(void)
{
	memblock_reserve(0, 1 << 20);
	memblock_reserve(1 << 20, __pa(__image_end) - (1 << 20));
	memblock_reserve(boot_info.mbi_start, boot_info.mbi_end - boot_info.mbi_start);
}

phys_addr_t memblock_alloc(u64 size, u64 align)
{
	size = PAGE_ALIGN(size);
	for (int i = boot_info.nr_mem - 1; i >= 0; i--) {
		struct mem_region *r = &boot_info.mem[i];
		phys_addr_t lo = PAGE_ALIGN(r->base), hi = min_t(u64, r->base + r->len, 1ULL << 32);
		phys_addr_t cand;

		if (r->type != MEM_USABLE || hi < lo + size)
			continue;
		cand = ALIGN_DOWN(hi - size, align);
		while (cand >= lo) {
			int o = overlap(cand, cand + size);
			if (o < 0) {
				memblock_reserve(cand, size);
				memset(__va(cand), 0, size);
				return cand;
			}
			if (reserved[o].base < lo + size)
				break;
			cand = ALIGN_DOWN(reserved[o].base - size, align);
		}
	}
	return 0;
}

atomic_long_t nr_pagetable_pages;	/* page-table pages from the page allocator */

void *early_or_page_alloc_zeroed(void)
{
	phys_addr_t pa;

	if (memblock_done) {
		void *p = (void *)get_zeroed_page(GFP_KERNEL);

		if (p)
			atomic_long_inc(&nr_pagetable_pages);
		return p;
	}
	pa = memblock_alloc(PAGE_SIZE, PAGE_SIZE);
	return pa ? __va(pa) : NULL;
}

/* Hand every usable page that is not reserved to free_range. */
void memblock_free_all(void (*free_range)(phys_addr_t start, phys_addr_t end))
{
	for (int i = 0; i < boot_info.nr_mem; i++) {
		struct mem_region *r = &boot_info.mem[i];
		phys_addr_t pos = PAGE_ALIGN(r->base), end = ALIGN_DOWN(r->base + r->len, PAGE_SIZE);

		if (r->type != MEM_USABLE)
			continue;
		while (pos < end) {
			phys_addr_t next = end;
			int o;

			/* the free stretch runs until the nearest reserved range */
			for (int j = 0; j < nr_reserved; j++)
				if (reserved[j].base > pos && reserved[j].base < next)
					next = reserved[j].base;
			o = overlap(pos, pos + PAGE_SIZE);
			if (o >= 0) {
				pos = reserved[o].end;
				continue;
			}
			free_range(pos, next);
			pos = next;
		}
	}
	memblock_done = true;
}
