/*
 * Test-managed resources and deferred actions (see kunit/resource.h).
 *
 * test->resources is a stack: kunit_cleanup() releases the newest first,
 * since a resource may depend on an older one for its whole life.  It
 * cannot walk the list with the usual iterators, not even the _safe
 * ones: releasing one resource may remove any other (an action freeing a
 * kunit_kmalloc()ed object, say), so it takes the newest, unlocks,
 * releases, and starts again.
 *
 * Locking: test->lock (irqsave: resources may be added from any thread
 * of the test, in any context) guards test->resources and each node.
 * Free functions run without it.
 */
#include <kunit/resource.h>
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/export.h>

void kunit_release_resource(struct kref *kref)
{
	struct kunit_resource *res = container_of(kref, struct kunit_resource, refcount);

	if (res->free)
		res->free(res);
	if (res->should_kfree)
		kfree(res);
}
EXPORT_SYMBOL_GPL(kunit_release_resource);

int __kunit_add_resource(struct kunit *test, kunit_resource_init_t init,
			 kunit_resource_free_t free, struct kunit_resource *res, void *data)
{
	unsigned long flags;
	int ret;

	res->free = free;
	kref_init(&res->refcount);
	INIT_LIST_HEAD(&res->node);
	if (init) {
		ret = init(res, data);
		if (ret)
			return ret;
	} else {
		res->data = data;
	}
	spin_lock_irqsave(&test->lock, flags);
	list_add_tail(&res->node, &test->resources);
	spin_unlock_irqrestore(&test->lock, flags);
	return 0;
}
EXPORT_SYMBOL_GPL(__kunit_add_resource);

int kunit_add_named_resource(struct kunit *test, kunit_resource_init_t init,
			     kunit_resource_free_t free, struct kunit_resource *res,
			     const char *name, void *data)
{
	struct kunit_resource *existing;

	if (!name)
		return -EINVAL;
	existing = kunit_find_named_resource(test, name);
	if (existing) {
		kunit_put_resource(existing);
		return -EEXIST;
	}
	res->name = name;
	return __kunit_add_resource(test, init, free, res, data);
}
EXPORT_SYMBOL_GPL(kunit_add_named_resource);

struct kunit_resource *kunit_find_named_resource(struct kunit *test, const char *name)
{
	return kunit_find_resource(test, kunit_resource_name_match, (void *)name);
}
EXPORT_SYMBOL_GPL(kunit_find_named_resource);

void kunit_remove_resource(struct kunit *test, struct kunit_resource *res)
{
	unsigned long flags;
	bool was_linked;

	spin_lock_irqsave(&test->lock, flags);
	was_linked = !list_empty(&res->node);
	list_del_init(&res->node);
	spin_unlock_irqrestore(&test->lock, flags);
	if (was_linked)
		kunit_put_resource(res);	/* the test's reference */
}
EXPORT_SYMBOL_GPL(kunit_remove_resource);

int kunit_destroy_resource(struct kunit *test, kunit_resource_match_t match, void *match_data)
{
	struct kunit_resource *res = kunit_find_resource(test, match, match_data);

	if (!res)
		return -ENOENT;
	kunit_remove_resource(test, res);
	kunit_put_resource(res);		/* kunit_find_resource()'s */
	return 0;
}
EXPORT_SYMBOL_GPL(kunit_destroy_resource);

void kunit_cleanup(struct kunit *test)
{
	struct kunit_resource *res;
	unsigned long flags;

	for (;;) {
		spin_lock_irqsave(&test->lock, flags);
		if (list_empty(&test->resources)) {
			spin_unlock_irqrestore(&test->lock, flags);
			break;
		}
		res = list_last_entry(&test->resources, struct kunit_resource, node);
		spin_unlock_irqrestore(&test->lock, flags);
		kunit_remove_resource(test, res);
	}
}
EXPORT_SYMBOL_GPL(kunit_cleanup);

/* A deferred action is a resource whose free function calls it. */
struct kunit_action_ctx {
	struct kunit_resource res;
	kunit_action_t *func;
	void *ctx;
};

