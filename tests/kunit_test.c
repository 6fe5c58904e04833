/*
 * KUnit itself: the per-case kthread and try-catch (return, throw,
 * timeout), test-managed resources and deferred actions, parameterised
 * cases with Linux 6.18's parent context, and the assertion forms the
 * other suites do not exercise (MEMEQ, the unary and pointer forms).
 *
 * Failures are provoked only on private struct kunit contexts (as
 * Linux's kunit-test.c does) and without printing assertion reports:
 * a skip is the throw used, so the log holds nothing that looks like a
 * failed test.
 *
 * The "kunit_timeout" suite is the whole-runner check of a case that
 * does not end: it is skipped unless kunit_test.timeout_demo is given,
 * and the "kunit-timeout" scenario of tools/ktest.py boots it with
 * kunit.timeout=1, expecting that case reported as timed out and the
 * next case run.
 */
#include <kunit/test.h>
#include <kunit/resource.h>
#include <kunit/test-bug.h>
#include <kunit/try-catch.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/moduleparam.h>
#include <linux/sched.h>
#include "helper.h"
#include <kernel/mm.h>
#include <kernel/sched.h>

/* ---- the case's own kthread ---- */

static void case_runs_in_its_own_kthread(struct kunit *test)
{
	struct task_struct *init = find_task_by_pid(1);

	KUNIT_ASSERT_NOT_NULL(test, init);
	KUNIT_EXPECT_PTR_NE(test, current, init);
	KUNIT_EXPECT_TRUE(test, current->flags & PF_KTHREAD);
	/* "kunit_try_catch_thread", cut to TASK_COMM_LEN as in Linux */
	KUNIT_EXPECT_STREQ(test, current->comm, "kunit_try_catch");
	KUNIT_EXPECT_NOT_NULL(test, kthread_func(current));
	KUNIT_EXPECT_FALSE(test, kthread_should_stop());
	KUNIT_EXPECT_PTR_EQ(test, kunit_get_current_test(), test);
	put_task_struct(init);
}

static int current_test_fn(void *data)
{
	struct kunit **seen = data;

	*seen = kunit_get_current_test();
	while (!kthread_should_stop())
		msleep(1);
	return 0;
}

/* Only the case's kthread sees the current test (Linux's current->kunit_test). */
static void current_test_is_null_in_other_threads(struct kunit *test)
{
	struct kunit *seen = test;
	struct task_struct *k = kthread_run(current_test_fn, &seen, "kunit_other");

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, k);
	KUNIT_EXPECT_TRUE(test, WAIT_FOR(seen != test, 10000));
	KUNIT_EXPECT_NULL(test, seen);
	kthread_stop(k);
}

/* ---- try-catch ---- */

struct tc_ctx {
	struct kunit ctx;		/* the private test the try-catch belongs to */
	struct completion release;	/* lets a blocked try function go */
	struct completion finished;	/* the try function got to its end */
	int steps, caught, caught_result;
};

static void tc_catch(void *data)
{
	struct tc_ctx *c = data;

	c->caught++;
	c->caught_result = kunit_try_catch_get_result(&c->ctx.try_catch);
}

static void tc_returns(void *data)
{
	((struct tc_ctx *)data)->steps++;
}

static void tc_throws(void *data)
{
	struct tc_ctx *c = data;

	c->steps++;
	kunit_skip(&c->ctx, "thrown on purpose");
	c->steps++;		/* not reached */
}

static void tc_blocks(void *data)
{
	struct tc_ctx *c = data;

	c->steps++;
	wait_for_completion(&c->release);
	complete(&c->finished);
}

static struct tc_ctx *tc_new(struct kunit *test)
{
	struct tc_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	if (c) {
		kunit_init_test(&c->ctx, "private", NULL);
		init_completion(&c->release);
		init_completion(&c->finished);
	}
	return c;
}

static void try_catch_return_skips_catch(struct kunit *test)
{
	struct tc_ctx *c = tc_new(test);

	KUNIT_ASSERT_NOT_NULL(test, c);
	kunit_try_catch_init(&c->ctx.try_catch, &c->ctx, tc_returns, tc_catch, HANG_BOUND);
	kunit_try_catch_run(&c->ctx.try_catch, c);
	KUNIT_EXPECT_EQ(test, c->steps, 1);
	KUNIT_EXPECT_EQ(test, c->caught, 0);
	KUNIT_EXPECT_EQ(test, kunit_try_catch_get_result(&c->ctx.try_catch), 0);
}

