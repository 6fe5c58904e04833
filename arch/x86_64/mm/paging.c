/*
 * The kernel's real page tables, replacing the boot tables of head.asm.
 *
 *   direct map   PAGE_OFFSET + [0, max(4 GiB, end of RAM)): 2 MiB pages,
 *                RW, NX (below 4 GiB also the reserved ranges, where
 *                firmware keeps the ACPI tables)
 *   kernel image KERNEL_VMA + phys: 4 KiB pages; text RX, rodata R+NX,
 *                data/bss/per-CPU/symbols RW+NX
 *   I/O window   IOREMAP_BASE: uncached 4 KiB pages (ioremap)
 *   stacks       STACK_BASE: 4 KiB pages with unmapped guards (mm/stack.c)
 *   user half    nothing; in particular the NULL page is never mapped.
 *                While APs boot, one page at TRAMPOLINE_PHYS is identity
 *                mapped (paging_map_trampoline) and removed after.
 *
 * Locking: pgtable_lock (raw, irqsave) protects every page-table update
 * below the PML4.  Lookups (kern_addr_mapped) read without it: tables are
 * never freed, so a racing reader sees either the old or the new entry.
 */
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/smp.h>
#include <linux/gfp.h>
#include <asm/pgtable.h>
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/boot.h>

static u64 kernel_pml4[512] __aligned(4096);
static DEFINE_RAW_SPINLOCK(pgtable_lock);
static unsigned long ioremap_next = IOREMAP_BASE;	/* pgtable_lock */

extern char __text_start[], __text_end[], __rodata_start[], __rodata_end[];
extern char __data_start[], __image_end[], boot_stack_bottom[];

static u64 *alloc_table(void)
{
	void *p = early_or_page_alloc_zeroed();

	if (!p)
		panic("paging: out of memory for page tables");
	return p;
}

/* Return the entry for va at the given level (3 = PML4 ... 0 = PT). */
static u64 *walk(unsigned long va, int stop_level, bool create)
{
	u64 *table = kernel_pml4;

	for (int level = 3; level > stop_level; level--) {
		u64 *e = &table[(va >> (12 + 9 * level)) & 511];
		if (!(*e & _PAGE_PRESENT)) {
			if (!create)
				return NULL;
			*e = __pa(alloc_table()) | _PAGE_PRESENT | _PAGE_RW;
		}
		if (*e & _PAGE_PSE)
			return create ? NULL : e;
		table = __va(*e & PTE_ADDR_MASK);
	}
	return &table[(va >> (12 + 9 * stop_level)) & 511];
}

static void map_range_4k(unsigned long va, unsigned long end, phys_addr_t pa, unsigned long prot)
{
	for (; va < end; va += PAGE_SIZE, pa += PAGE_SIZE)
		*walk(va, 0, true) = pa | prot;
}

int map_kernel_page(unsigned long va, phys_addr_t pa, unsigned long prot)
{
	unsigned long flags;
	u64 *pte;

	raw_spin_lock_irqsave(&pgtable_lock, flags);
	pte = walk(va, 0, true);
	if (pte)
		*pte = pa | prot;
	raw_spin_unlock_irqrestore(&pgtable_lock, flags);
	return pte ? 0 : -ENOMEM;
}

/*
 * Clear va's PTE and flush it locally; other CPUs: flush_tlb_kernel_range.
 * Return: the physical address that was mapped there, or 0.
 */
phys_addr_t unmap_kernel_page(unsigned long va)
{
	unsigned long flags;
	phys_addr_t old = 0;
	u64 *pte;

	raw_spin_lock_irqsave(&pgtable_lock, flags);
	pte = walk(va, 0, false);
	if (pte && !(*pte & _PAGE_PSE) && (*pte & _PAGE_PRESENT)) {
		old = *pte & PTE_ADDR_MASK;
		*pte = 0;
	}
	invlpg(va);
	raw_spin_unlock_irqrestore(&pgtable_lock, flags);
	return old;
}