static void kunit_action_free(struct kunit_resource *res)
{
	struct kunit_action_ctx *a = container_of(res, struct kunit_action_ctx, res);

	a->func(a->ctx);
}

int kunit_add_action(struct kunit *test, kunit_action_t *action, void *ctx)
{
	struct kunit_action_ctx *a;

	KUNIT_ASSERT_NOT_NULL_MSG(test, action, "tried to add a NULL action");
	a = kzalloc(sizeof(*a), GFP_KERNEL);
	if (!a)
		return -ENOMEM;
	a->func = action;
	a->ctx = ctx;
	a->res.should_kfree = true;
	/* without an init function this cannot fail */
	__kunit_add_resource(test, NULL, kunit_action_free, &a->res, a);
	return 0;
}
EXPORT_SYMBOL_GPL(kunit_add_action);

int kunit_add_action_or_reset(struct kunit *test, kunit_action_t *action, void *ctx)
{
	int ret = kunit_add_action(test, action, ctx);

	if (unlikely(ret))
		action(ctx);
	return ret;
}
EXPORT_SYMBOL_GPL(kunit_add_action_or_reset);

static bool kunit_action_match(struct kunit *test, struct kunit_resource *res, void *match_data)
{
	struct kunit_action_ctx *want = match_data;
	struct kunit_action_ctx *have = container_of(res, struct kunit_action_ctx, res);

	return res->free == kunit_action_free && have->func == want->func && have->ctx == want->ctx;
}

/* The newest registration of action(ctx), with a reference; or NULL. */
static struct kunit_resource *find_action(struct kunit *test, kunit_action_t *action, void *ctx)
{
	struct kunit_action_ctx want = { .func = action, .ctx = ctx };

	return kunit_find_resource(test, kunit_action_match, &want);
}

void kunit_remove_action(struct kunit *test, kunit_action_t *action, void *ctx)
{
	struct kunit_resource *res = find_action(test, action, ctx);

	if (!res)
		return;
	res->free = NULL;		/* forget it without running it */
	kunit_remove_resource(test, res);
	kunit_put_resource(res);
}
EXPORT_SYMBOL_GPL(kunit_remove_action);

void kunit_release_action(struct kunit *test, kunit_action_t *action, void *ctx)
{
	struct kunit_resource *res = find_action(test, action, ctx);

	if (!res)
		return;
	kunit_remove_resource(test, res);
	kunit_put_resource(res);	/* the last reference: the action runs */
}
EXPORT_SYMBOL_GPL(kunit_release_action);

KUNIT_DEFINE_ACTION_WRAPPER(kfree_action_wrapper, kfree, const void *)

void *kunit_kmalloc_array(struct kunit *test, size_t n, size_t size, gfp_t gfp)
{
	void *data = kmalloc_array(n, size, gfp);

	if (!data)
		return NULL;
	if (kunit_add_action_or_reset(test, kfree_action_wrapper, data))
		return NULL;
	return data;
}
EXPORT_SYMBOL_GPL(kunit_kmalloc_array);

void kunit_kfree(struct kunit *test, const void *ptr)
{
	if (!ptr)
		return;
	kunit_release_action(test, kfree_action_wrapper, (void *)ptr);
}
EXPORT_SYMBOL_GPL(kunit_kfree);

extern const char __rodata_start[], __rodata_end[];

static bool is_kernel_rodata(const void *p)
{
	return (const char *)p >= __rodata_start && (const char *)p < __rodata_end;
}

void kunit_kfree_const(struct kunit *test, const void *x)
{
	if (!is_kernel_rodata(x))
		kunit_kfree(test, x);
}
EXPORT_SYMBOL_GPL(kunit_kfree_const);

const char *kunit_kstrdup_const(struct kunit *test, const char *str, gfp_t gfp)
{
	if (is_kernel_rodata(str))
		return str;
	return kunit_kstrdup(test, str, gfp);
}
EXPORT_SYMBOL_GPL(kunit_kstrdup_const);
