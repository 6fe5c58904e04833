/*
 * ACPI tables: just enough to find the CPUs and interrupt controllers.
 *
 * RSDP (from multiboot2, else a scan of the EBDA and the BIOS area) ->
 * XSDT (ACPI 2.0+) or RSDT -> MADT ("APIC").  Every table's checksum is
 * verified and a table that fails is reported and not used.  From the
 * MADT we keep the local APIC address, each enabled CPU's APIC ID (the
 * boot CPU first; CPUs beyond NR_CPUS are counted and ignored), the first
 * IOAPIC and the ISA interrupt source overrides.  Without ACPI (QEMU's
 * -no-acpi) the kernel runs on the boot CPU with the default addresses.
 */
#include <linux/kernel.h>
#include <asm/apic.h>
#include <asm/boot.h>
#include <asm/page.h>

struct madt_info madt;

struct acpi_header {
	char sig[4];
	u32 length;
	u8 revision;
	u8 checksum;
	char oem[6];
	char oem_table[8];
	u32 oem_rev;
	u32 creator;
	u32 creator_rev;
} __packed;

static bool checksum_ok(const void *p, size_t n)
{
	const u8 *b = p;
	u8 sum = 0;

	while (n--)
		sum += *b++;
	return sum == 0;
}

static const u8 *scan_rsdp(phys_addr_t start, phys_addr_t end)
{
	for (phys_addr_t a = start; a + 20 <= end; a += 16) {
		const u8 *p = __va(a);
		if (!memcmp(p, "RSD PTR ", 8) && checksum_ok(p, 20))
			return p;
	}
	return NULL;
}

static const struct acpi_header *map_table(phys_addr_t pa, const char *want)
{
	const struct acpi_header *h;

	if (!pa || pa >= boot_info.max_phys + (4ULL << 30))
		return NULL;
	h = __va(pa);
	if (want && memcmp(h->sig, want, 4))
		return NULL;
	if (h->length < sizeof(*h) || h->length > (1 << 20) || !checksum_ok(h, h->length)) {
		pr_err("acpi: table %.4s at %#llx has a bad length or checksum, ignored\n",
		       h->sig, (unsigned long long)pa);
		return NULL;
	}
	return h;
}

static void parse_madt(const struct acpi_header *h, u32 boot_apic_id)
{
	const u8 *p = (const u8 *)h + sizeof(*h) + 8, *end = (const u8 *)h + h->length;

	madt.found = true;
	madt.lapic_phys = *(const u32 *)((const u8 *)h + sizeof(*h));
	madt.apic_ids[0] = boot_apic_id;
	madt.nr_cpus = 1;
	for (int i = 0; i < 16; i++)
		madt.isa_gsi[i] = i;

	for (; p + 2 <= end && p[1] >= 2 && p + p[1] <= end; p += p[1]) {
		switch (p[0]) {
		case 0: {	/* processor local APIC */
			u32 id = p[3], flags = *(const u32 *)(p + 4);
			if (!(flags & 1) || id == boot_apic_id)
				break;
			if (madt.nr_cpus == NR_CPUS) {
				madt.nr_ignored++;
				break;
			}
			madt.apic_ids[madt.nr_cpus++] = id;
			break;
		}
		case 1:		/* IOAPIC */
			if (!madt.ioapic_phys) {
				madt.ioapic_phys = *(const u32 *)(p + 4);
				madt.ioapic_gsi_base = *(const u32 *)(p + 8);
			}
			break;
		case 2: {	/* interrupt source override */
			u8 src = p[3];
			if (src < 16) {
				madt.isa_gsi[src] = *(const u32 *)(p + 4);
				madt.isa_flags[src] = *(const u16 *)(p + 8);
			}
			break;
		}
		case 5:		/* 64-bit LAPIC address override */
			madt.lapic_phys = *(const u64 *)(p + 4);
			break;
		}
	}
	if (madt.nr_ignored)
		pr_warn("acpi: %d more CPUs in the MADT than this kernel supports (NR_CPUS=%d); ignored\n",
			madt.nr_ignored, NR_CPUS);
}

void acpi_init(void)
{
	const u8 *rsdp = boot_info.rsdp ? __va(boot_info.rsdp) : NULL;
	const struct acpi_header *root;
	bool xsdt;
	u32 boot_id = lapic_id();
	size_t n;

	madt.lapic_phys = 0xFEE00000;
	madt.ioapic_phys = 0xFEC00000;
	for (int i = 0; i < 16; i++)
		madt.isa_gsi[i] = i;
	madt.apic_ids[0] = boot_id;
	madt.nr_cpus = 1;

	if (rsdp && (memcmp(rsdp, "RSD PTR ", 8) || !checksum_ok(rsdp, 20))) {
		pr_err("acpi: RSDP from the boot loader is invalid, scanning\n");
		rsdp = NULL;
	}
	if (!rsdp) {
		phys_addr_t ebda = (phys_addr_t)*(const u16 *)__va(0x40E) << 4;
		if (ebda >= 0x80000 && ebda < 0xA0000)
			rsdp = scan_rsdp(ebda, ebda + 1024);
		if (!rsdp)
			rsdp = scan_rsdp(0xE0000, 0x100000);
	}
	if (!rsdp) {
		pr_warn("acpi: no ACPI tables found (no ACPI): running on the boot CPU only\n");
		return;
	}
	xsdt = rsdp[15] >= 2 && checksum_ok(rsdp, *(const u32 *)(rsdp + 20)) &&
	       *(const u64 *)(rsdp + 24);
	root = xsdt ? map_table(*(const u64 *)(rsdp + 24), "XSDT") : NULL;
	if (!root) {
		xsdt = false;
		root = map_table(*(const u32 *)(rsdp + 16), "RSDT");
	}
	if (!root) {
		pr_warn("acpi: no valid RSDT/XSDT (no ACPI): running on the boot CPU only\n");
		return;
	}
	n = (root->length - sizeof(*root)) / (xsdt ? 8 : 4);
	for (size_t i = 0; i < n; i++) {
		const u8 *ents = (const u8 *)root + sizeof(*root);
		phys_addr_t pa = xsdt ? *(const u64 *)(ents + 8 * i) : *(const u32 *)(ents + 4 * i);
		const struct acpi_header *h = map_table(pa, "APIC");
		if (h) {
			parse_madt(h, boot_id);
			break;
		}
	}
	if (!madt.found)
		pr_warn("acpi: no MADT (no ACPI CPU table): running on the boot CPU only\n");
	else
		pr_info("acpi: %s, MADT: %d CPUs, LAPIC %#llx, IOAPIC %#llx\n",
			xsdt ? "XSDT" : "RSDT", madt.nr_cpus,
			(unsigned long long)madt.lapic_phys, (unsigned long long)madt.ioapic_phys);
}
