/*
 * Reading the multiboot2 information block.
 *
 * We copy out what we need (command line, boot loader name, memory map,
 * ACPI RSDP) into boot_info and never look at the block again.  Nothing
 * in it is trusted: a tag that runs past the block's end, a memory-map
 * entry size that is not a sane multiple, zero-length, wrapping or
 * overlapping entries are reported on the console and skipped.  Overlaps
 * are resolved in favour of the more restrictive type (anything over
 * "usable"), so a bad map can only lose memory, never hand out reserved
 * memory.
 */
#include <linux/kernel.h>
#include <asm/boot.h>
#include <asm/page.h>

#define MB2_TAG_END		0
#define MB2_TAG_CMDLINE		1
#define MB2_TAG_LOADER		2
#define MB2_TAG_MMAP		6
#define MB2_TAG_ACPI_OLD	14
#define MB2_TAG_ACPI_NEW	15

struct boot_info boot_info;

static void add_region(u64 base, u64 len, u32 type)
{
	struct boot_info *bi = &boot_info;

	if (bi->nr_mem == MAX_MEM_REGIONS) {
		pr_warn("multiboot: too many memory regions, ignoring [%#llx-%#llx]\n",
			(unsigned long long)base, (unsigned long long)(base + len - 1));
		return;
	}
	bi->mem[bi->nr_mem++] = (struct mem_region){ base, len, type };
}

static int type_rank(u32 type)
{
	return type == MEM_USABLE ? 0 : type == MEM_ACPI ? 1 : 2;
}

/* Sort by base; cut overlaps so the stronger (non-usable) type wins. */
static void sanitize_map(void)
{
	struct boot_info *bi = &boot_info;

	for (int i = 1; i < bi->nr_mem; i++)
		for (int j = i; j > 0 && bi->mem[j - 1].base > bi->mem[j].base; j--)
			swap(bi->mem[j - 1], bi->mem[j]);

	for (int i = 0; i + 1 < bi->nr_mem; i++) {
		struct mem_region *a = &bi->mem[i], *b = &bi->mem[i + 1];
		u64 a_end = a->base + a->len;

		if (a_end <= b->base)
			continue;
		pr_warn("multiboot: memory map entries overlap: [%#llx-%#llx] type %u and [%#llx-%#llx] type %u\n",
			(unsigned long long)a->base, (unsigned long long)(a_end - 1), a->type,
			(unsigned long long)b->base, (unsigned long long)(b->base + b->len - 1), b->type);
		if (type_rank(a->type) >= type_rank(b->type)) {
			/* a wins: b starts after a */
			u64 b_end = b->base + b->len;
			if (b_end <= a_end) {
				memmove(b, b + 1, (bi->nr_mem - i - 2) * sizeof(*b));
				bi->nr_mem--;
			} else {
				b->len = b_end - a_end;
				b->base = a_end;
			}
		} else {
			a->len = b->base - a->base;	/* b wins: a ends before b */
		}
		i = -1;	/* re-sort pass is unnecessary; rescan from the start */
		for (int k = 1; k < bi->nr_mem; k++)
			for (int j = k; j > 0 && bi->mem[j - 1].base > bi->mem[j].base; j--)
				swap(bi->mem[j - 1], bi->mem[j]);
	}
}

static void parse_mmap(const u8 *tag, u32 size)
{
	u32 entry_size = *(const u32 *)(tag + 8);
	const u8 *e = tag + 16, *end = tag + size;

	if (entry_size < 24 || entry_size % 8 || size < 16) {
		pr_err("multiboot: malformed memory map tag (entry size %u), ignored\n", entry_size);
		return;
	}
	for (; e + entry_size <= end; e += entry_size) {
		u64 base = *(const u64 *)e, len = *(const u64 *)(e + 8);
		u32 type = *(const u32 *)(e + 16);

		if (!len || base + len < base || base >= (1ULL << 46)) {
			pr_warn("multiboot: bad memory map entry base %#llx len %#llx, skipped\n",
				(unsigned long long)base, (unsigned long long)len);
			continue;
		}
		add_region(base, len, type);
	}
}

void multiboot_parse(u32 magic, u32 mbi_phys)
{
	const u8 *mbi = __va(mbi_phys), *tag, *end;
	u32 total;
	struct boot_info *bi = &boot_info;

	(void)magic;
	total = *(const u32 *)mbi;
	if (total < 16 || total > (1 << 20)) {
		pr_err("multiboot: information block size %u is not sane\n", total);
		total = 16;
	}
	bi->mbi_start = mbi_phys;
	bi->mbi_end = mbi_phys + total;
	end = mbi + total;
	for (tag = mbi + 8; tag + 8 <= end; tag += ALIGN(*(const u32 *)(tag + 4), 8)) {
		u32 type = *(const u32 *)tag, size = *(const u32 *)(tag + 4);

		if (size < 8 || tag + size > end) {
			pr_err("multiboot: tag %u of size %u runs past the block, stopping\n", type, size);
			break;
		}
		switch (type) {
		case MB2_TAG_END:
			goto done;
		case MB2_TAG_CMDLINE:
			strscpy(bi->cmdline, (const char *)tag + 8,
				min_t(size_t, sizeof(bi->cmdline), size - 8));
			break;
		case MB2_TAG_LOADER:
			strscpy(bi->loader, (const char *)tag + 8,
				min_t(size_t, sizeof(bi->loader), size - 8));
			break;
		case MB2_TAG_MMAP:
			parse_mmap(tag, size);
			break;
		case MB2_TAG_ACPI_OLD:
		case MB2_TAG_ACPI_NEW:
			/* prefer the ACPI 2.0+ copy (XSDT) when both are given */
			if (size >= 8 + 20 && (!bi->rsdp || type == MB2_TAG_ACPI_NEW)) {
				bi->rsdp = mbi_phys + (tag + 8 - mbi);
				bi->rsdp_rev = type == MB2_TAG_ACPI_NEW ? 2 : 0;
			}
			break;
		}
	}
done:
	sanitize_map();
	for (int i = 0; i < bi->nr_mem; i++) {
		struct mem_region *r = &bi->mem[i];
		if (r->type == MEM_USABLE)
			bi->usable_bytes += r->len;
		if (r->base + r->len > bi->map_top)
			bi->map_top = r->base + r->len;
		if ((r->type == MEM_USABLE || r->type == MEM_ACPI || r->type == MEM_NVS) &&
		    r->base + r->len > bi->max_phys)
			bi->max_phys = r->base + r->len;
	}
}