/* A throw ends the try kthread at once; catch runs and sees 0 (Linux). */
static void try_catch_throw_ends_the_kthread(struct kunit *test)
{
	struct tc_ctx *c = tc_new(test);

	KUNIT_ASSERT_NOT_NULL(test, c);
	kunit_try_catch_init(&c->ctx.try_catch, &c->ctx, tc_throws, tc_catch, HANG_BOUND);
	kunit_try_catch_run(&c->ctx.try_catch, c);
	KUNIT_EXPECT_EQ(test, c->steps, 1);
	KUNIT_EXPECT_EQ(test, c->caught, 1);
	KUNIT_EXPECT_EQ(test, c->caught_result, 0);
	KUNIT_EXPECT_EQ(test, c->ctx.status, KUNIT_SKIPPED);
	KUNIT_EXPECT_STREQ(test, c->ctx.status_comment, "thrown on purpose");
}

/*
 * A try function that does not end: -ETIMEDOUT, catch called, and the run
 * returns while the kthread still waits.  The function blocks on a
 * completion until the run has returned, so this holds however slow the
 * host; then it is let go, and must still finish on its own.
 */
static void try_catch_timeout_reported_and_thread_left(struct kunit *test)
{
	struct tc_ctx *c = tc_new(test);

	KUNIT_ASSERT_NOT_NULL(test, c);
	kunit_try_catch_init(&c->ctx.try_catch, &c->ctx, tc_blocks, tc_catch,
			     msecs_to_jiffies(20));
	kunit_try_catch_run(&c->ctx.try_catch, c);
	KUNIT_EXPECT_EQ(test, kunit_try_catch_get_result(&c->ctx.try_catch), -ETIMEDOUT);
	KUNIT_EXPECT_EQ(test, c->caught, 1);
	KUNIT_EXPECT_EQ(test, c->caught_result, -ETIMEDOUT);
	KUNIT_EXPECT_FALSE(test, completion_done(&c->finished));
	complete(&c->release);
	KUNIT_EXPECT_GT(test, wait_for_completion_timeout(&c->finished, HANG_BOUND), 0);
	KUNIT_EXPECT_EQ(test, c->steps, 1);
	/* its kthread exits next: let it go before this case's memory does */
	KUNIT_EXPECT_EQ(test, wait_for_dead_tasks(2000), 0);
}

/* ---- resources and actions ---- */

static int order[8], norder;

static void record(void *v)
{
	order[norder++] = (int)(long)v;
}

/* Actions run last-added first; release runs one now, remove forgets one. */
static void actions_run_newest_first(struct kunit *test)
{
	struct kunit ctx;

	kunit_init_test(&ctx, "private", NULL);
	norder = 0;
	KUNIT_ASSERT_EQ(test, kunit_add_action(&ctx, record, (void *)1), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action(&ctx, record, (void *)2), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(&ctx, record, (void *)3), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action(&ctx, record, (void *)4), 0);
	kunit_release_action(&ctx, record, (void *)2);
	KUNIT_EXPECT_EQ(test, norder, 1);
	KUNIT_EXPECT_EQ(test, order[0], 2);
	kunit_remove_action(&ctx, record, (void *)3);
	kunit_release_action(&ctx, record, (void *)42);	/* not registered: nothing */
	kunit_cleanup(&ctx);
	KUNIT_EXPECT_EQ(test, norder, 3);
	KUNIT_EXPECT_EQ(test, order[1], 4);
	KUNIT_EXPECT_EQ(test, order[2], 1);
	KUNIT_EXPECT_TRUE(test, list_empty(&ctx.resources));
}

static int res_freed;

static int res_init(struct kunit_resource *res, void *context)
{
	res->data = context;
	return *(int *)context < 0 ? *(int *)context : 0;
}

static void res_free(struct kunit_resource *res)
{
	res_freed++;
}

