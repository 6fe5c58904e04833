/*
 * Symbol lookup for backtraces, oopses and %pS.
 *
 * The table is generated from the first link pass of the kernel and linked
 * into the final image as the last section (see the Makefile): sorted
 * addresses plus NUL-separated names.  Lookups are a binary search; no
 * locking is needed because the table is read-only.
 */
#include <linux/kernel.h>
#include <linux/kallsyms.h>

extern const u64 ksym_num;
extern const u64 ksym_addrs[];
extern const u32 ksym_name_offs[];
extern const char ksym_names[];
extern const char __text_start[], __text_end[];

const char *kallsyms_lookup(unsigned long addr, unsigned long *size, unsigned long *offset)
{
	u64 lo = 0, hi = ksym_num;

	if (addr < (unsigned long)__text_start || addr >= (unsigned long)__text_end || !hi)
		return NULL;
	while (hi - lo > 1) {
		u64 mid = (lo + hi) / 2;
		if (ksym_addrs[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (ksym_addrs[lo] > addr)
		return NULL;
	if (offset)
		*offset = addr - ksym_addrs[lo];
	if (size)
		*size = (lo + 1 < ksym_num ? ksym_addrs[lo + 1] : (u64)__text_end) - ksym_addrs[lo];
	return &ksym_names[ksym_name_offs[lo]];
}

unsigned long kallsyms_lookup_name(const char *name)
{
	for (u64 i = 0; i < ksym_num; i++)
		if (!strcmp(&ksym_names[ksym_name_offs[i]], name))
			return ksym_addrs[i];
	return 0;
}

int sprint_symbol(char *buf, unsigned long addr)
{
	unsigned long size, off;
	const char *name = kallsyms_lookup(addr, &size, &off);

	if (!name)
		return snprintf(buf, KSYM_SYMBOL_LEN, "0x%lx", addr);
	return snprintf(buf, KSYM_SYMBOL_LEN, "%s+0x%lx/0x%lx", name, off, size);
}

int sprint_symbol_no_offset(char *buf, unsigned long addr)
{
	const char *name = kallsyms_lookup(addr, NULL, NULL);

	if (!name)
		return snprintf(buf, KSYM_SYMBOL_LEN, "0x%lx", addr);
	return snprintf(buf, KSYM_SYMBOL_LEN, "%s", name);
}
