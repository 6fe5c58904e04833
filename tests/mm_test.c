/*
 * Memory: the buddy allocator, slab caches, kmalloc, guarded stacks.
 *
 *   free block --alloc_pages--> allocated --__free_pages--> free (merged)
 *   free slot  --kmalloc------> object    --kfree--------> free (poisoned)
 *                                         --kfree again--> reported, ignored
 *
 * Every case that allocates checks that the in-use counters (pages, slab
 * bytes, stacks) return to their value before the case: nothing leaks.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/smp.h>
#include <linux/atomic.h>
#include <asm/pgtable.h>
#include <linux/ktime.h>
#include <kernel/mm.h>
#include <kernel/panic.h>

struct mm_baseline {
	long pages, bytes, stacks;
};

static void baseline_take(struct mm_baseline *b)
{
	kmem_shrink_all();
	b->pages = atomic_long_read(&nr_pages_in_use);
	b->bytes = atomic_long_read(&slab_bytes_in_use);
	b->stacks = atomic_long_read(&nr_stacks_in_use);
}

static void baseline_check(struct kunit *test, struct mm_baseline *b)
{
	kmem_shrink_all();
	KUNIT_EXPECT_EQ(test, atomic_long_read(&slab_bytes_in_use), b->bytes);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&nr_pages_in_use), b->pages);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&nr_stacks_in_use), b->stacks);
}

static void slab_every_size_class(struct kunit *test)
{
	struct mm_baseline b;

	baseline_take(&b);
	for (size_t size = 8; size <= KMALLOC_MAX_SIZE; size *= 2) {
		void *objs[4];

		for (int i = 0; i < 4; i++) {
			size_t ask = size - (i & 1) * (size / 2 - 1);	/* size and size/2+1 */
			objs[i] = kmalloc(ask, GFP_KERNEL);
			KUNIT_ASSERT_NOT_NULL_MSG(test, objs[i], "size %zu", ask);
			KUNIT_EXPECT_EQ_MSG(test, (unsigned long)objs[i] & (size - 1), 0UL,
					    "kmalloc(%zu) not aligned to %zu", ask, size);
			KUNIT_EXPECT_EQ(test, ksize(objs[i]), size);
			memset(objs[i], 0xa5, ask);
		}
		for (int i = 0; i < 4; i++)
			for (int j = i + 1; j < 4; j++)
				KUNIT_EXPECT_PTR_NE(test, objs[i], objs[j]);
		for (int i = 0; i < 4; i++)
			kfree(objs[i]);
	}
	baseline_check(test, &b);
}

static void kmalloc_bad_sizes_return_null(struct kunit *test)
{
	KUNIT_EXPECT_NULL(test, kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL));
	KUNIT_EXPECT_NULL(test, kmalloc_array(SIZE_MAX / 2, 4, GFP_KERNEL));
	KUNIT_EXPECT_NULL(test, kcalloc(1UL << 40, 1UL << 30, GFP_KERNEL));
	KUNIT_EXPECT_PTR_EQ(test, kmalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
	kfree(ZERO_SIZE_PTR);
	kfree(NULL);
}