/* References: a found resource outlives its removal until put. */
static void resources_are_reference_counted(struct kunit *test)
{
	struct kunit ctx;
	struct kunit_resource *res, *found;
	static int good = 1, bad = -ENOSPC;
	struct kunit_resource named = { };

	kunit_init_test(&ctx, "private", NULL);
	res_freed = 0;
	res = kunit_alloc_and_get_resource(&ctx, res_init, res_free, GFP_KERNEL, &good);
	KUNIT_ASSERT_NOT_NULL(test, res);
	KUNIT_EXPECT_PTR_EQ(test, res->data, &good);
	KUNIT_EXPECT_NULL(test, kunit_alloc_resource(&ctx, res_init, res_free, GFP_KERNEL, &bad));

	found = kunit_find_resource(&ctx, kunit_resource_instance_match, &good);
	KUNIT_EXPECT_PTR_EQ(test, found, res);
	kunit_remove_resource(&ctx, res);
	KUNIT_EXPECT_EQ(test, res_freed, 0);	/* two references left */
	kunit_put_resource(found);
	KUNIT_EXPECT_EQ(test, res_freed, 0);
	kunit_put_resource(res);
	KUNIT_EXPECT_EQ(test, res_freed, 1);

	KUNIT_EXPECT_EQ(test, kunit_add_named_resource(&ctx, NULL, res_free, &named, "one",
						       &good), 0);
	KUNIT_EXPECT_EQ(test, kunit_add_named_resource(&ctx, NULL, res_free, &named, "one",
						       &good), -EEXIST);
	found = kunit_find_named_resource(&ctx, "one");
	KUNIT_EXPECT_PTR_EQ(test, found, &named);
	if (found)
		kunit_put_resource(found);
	KUNIT_EXPECT_EQ(test, kunit_destroy_named_resource(&ctx, "one"), 0);
	KUNIT_EXPECT_EQ(test, kunit_destroy_named_resource(&ctx, "one"), -ENOENT);
	KUNIT_EXPECT_EQ(test, res_freed, 2);
	kunit_cleanup(&ctx);
}

/* kunit_kfree() frees early; the rest goes at the end of the case. */
static void kunit_kmalloc_is_released(struct kunit *test)
{
	struct kunit ctx;
	long before;
	void *a, *b;

	kunit_init_test(&ctx, "private", NULL);
	kmem_shrink_all();
	before = atomic_long_read(&slab_bytes_in_use);
	a = kunit_kmalloc(&ctx, 100, GFP_KERNEL);
	b = kunit_kzalloc(&ctx, 3000, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_EXPECT_EQ(test, ((char *)b)[2999], 0);
	kunit_kfree(&ctx, a);
	kunit_cleanup(&ctx);
	kmem_shrink_all();
	KUNIT_EXPECT_EQ(test, atomic_long_read(&slab_bytes_in_use), before);
}

/* ---- parameterised cases (Linux 6.18) ---- */

struct square { int in, out; const char *name; };

static const struct square squares[] = {
	{ 0, 0, "zero" }, { 3, 9, "three" }, { -4, 16, "minus four" },
};

static void square_desc(const struct square *s, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", s->name);
}

KUNIT_ARRAY_PARAM(squares, squares, square_desc);

static void array_param_runs_each_element(struct kunit *test)
{
	const struct square *s = test->param_value;

	KUNIT_ASSERT_NOT_NULL(test, test->parent);
	KUNIT_EXPECT_PTR_EQ(test, s, &squares[test->param_index - 1]);
	KUNIT_EXPECT_EQ(test, s->in * s->in, s->out);
	/* the generator registered the array with the case's context */
	KUNIT_EXPECT_EQ(test, test->parent->params_array.num_params, ARRAY_SIZE(squares));
}

KUNIT_ARRAY_PARAM_DESC(squares_by_name, squares, name);

static void array_param_desc_member(struct kunit *test)
{
	const struct square *s = test->param_value;

	KUNIT_EXPECT_EQ(test, s->in * s->in, s->out);
}

/* param_init registers an array for kunit_array_gen_params and shared state. */
static int shared_runs;

static void square_get_desc(struct kunit *test, const void *param, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "in=%d", ((const struct square *)param)->in);
}

static int squares_param_init(struct kunit *test)
{
	int *count = kunit_kzalloc(test, sizeof(*count), GFP_KERNEL);

	if (!count)
		return -ENOMEM;
	test->priv = count;
	kunit_register_params_array(test, squares, ARRAY_SIZE(squares), square_get_desc);
	return 0;
}

