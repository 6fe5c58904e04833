/*
 * Backtraces through frame pointers.
 *
 * Each C frame starts with "push rbp; mov rbp, rsp", so [rbp] is the
 * caller's rbp and [rbp + 8] the return address.  Interrupt entry pushes
 * a fake frame for the interrupted code (entry.asm), so a trace taken in
 * a handler continues into the interrupted function.  The walk stops at
 * a NULL rbp (the bottom of every stack), at a frame that is not mapped,
 * not aligned or not moving up the stack, or after 32 frames: a corrupt
 * stack gives a short trace, never a second fault.
 */
#include <linux/kernel.h>
#include <linux/kallsyms.h>
#include <asm/stacktrace.h>
#include <asm/processor.h>
#include <asm/pgtable.h>

#define MAX_FRAMES 32

static bool frame_ok(unsigned long rbp, unsigned long prev)
{
	if (!rbp || (rbp & 7) || rbp <= prev || rbp - prev > 65536)
		return false;
	return kern_addr_mapped(rbp) && kern_addr_mapped(rbp + 15);
}

int stack_trace_save_from(unsigned long rbp, unsigned long *entries, int max)
{
	unsigned long prev = rbp - 1;
	int n = 0;

	while (n < max && frame_ok(rbp, prev)) {
		unsigned long ret = ((unsigned long *)rbp)[1];
		if (!ret)
			break;
		entries[n++] = ret;
		prev = rbp;
		rbp = ((unsigned long *)rbp)[0];
	}
	return n;
}

void show_stack_from(unsigned long rip, unsigned long rbp, const char *lvl)
{
	unsigned long entries[MAX_FRAMES];
	int n;

	printk("%sCall Trace:\n", lvl);
	if (rip)
		printk("%s <%016lx> %pS\n", lvl, rip, (void *)rip);
	n = stack_trace_save_from(rbp, entries, MAX_FRAMES);
	for (int i = 0; i < n; i++)
		printk("%s <%016lx> %pS\n", lvl, entries[i], (void *)entries[i]);
}

noinline void dump_stack(void)
{
	show_stack_from(0, read_rbp(), KERN_DEFAULT);
}
