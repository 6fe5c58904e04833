#ifndef _LINUX_KREF_H
#define _LINUX_KREF_H

/*
 * kref: a reference count embedded in an object, with a release function
 * called when the last reference goes (Linux's linux/kref.h).
 */
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>

struct kref {
	refcount_t refcount;
};

#define KREF_INIT(n)	{ .refcount = REFCOUNT_INIT(n), }

static inline void kref_init(struct kref *kref) { refcount_set(&kref->refcount, 1); }
static inline unsigned int kref_read(const struct kref *kref) { return refcount_read(&kref->refcount); }
static inline void kref_get(struct kref *kref) { refcount_inc(&kref->refcount); }

/*
 * kref_put - drop a reference; the last one calls release(kref).
 * Return: 1 if the object was released, else 0.
 */
static inline int kref_put(struct kref *kref, void (*release)(struct kref *kref))
{
	if (refcount_dec_and_test(&kref->refcount)) {
		release(kref);
		return 1;
	}
	return 0;
}

/* The same, with lock taken only for the last reference (held on return 1). */
static inline int kref_put_lock(struct kref *kref, void (*release)(struct kref *kref),
				spinlock_t *lock)
{
	int old = atomic_read(&kref->refcount.refs);

	while (old > 1)
		if (atomic_try_cmpxchg(&kref->refcount.refs, &old, old - 1))
			return 0;
	spin_lock(lock);
	if (refcount_dec_and_test(&kref->refcount)) {
		release(kref);
		return 1;
	}
	spin_unlock(lock);
	return 0;
}

static inline int kref_put_mutex(struct kref *kref, void (*release)(struct kref *kref),
				 struct mutex *mutex)
{
	int old = atomic_read(&kref->refcount.refs);

	while (old > 1)
		if (atomic_try_cmpxchg(&kref->refcount.refs, &old, old - 1))
			return 0;
	mutex_lock(mutex);
	if (refcount_dec_and_test(&kref->refcount)) {
		release(kref);
		return 1;
	}
	mutex_unlock(mutex);
	return 0;
}

/* Take a reference unless the count already reached zero.  Return: whether taken. */
static inline int __must_check kref_get_unless_zero(struct kref *kref)
{
	return refcount_inc_not_zero(&kref->refcount);
}

#endif
