#ifndef _ASM_BOOT_H
#define _ASM_BOOT_H

#include <linux/types.h>

#define TRAMPOLINE_PHYS	0x8000UL
#define MAX_MEM_REGIONS	64
#define CMDLINE_MAX	512

/* e820-style types, as multiboot2 reports them */
#define MEM_USABLE	1
#define MEM_RESERVED	2
#define MEM_ACPI	3
#define MEM_NVS		4
#define MEM_BAD		5

struct mem_region {
	u64 base;
	u64 len;
	u32 type;
};

/*
 * What the boot loader told us, copied out of the multiboot2 block
 * (arch/x86_64/kernel/multiboot.c) so nothing later depends on it.
 */
struct boot_info {
	char cmdline[CMDLINE_MAX];
	char loader[64];
	struct mem_region mem[MAX_MEM_REGIONS];	/* sorted, overlaps removed */
	int nr_mem;
	u64 max_phys;		/* end of the highest RAM/ACPI region */
	u64 map_top;		/* end of the highest region of any type */
	u64 usable_bytes;
	phys_addr_t rsdp;	/* physical address of the RSDP copy, or 0 */
	int rsdp_rev;
	phys_addr_t mbi_start, mbi_end;
	u64 entry_tsc;		/* TSC at kernel entry (head.asm) */
};
extern struct boot_info boot_info;

void multiboot_parse(u32 magic, u32 mbi_phys);

/* Boot-time page allocation before (and for) the buddy allocator. */
void memblock_init(void);
void memblock_reserve(phys_addr_t base, u64 size);
phys_addr_t memblock_alloc(u64 size, u64 align);
void *early_or_page_alloc_zeroed(void);
void memblock_free_all(void (*free_range)(phys_addr_t start, phys_addr_t end));

#endif
