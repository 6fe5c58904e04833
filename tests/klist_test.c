/*
 * klist beyond what Linux's list-test.c checks: klist_remove() waiting
 * for the iterator that stands on the node, walking backwards, starting
 * at a node, dead nodes being stepped over, and get/put pairing.
 */
#include <kunit/test.h>
#include <linux/klist.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include "helper.h"

struct item {
	struct klist_node node;
	int v;
};

static atomic_t gets, puts;

static void item_get(struct klist_node *n)
{
	atomic_inc(&gets);
}

static void item_put(struct klist_node *n)
{
	atomic_inc(&puts);
}

static int item_value(struct klist_node *n)
{
	return n ? container_of(n, struct item, node)->v : -1;
}

static void fill(struct klist *k, struct item *items, int n)
{
	atomic_set(&gets, 0);
	atomic_set(&puts, 0);
	klist_init(k, item_get, item_put);
	for (int i = 0; i < n; i++) {
		items[i].v = i;
		klist_add_tail(&items[i].node, k);
	}
}

static void prev_walks_backwards_and_init_node_starts_there(struct kunit *test)
{
	struct item items[4];
	struct klist k;
	struct klist_iter it;

	fill(&k, items, 4);
	klist_iter_init(&k, &it);
	KUNIT_EXPECT_EQ(test, item_value(klist_prev(&it)), 3);
	KUNIT_EXPECT_EQ(test, item_value(klist_prev(&it)), 2);
	klist_iter_exit(&it);

	klist_iter_init_node(&k, &it, &items[1].node);
	KUNIT_EXPECT_PTR_EQ(test, it.i_cur, &items[1].node);
	KUNIT_EXPECT_EQ(test, item_value(klist_next(&it)), 2);
	KUNIT_EXPECT_EQ(test, item_value(klist_next(&it)), 3);
	KUNIT_EXPECT_NULL(test, klist_next(&it));
	klist_iter_exit(&it);
	KUNIT_EXPECT_EQ(test, atomic_read(&gets), 4);
	KUNIT_EXPECT_EQ(test, atomic_read(&puts), 0);
	for (int i = 0; i < 4; i++)
		klist_del(&items[i].node);
	KUNIT_EXPECT_EQ(test, atomic_read(&puts), 4);
}

/* A node deleted behind an iterator's back is skipped by every walker. */
static void dead_nodes_are_stepped_over(struct kunit *test)
{
	struct item items[5];
	struct klist k;
	struct klist_iter a, b;

	fill(&k, items, 5);
	klist_iter_init(&k, &a);
	klist_iter_init(&k, &b);
	KUNIT_EXPECT_EQ(test, item_value(klist_next(&a)), 0);
	KUNIT_EXPECT_EQ(test, item_value(klist_next(&a)), 1);	/* a stands on 1 */
	klist_del(&items[1].node);	/* stays linked while a is there */
	klist_del(&items[2].node);	/* gone at once */
	KUNIT_EXPECT_TRUE(test, klist_node_attached(&items[1].node));
	KUNIT_EXPECT_FALSE(test, klist_node_attached(&items[2].node));
	KUNIT_EXPECT_EQ(test, atomic_read(&puts), 1);
	/* b starts afresh: 0, then past both dead nodes to 3 */
	KUNIT_EXPECT_EQ(test, item_value(klist_next(&b)), 0);
	KUNIT_EXPECT_EQ(test, item_value(klist_next(&b)), 3);
	/* a steps from its dead node to the next live one, releasing it */
	KUNIT_EXPECT_EQ(test, item_value(klist_next(&a)), 3);
	KUNIT_EXPECT_FALSE(test, klist_node_attached(&items[1].node));
	KUNIT_EXPECT_EQ(test, atomic_read(&puts), 2);
	klist_iter_exit(&a);
	klist_iter_exit(&b);
	for (int i = 0; i < 5; i++)
		if (i != 1 && i != 2)
			klist_del(&items[i].node);
	KUNIT_EXPECT_EQ(test, atomic_read(&puts), 5);
}

struct remover {
	struct klist_node *node;
	struct completion started, done;
};

static int remover_fn(void *data)
{
	struct remover *r = data;

	complete(&r->started);
	klist_remove(r->node);
	complete(&r->done);
	return 0;
}

/* klist_remove() returns only when the iterator standing on the node moves on. */
static void remove_waits_for_the_iterator(struct kunit *test)
{
	struct item items[3];
	struct klist k;
	struct klist_iter it;
	struct remover r = { .node = &items[1].node };
	struct task_struct *t;

	fill(&k, items, 3);
	init_completion(&r.started);
	init_completion(&r.done);
	klist_iter_init(&k, &it);
	klist_next(&it);
	KUNIT_ASSERT_EQ(test, item_value(klist_next(&it)), 1);

	t = kthread_run(remover_fn, &r, "klist_remover");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t);
	get_task_struct(t);
	KUNIT_EXPECT_GT(test, wait_for_completion_timeout(&r.started, HANG_BOUND), 0);
	/* asleep in klist_remove(), not done: the node is still attached */
	KUNIT_EXPECT_TRUE(test, WAIT_FOR(READ_ONCE(t->__state) == TASK_UNINTERRUPTIBLE &&
					 klist_node_attached(&items[1].node), 10000));
	KUNIT_EXPECT_FALSE(test, completion_done(&r.done));

	KUNIT_EXPECT_EQ(test, item_value(klist_next(&it)), 2);	/* moves on: released */
	KUNIT_EXPECT_GT(test, wait_for_completion_timeout(&r.done, HANG_BOUND), 0);
	KUNIT_EXPECT_FALSE(test, klist_node_attached(&items[1].node));
	klist_iter_exit(&it);
	kthread_stop(t);
	put_task_struct(t);
	klist_del(&items[0].node);
	klist_del(&items[2].node);
	KUNIT_EXPECT_EQ(test, atomic_read(&gets), atomic_read(&puts));
}

static struct kunit_case klist_more_cases[] = {
	KUNIT_CASE(prev_walks_backwards_and_init_node_starts_there),
	KUNIT_CASE(dead_nodes_are_stepped_over),
	KUNIT_CASE(remove_waits_for_the_iterator),
	{}
};

static struct kunit_suite klist_more_suite = {
	.name = "klist_refcount",
	.test_cases = klist_more_cases,
};
kunit_test_suite(klist_more_suite);