static void kzalloc_and_kcalloc_zero(struct kunit *test)
{
	unsigned char *p = kmalloc(256, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	memset(p, 0xff, 256);
	kfree(p);
	p = kzalloc(256, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_NULL(test, memchr_inv(p, 0, 256));
	kfree(p);
	p = kcalloc(100, 3, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_NULL(test, memchr_inv(p, 0, 300));
	kfree(p);
}

static void kmem_cache_create_alloc_destroy(struct kunit *test)
{
	struct kmem_cache *c = kmem_cache_create("test_obj", 40, 16, 0, NULL);
	void *o[100];

	KUNIT_ASSERT_NOT_NULL(test, c);
	for (int i = 0; i < 100; i++) {
		o[i] = kmem_cache_alloc(c, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, o[i]);
		KUNIT_EXPECT_EQ(test, (unsigned long)o[i] % 16, 0UL);
	}
	for (int i = 0; i < 100; i++)
		kmem_cache_free(c, o[i]);
	kmem_cache_destroy(c);
}

static void page_exhaustion_returns_null_and_recovers(struct kunit *test)
{
	struct mm_baseline b;
	unsigned long *chain = NULL, *p, n = 0;

	baseline_take(&b);
	/* take every free page, linking them through their first word */
	while ((p = (unsigned long *)__get_free_page(GFP_KERNEL))) {
		*p = (unsigned long)chain;
		chain = p;
		n++;
	}
	KUNIT_EXPECT_GT(test, n, 1000UL);
	KUNIT_EXPECT_EQ(test, nr_free_pages(), 0UL);
	KUNIT_EXPECT_NULL(test, kmalloc(8192, GFP_KERNEL));
	KUNIT_EXPECT_NULL(test, alloc_pages(GFP_KERNEL, 0));
	while (chain) {
		p = chain;
		chain = (unsigned long *)*p;
		free_page((unsigned long)p);
	}
	p = (unsigned long *)__get_free_pages(GFP_KERNEL, 4);
	KUNIT_EXPECT_NOT_NULL(test, p);
	free_pages((unsigned long)p, 4);
	baseline_check(test, &b);
}

static void buddy_blocks_naturally_aligned(struct kunit *test)
{
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		unsigned long a = __get_free_pages(GFP_KERNEL, order);

		KUNIT_ASSERT_NE_MSG(test, a, 0UL, "order %u", order);
		KUNIT_EXPECT_EQ(test, __pa((void *)a) & ((PAGE_SIZE << order) - 1), 0ULL);
		free_pages(a, order);
	}
}

static void double_free_reported_not_corrupting(struct kunit *test)
{
	unsigned long errs = slab_errors, warns = warn_count;
	void *p = kmalloc(64, GFP_KERNEL), *q, *r;

	KUNIT_ASSERT_NOT_NULL(test, p);
	kfree(p);
	kfree(p);	/* reported and ignored */
	KUNIT_EXPECT_EQ(test, slab_errors, errs + 1);
	KUNIT_EXPECT_GT(test, warn_count, warns);
	/* the free list was not corrupted: two allocations, two objects */
	q = kmalloc(64, GFP_KERNEL);
	r = kmalloc(64, GFP_KERNEL);
	KUNIT_EXPECT_PTR_NE(test, q, r);
	kfree(q);
	kfree(r);
	kfree((char *)r + 8);	/* not an object start */
	KUNIT_EXPECT_EQ(test, slab_errors, errs + 2);
}

static void page_double_free_reported(struct kunit *test)
{
	unsigned long warns = warn_count, before = nr_free_pages();
	unsigned long a = __get_free_pages(GFP_KERNEL, 1);

	KUNIT_ASSERT_NE(test, a, 0UL);
	free_pages(a, 1);
	free_pages(a, 1);				/* double free */
	free_pages(a + PAGE_SIZE, 0);			/* a page inside a free block */
	KUNIT_EXPECT_EQ(test, warn_count, warns + 2);
	KUNIT_EXPECT_EQ(test, nr_free_pages(), before);	/* counted once */
}

static void write_after_free_detected(struct kunit *test)
{
#ifdef CONFIG_DEBUG_KERNEL
	unsigned long errs = slab_errors;
	unsigned char *p = kmalloc(128, GFP_KERNEL), *q;

	KUNIT_ASSERT_NOT_NULL(test, p);
	kfree(p);
	KUNIT_EXPECT_EQ(test, p[64], 0x6b);	/* poisoned */
	p[64] = 0;				/* use after free */
	q = kmalloc(128, GFP_KERNEL);		/* LIFO: the same object */
	KUNIT_EXPECT_PTR_EQ(test, q, p);
	KUNIT_EXPECT_EQ(test, slab_errors, errs + 1);
	kfree(q);
#else
	kunit_skip(test, "poisoning is a debug-build feature");
#endif
}

static void stack_has_unmapped_guard_below(struct kunit *test)
{
	long before = atomic_long_read(&nr_stacks_in_use);
	unsigned long s = (unsigned long)stack_alloc();

	KUNIT_ASSERT_NE(test, s, 0UL);
	KUNIT_EXPECT_TRUE(test, kern_addr_mapped(s));
	KUNIT_EXPECT_TRUE(test, kern_addr_mapped(s + THREAD_SIZE - 1));
	KUNIT_EXPECT_FALSE(test, kern_addr_mapped(s - 1));
	KUNIT_EXPECT_TRUE(test, stack_guard_hit(s - 8));
	KUNIT_EXPECT_FALSE(test, stack_guard_hit(s + 8));
	KUNIT_EXPECT_EQ(test, atomic_long_read(&nr_stacks_in_use), before + 1);
	memset((void *)s, 0, THREAD_SIZE);
	stack_free((void *)s);
	stack_cache_drain();	/* freed stacks are cached mapped; drop them */
	KUNIT_EXPECT_FALSE(test, kern_addr_mapped(s));
	KUNIT_EXPECT_EQ(test, atomic_long_read(&nr_stacks_in_use), before);
}

/* 100k allocations and frees on every CPU at once, mixed sizes. */
#define STRESS_OPS 100000
static atomic_t stress_failures;

static void stress_cpu(void *arg)
{
	void *slots[32] = { NULL };
	u64 seed = 0x9e3779b97f4a7c15ULL * (smp_processor_id() + 1) + (unsigned long)arg;

	for (int i = 0; i < STRESS_OPS; i++) {
		unsigned int k;
		size_t size;

		seed ^= seed << 13;
		seed ^= seed >> 7;
		seed ^= seed << 17;
		k = seed % 32;
		size = 8UL << ((seed >> 8) % 10);	/* 8 B .. 4 KiB */
		if (slots[k]) {
			if (*(unsigned char *)slots[k] != (unsigned char)k)
				atomic_inc(&stress_failures);
			kfree(slots[k]);
			slots[k] = NULL;
		} else {
			slots[k] = kmalloc(size, GFP_ATOMIC);
			if (slots[k])
				*(unsigned char *)slots[k] = (unsigned char)k;
			else
				atomic_inc(&stress_failures);
		}
	}
	for (int k = 0; k < 32; k++)
		kfree(slots[k]);
}

static void alloc_free_stress_all_cpus_no_leak(struct kunit *test)
{
	struct mm_baseline b;
	unsigned long seed = (unsigned long)ktime_get_ns();

	kunit_info(test, "seed %lu, %u CPUs x %d operations", seed, num_online_cpus(), STRESS_OPS);
	baseline_take(&b);
	atomic_set(&stress_failures, 0);
	on_each_cpu(stress_cpu, (void *)seed, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&stress_failures), 0);
	baseline_check(test, &b);
}

static struct kunit_case mm_cases[] = {
	KUNIT_CASE(slab_every_size_class),
	KUNIT_CASE(kmalloc_bad_sizes_return_null),
	KUNIT_CASE(kzalloc_and_kcalloc_zero),
	KUNIT_CASE(kmem_cache_create_alloc_destroy),
	KUNIT_CASE(buddy_blocks_naturally_aligned),
	KUNIT_CASE(page_exhaustion_returns_null_and_recovers),
	KUNIT_CASE(double_free_reported_not_corrupting),
	KUNIT_CASE(page_double_free_reported),
	KUNIT_CASE(write_after_free_detected),
	KUNIT_CASE(stack_has_unmapped_guard_below),
	KUNIT_CASE(alloc_free_stress_all_cpus_no_leak),
	{}
};

static struct kunit_suite mm_suite = {
	.name = "mm",
	.test_cases = mm_cases,
};
kunit_test_suite(mm_suite);
