#ifndef _KUNIT_RESOURCE_H
#define _KUNIT_RESOURCE_H

/*
 * Test-managed resources (Linux's kunit/resource.h): things a test case
 * acquires that KUnit releases when the case ends, last acquired first,
 * whether the case passed, failed or aborted.  A resource is reference
 * counted: the test holds one reference while it is on the test's list;
 * kunit_find_resource() and kunit_alloc_and_get_resource() give the
 * caller another, dropped with kunit_put_resource().  Its free function
 * runs when the last reference goes.
 *
 * Deferred actions are resources too: kunit_add_action(test, fn, ctx)
 * runs fn(ctx) at the end of the case (kunit_release_action: now;
 * kunit_remove_action: never).
 *
 * Resources may be added from any thread of the test; test->lock guards
 * the list.
 */
#include <kunit/test.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

struct kunit_resource;

typedef int (*kunit_resource_init_t)(struct kunit_resource *, void *);
typedef void (*kunit_resource_free_t)(struct kunit_resource *);

struct kunit_resource {
	void *data;
	const char *name;
	kunit_resource_free_t free;

	/* private: internal use only. */
	struct kref refcount;
	struct list_head node;		/* test->lock */
	bool should_kfree;
};

void kunit_release_resource(struct kref *kref);

static inline void kunit_get_resource(struct kunit_resource *res)
{
	kref_get(&res->refcount);
}

static inline void kunit_put_resource(struct kunit_resource *res)
{
	kref_put(&res->refcount, kunit_release_resource);
}

/*
 * __kunit_add_resource - init(res, data) (or res->data = data without
 * init), then put res on test's list.  Return: 0, or init's error (res
 * is then not added).
 */
int __kunit_add_resource(struct kunit *test, kunit_resource_init_t init,
			 kunit_resource_free_t free, struct kunit_resource *res, void *data);

static inline int kunit_add_resource(struct kunit *test, kunit_resource_init_t init,
				     kunit_resource_free_t free, struct kunit_resource *res,
				     void *data)
{
	res->should_kfree = false;
	return __kunit_add_resource(test, init, free, res, data);
}

struct kunit_resource *kunit_find_named_resource(struct kunit *test, const char *name);

/* Return: 0; -EEXIST if test already has a resource of that name. */
int kunit_add_named_resource(struct kunit *test, kunit_resource_init_t init,
			     kunit_resource_free_t free, struct kunit_resource *res,
			     const char *name, void *data);

/* A resource allocated here, with a reference for the caller; NULL on failure. */
static inline struct kunit_resource *
kunit_alloc_and_get_resource(struct kunit *test, kunit_resource_init_t init,
			     kunit_resource_free_t free, gfp_t internal_gfp, void *context)
{
	struct kunit_resource *res = kzalloc(sizeof(*res), internal_gfp);

	if (!res)
		return NULL;
	res->should_kfree = true;
	if (__kunit_add_resource(test, init, free, res, context)) {
		kfree(res);
		return NULL;
	}
	kunit_get_resource(res);
	return res;
}

/* The same without the caller's reference. Return: res->data, or NULL. */
static inline void *kunit_alloc_resource(struct kunit *test, kunit_resource_init_t init,
					 kunit_resource_free_t free, gfp_t internal_gfp,
					 void *context)
{
	struct kunit_resource *res = kzalloc(sizeof(*res), internal_gfp);

	if (!res)
		return NULL;
	res->should_kfree = true;
	if (__kunit_add_resource(test, init, free, res, context)) {
		kfree(res);
		return NULL;
	}
	return res->data;
}

typedef bool (*kunit_resource_match_t)(struct kunit *test, struct kunit_resource *res,
				       void *match_data);

/* Matches the resource whose data is match_data. */
static inline bool kunit_resource_instance_match(struct kunit *test, struct kunit_resource *res,
						 void *match_data)
{
	return res->data == match_data;
}

static inline bool kunit_resource_name_match(struct kunit *test, struct kunit_resource *res,
					     void *match_name)
{
	return res->name && strcmp(res->name, match_name) == 0;
}

/* The newest resource match() accepts, with a reference for the caller; or NULL. */
static inline struct kunit_resource *kunit_find_resource(struct kunit *test,
							 kunit_resource_match_t match,
							 void *match_data)
{
	struct kunit_resource *res, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&test->lock, flags);
	list_for_each_entry_reverse(res, &test->resources, node) {
		if (match(test, res, match_data)) {
			found = res;
			kunit_get_resource(found);
			break;
		}
	}
	spin_unlock_irqrestore(&test->lock, flags);
	return found;
}

/* kunit_remove_resource - take res off the list and drop the test's reference. */
void kunit_remove_resource(struct kunit *test, struct kunit_resource *res);

/* Find and remove. Return: 0, or -ENOENT. */
int kunit_destroy_resource(struct kunit *test, kunit_resource_match_t match, void *match_data);

static inline int kunit_destroy_named_resource(struct kunit *test, const char *name)
{
	return kunit_destroy_resource(test, kunit_resource_name_match, (void *)name);
}

typedef void (kunit_action_t)(void *);

/* A kunit_action_t calling orig(arg) with arg's real type. */
#define KUNIT_DEFINE_ACTION_WRAPPER(wrapper, orig, arg_type)		\
	static void wrapper(void *in)					\
	{								\
		arg_type arg = (arg_type)in;				\
		orig(arg);						\
	}

/* Return: 0, or -ENOMEM (action not registered). */
int kunit_add_action(struct kunit *test, kunit_action_t *action, void *ctx);
/* The same, but action(ctx) runs at once if it cannot be registered. */
int kunit_add_action_or_reset(struct kunit *test, kunit_action_t *action, void *ctx);
void kunit_remove_action(struct kunit *test, kunit_action_t *action, void *ctx);
void kunit_release_action(struct kunit *test, kunit_action_t *action, void *ctx);

#endif