static void squares_param_exit(struct kunit *test)
{
	shared_runs = *(int *)test->priv;
}

static void params_share_the_parent_context(struct kunit *test)
{
	const struct square *s = test->param_value;
	int *count = test->parent->priv;

	KUNIT_ASSERT_NOT_NULL(test, count);
	(*count)++;
	KUNIT_EXPECT_EQ(test, *count, test->param_index);
	KUNIT_EXPECT_EQ(test, s->in * s->in, s->out);
	KUNIT_EXPECT_NULL(test, test->priv);	/* each run has its own struct kunit */
	test->priv = count;
}

static void param_exit_saw_every_run(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, shared_runs, (int)ARRAY_SIZE(squares));
}

/* ---- assertion forms ---- */

static void memeq_and_unary_forms(struct kunit *test)
{
	u8 a[20], b[20];

	memset(a, 0x5a, sizeof(a));
	memcpy(b, a, sizeof(b));
	KUNIT_EXPECT_MEMEQ(test, a, b, sizeof(a));
	KUNIT_ASSERT_MEMEQ_MSG(test, a, b, sizeof(a), "%zu bytes", sizeof(a));
	b[17] = 0;
	KUNIT_EXPECT_MEMNEQ(test, a, b, sizeof(a));
	KUNIT_EXPECT_MEMEQ(test, a, b, 17);
	KUNIT_EXPECT_TRUE_MSG(test, a[0] == 0x5a, "a[0] is %#x", a[0]);
	KUNIT_EXPECT_PTR_NE(test, a, b);
	KUNIT_EXPECT_STRNEQ(test, "abc", "abd");
	KUNIT_SUCCEED(test);
}

static void slow_case_carries_its_attribute(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, true);	/* the runner prints "<case>.speed: slow" */
}

static struct kunit_case kunit_core_cases[] = {
	KUNIT_CASE(case_runs_in_its_own_kthread),
	KUNIT_CASE(current_test_is_null_in_other_threads),
	KUNIT_CASE(try_catch_return_skips_catch),
	KUNIT_CASE(try_catch_throw_ends_the_kthread),
	KUNIT_CASE(try_catch_timeout_reported_and_thread_left),
	KUNIT_CASE(actions_run_newest_first),
	KUNIT_CASE(resources_are_reference_counted),
	KUNIT_CASE(kunit_kmalloc_is_released),
	KUNIT_CASE_PARAM(array_param_runs_each_element, squares_gen_params),
	KUNIT_CASE_PARAM(array_param_desc_member, squares_by_name_gen_params),
	KUNIT_CASE_PARAM_WITH_INIT(params_share_the_parent_context, kunit_array_gen_params,
				   squares_param_init, squares_param_exit),
	KUNIT_CASE(param_exit_saw_every_run),
	KUNIT_CASE(memeq_and_unary_forms),
	KUNIT_CASE_SLOW(slow_case_carries_its_attribute),
	{}
};

static struct kunit_suite kunit_core_suite = {
	.name = "kunit_core",
	.test_cases = kunit_core_cases,
};

/* ---- the runner's timeout, end to end (see the top of the file) ---- */

static bool timeout_demo;
module_param(timeout_demo, bool, 0444);
MODULE_PARM_DESC(timeout_demo, "Run the kunit_timeout suite (a case that never ends)");

static DECLARE_COMPLETION(never);

static void blocks_past_the_timeout(struct kunit *test)
{
	if (!timeout_demo)
		kunit_skip(test, "needs kunit_test.timeout_demo (the kunit-timeout scenario)");
	wait_for_completion(&never);	/* never completed: the runner gives up */
}

static void runs_after_a_timed_out_case(struct kunit *test)
{
	if (!timeout_demo)
		kunit_skip(test, "needs kunit_test.timeout_demo (the kunit-timeout scenario)");
	KUNIT_EXPECT_PTR_EQ(test, kunit_get_current_test(), test);
}

static struct kunit_case kunit_timeout_cases[] = {
	KUNIT_CASE(blocks_past_the_timeout),
	KUNIT_CASE(runs_after_a_timed_out_case),
	{}
};

static struct kunit_suite kunit_timeout_suite = {
	.name = "kunit_timeout",
	.test_cases = kunit_timeout_cases,
};

kunit_test_suites(&kunit_core_suite, &kunit_timeout_suite);
