/*
 * Kernel stacks with guard pages.
 *
 * The stack area (STACK_BASE) is cut into slots of STACK_SLOT bytes.  A
 * stack is THREAD_SIZE bytes of 4 KiB pages mapped at the top of its
 * slot; the rest of the slot below it stays unmapped, so running off the
 * bottom of a stack faults on the guard instead of corrupting the
 * neighbour.  That fault arrives on the double-fault IST stack, whose
 * handler recognises the guard (stack_guard_hit) and names the task.
 *
 * A freed stack first goes to a small cache of still-mapped stacks
 * (STACK_CACHE_SIZE), which the next stack_alloc() reuses as it is: the
 * mapping never changes, so no TLB flush is needed (thread creation and
 * exit stay free of IPIs).  Beyond the cache, a freed stack is unmapped,
 * its pages are freed and its slot reused; the TLB shootdown
 * (flush_tlb_kernel_range, an IPI to every CPU) makes sure no CPU keeps a
 * stale translation into the freed pages.  stack_cache_drain() empties
 * the cache (leak checks, memory benchmarks).
 *
 * Locking: slot_lock (raw, irqsave) protects the slot bitmap and the cache.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/spinlock.h>
#include <linux/bitops.h>
#include <asm/pgtable.h>
#include <kernel/mm.h>

#define STACK_SLOT	(2 * THREAD_SIZE)
#define NR_SLOTS	16384

#define STACK_CACHE_SIZE 32

static DEFINE_RAW_SPINLOCK(slot_lock);
static unsigned long slot_map[BITS_TO_LONGS(NR_SLOTS)];	/* slot_lock */
static void *stack_cache[STACK_CACHE_SIZE];			/* slot_lock */
static unsigned int nr_cached;				/* slot_lock */
atomic_long_t nr_stacks_in_use;
bool stacks_flush_ready;	/* set once IPIs work (smp_prepare) */

static unsigned long slot_top(unsigned long slot)
{
	return STACK_BASE + (slot + 1) * STACK_SLOT;
}

static void unmap_stack(unsigned long base, unsigned int pages)
{
	for (unsigned int i = 0; i < pages; i++) {
		phys_addr_t pa = unmap_kernel_page(base + i * PAGE_SIZE);
		if (pa)
			free_page((unsigned long)__va(pa));
	}
	if (stacks_flush_ready)
		flush_tlb_kernel_range(base, base + pages * PAGE_SIZE);
}

static void put_slot(unsigned long slot)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&slot_lock, flags);
	__clear_bit(slot, slot_map);
	raw_spin_unlock_irqrestore(&slot_lock, flags);
}

/* Return: the lowest address of a new THREAD_SIZE stack, or NULL. */
void *stack_alloc(void)
{
	unsigned long flags, slot, base;
	unsigned int i;

	raw_spin_lock_irqsave(&slot_lock, flags);
	if (nr_cached) {
		void *s = stack_cache[--nr_cached];

		raw_spin_unlock_irqrestore(&slot_lock, flags);
		atomic_long_inc(&nr_stacks_in_use);
		return s;
	}
	slot = find_first_zero_bit(slot_map, NR_SLOTS);
	if (slot < NR_SLOTS)
		__set_bit(slot, slot_map);
	raw_spin_unlock_irqrestore(&slot_lock, flags);
	if (slot >= NR_SLOTS)
		return NULL;

	base = slot_top(slot) - THREAD_SIZE;
	for (i = 0; i < THREAD_SIZE / PAGE_SIZE; i++) {
		unsigned long page = __get_free_page(GFP_KERNEL);

		if (!page)
			goto fail;
		if (map_kernel_page(base + i * PAGE_SIZE, __pa((void *)page), PAGE_KERNEL)) {
			free_page(page);
			goto fail;
		}
	}
	atomic_long_inc(&nr_stacks_in_use);
	return (void *)base;
fail:
	unmap_stack(base, i);
	put_slot(slot);
	return NULL;
}

static void stack_release(unsigned long base)
{
	unmap_stack(base, THREAD_SIZE / PAGE_SIZE);
	put_slot((base - STACK_BASE) / STACK_SLOT);
}

/* Context: may not be called on the stack being freed; IRQs enabled. */
void stack_free(void *stack)
{
	unsigned long base = (unsigned long)stack, flags;

	if (!stack)
		return;
	if (WARN(base < STACK_BASE || (base + THREAD_SIZE - STACK_BASE) % STACK_SLOT,
		 "stack_free: %px is not a kernel stack", stack))
		return;
	atomic_long_dec(&nr_stacks_in_use);
	raw_spin_lock_irqsave(&slot_lock, flags);
	if (nr_cached < STACK_CACHE_SIZE) {
		stack_cache[nr_cached++] = stack;
		raw_spin_unlock_irqrestore(&slot_lock, flags);
		return;
	}
	raw_spin_unlock_irqrestore(&slot_lock, flags);
	stack_release(base);
}

/* Unmap and free every cached stack.  Return: stacks released. */
unsigned long stack_cache_drain(void)
{
	unsigned long n = 0, flags;

	for (;;) {
		void *s = NULL;

		raw_spin_lock_irqsave(&slot_lock, flags);
		if (nr_cached)
			s = stack_cache[--nr_cached];
		raw_spin_unlock_irqrestore(&slot_lock, flags);
		if (!s)
			return n;
		stack_release((unsigned long)s);
		n++;
	}
}


/* Is addr in the unmapped part of a stack slot (below a stack)? */
bool stack_guard_hit(unsigned long addr)
{
	if (addr < STACK_BASE || addr >= STACK_BASE + (unsigned long)NR_SLOTS * STACK_SLOT)
		return false;
	return (addr - STACK_BASE) % STACK_SLOT < STACK_SLOT - THREAD_SIZE;
}
