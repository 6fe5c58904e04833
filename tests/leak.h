#ifndef _TESTS_LEAK_H
#define _TESTS_LEAK_H

/*
 * Leak accounting shared by the stress tests: a snapshot of the pages in
 * use (outside slabs and page tables), slab bytes and kernel stacks, and
 * a check that polls up to a second for them to come back (exited tasks'
 * stacks are freed asynchronously, at their last switch).
 */
#include <kunit/test.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/delay.h>
#include <linux/sched/task.h>
#include <kernel/sched.h>
#include <kernel/mm.h>

struct mem_snapshot {
	long pages, slab_bytes, stacks;
};

static inline void mem_snapshot(struct mem_snapshot *s)
{
	wait_for_dead_tasks(2000);	/* earlier cases' exited threads go first */
	kmem_shrink_all();
	s->pages = nr_pages_in_use_direct();
	s->slab_bytes = atomic_long_read(&slab_bytes_in_use);
	s->stacks = atomic_long_read(&nr_stacks_in_use);
}

static inline void mem_expect_baseline(struct kunit *test, const struct mem_snapshot *base)
{
	struct mem_snapshot now;

	for (int i = 0; i < 100; i++) {
		mem_snapshot(&now);
		if (now.pages == base->pages && now.slab_bytes == base->slab_bytes &&
		    now.stacks == base->stacks)
			break;
		msleep(10);
	}
	KUNIT_EXPECT_EQ(test, now.pages, base->pages);
	KUNIT_EXPECT_EQ(test, now.slab_bytes, base->slab_bytes);
	KUNIT_EXPECT_EQ(test, now.stacks, base->stacks);
}

#endif