/* Is va mapped in the page tables in use (boot or final)? */
bool kern_addr_mapped(unsigned long va)
{
	u64 *table = __va(read_cr3() & PTE_ADDR_MASK);

	if (va < PAGE_OFFSET)
		return false;
	for (int level = 3; level >= 0; level--) {
		u64 e = table[(va >> (12 + 9 * level)) & 511];
		if (!(e & _PAGE_PRESENT))
			return false;
		if (level == 0 || (e & _PAGE_PSE))
			return true;
		table = __va(e & PTE_ADDR_MASK);
	}
	return false;
}

phys_addr_t kernel_pml4_phys(void)
{
	return __pa(kernel_pml4);
}

void *ioremap(phys_addr_t phys, size_t size)
{
	phys_addr_t base = phys & PAGE_MASK;
	unsigned long flags, va;
	size_t len = PAGE_ALIGN(phys + size) - base;

	raw_spin_lock_irqsave(&pgtable_lock, flags);
	va = ioremap_next;
	ioremap_next += len + PAGE_SIZE;	/* one unmapped page between mappings */
	if (ioremap_next > IOREMAP_BASE + IOREMAP_SIZE) {
		raw_spin_unlock_irqrestore(&pgtable_lock, flags);
		return NULL;
	}
	map_range_4k(va, va + len, base, PAGE_KERNEL_NOCACHE);
	raw_spin_unlock_irqrestore(&pgtable_lock, flags);
	return (void *)(va + (phys - base));
}

/* Identity-map the AP trampoline page (map) or remove it again. */
void paging_map_trampoline(bool map)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&pgtable_lock, flags);
	if (map) {
		*walk(TRAMPOLINE_PHYS, 0, true) = TRAMPOLINE_PHYS | _PAGE_PRESENT | _PAGE_RW;
	} else {
		kernel_pml4[0] = 0;	/* drops the whole low half; tables leak one page each */
	}
	write_cr3(read_cr3());
	raw_spin_unlock_irqrestore(&pgtable_lock, flags);
}

static void flush_local(void *arg)
{
	unsigned long *r = arg;

	if (r[1] - r[0] > 64 * PAGE_SIZE) {
		write_cr4(read_cr4() & ~(1UL << 7));	/* toggling PGE flushes globals */
		write_cr4(read_cr4() | (1UL << 7));
		return;
	}
	for (unsigned long va = r[0]; va < r[1]; va += PAGE_SIZE)
		invlpg(va);
}

void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	unsigned long r[2] = { start, end };

	on_each_cpu(flush_local, r, 1);
}

void paging_init(void)
{
	phys_addr_t top = ALIGN(max_t(u64, boot_info.max_phys, 1ULL << 32), 2UL << 20);
	unsigned long k = KERNEL_VMA;

	/* direct map, 2 MiB pages */
	for (phys_addr_t pa = 0; pa < top; pa += 2UL << 20)
		*walk(PAGE_OFFSET + pa, 1, true) = pa | PAGE_KERNEL | _PAGE_PSE;

	/* the kernel image, by permission class */
	map_range_4k((unsigned long)__text_start, (unsigned long)__text_end,
		     (unsigned long)__text_start - k, PAGE_KERNEL_EXEC);
	map_range_4k((unsigned long)__rodata_start, PAGE_ALIGN((unsigned long)__rodata_end),
		     (unsigned long)__rodata_start - k, PAGE_KERNEL_RO);
	map_range_4k((unsigned long)__data_start, (unsigned long)__image_end,
		     (unsigned long)__data_start - k, PAGE_KERNEL);
	/* the boot stack's guard: the page below it (boot page tables, unused now) */
	*walk((unsigned long)boot_stack_bottom - PAGE_SIZE, 0, false) = 0;

	write_cr4(read_cr4() | (1UL << 7));	/* PGE */
	write_cr3(__pa(kernel_pml4));
	pr_info("paging: direct map of %llu MiB, kernel text RX, rodata RO, data NX, NULL unmapped\n",
		(unsigned long long)(top >> 20));
}
