#ifndef _LINUX_HASHTABLE_H
#define _LINUX_HASHTABLE_H

/*
 * Fixed-size hash tables of hlist buckets (Linux's linux/hashtable.h).
 * The table is an array of 2^bits struct hlist_head; a key is hashed
 * with hash_32() (keys of up to 32 bits) or hash_long() to its bucket.
 * No locking inside: the user serialises writers (and readers, unless
 * the _rcu forms are used with their rules).
 */
#include <linux/list.h>
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/hash.h>
#include <linux/bitops.h>

#define DEFINE_HASHTABLE(name, bits)					\
	struct hlist_head name[1 << (bits)] =				\
			{ [0 ... ((1 << (bits)) - 1)] = HLIST_HEAD_INIT }
#define DEFINE_READ_MOSTLY_HASHTABLE(name, bits)			\
	struct hlist_head name[1 << (bits)] __read_mostly =		\
			{ [0 ... ((1 << (bits)) - 1)] = HLIST_HEAD_INIT }
#define DECLARE_HASHTABLE(name, bits)	struct hlist_head name[1 << (bits)]

#define HASH_SIZE(name)	(ARRAY_SIZE(name))
#define HASH_BITS(name)	ilog2(HASH_SIZE(name))

/* The bucket of val in a table of 2^bits buckets. */
#define hash_min(val, bits)						\
	(sizeof(val) <= 4 ? hash_32(val, bits) : hash_long(val, bits))

static inline void __hash_init(struct hlist_head *ht, unsigned int sz)
{
	for (unsigned int i = 0; i < sz; i++)
		INIT_HLIST_HEAD(&ht[i]);
}

/* hash_init - empty a table (one declared with DECLARE_HASHTABLE, say). */
#define hash_init(hashtable)	__hash_init(hashtable, HASH_SIZE(hashtable))

/* hash_add - add node to the bucket of key. */
#define hash_add(hashtable, node, key)					\
	hlist_add_head(node, &hashtable[hash_min(key, HASH_BITS(hashtable))])

/* hash_hashed - whether node is in a table. */
static inline bool hash_hashed(struct hlist_node *node)
{
	return !hlist_unhashed(node);
}

static inline bool __hash_empty(struct hlist_head *ht, unsigned int sz)
{
	for (unsigned int i = 0; i < sz; i++)
		if (!hlist_empty(&ht[i]))
			return false;
	return true;
}

/* hash_empty - whether every bucket is empty. */
#define hash_empty(hashtable)	__hash_empty(hashtable, HASH_SIZE(hashtable))

/* hash_del - remove node from its table (it becomes unhashed). */
static inline void hash_del(struct hlist_node *node)
{
	hlist_del_init(node);
}

/* hash_for_each - every entry obj, bucket by bucket; bkt is the bucket. */
#define hash_for_each(name, bkt, obj, member)				\
	for ((bkt) = 0, obj = NULL; obj == NULL && (bkt) < HASH_SIZE(name); \
	     (bkt)++)							\
		hlist_for_each_entry(obj, &name[bkt], member)

/* hash_for_each_safe - the same, obj may be removed; tmp is scratch. */
#define hash_for_each_safe(name, bkt, tmp, obj, member)			\
	for ((bkt) = 0, obj = NULL; obj == NULL && (bkt) < HASH_SIZE(name); \
	     (bkt)++)							\
		hlist_for_each_entry_safe(obj, tmp, &name[bkt], member)

/* hash_for_each_possible - every entry in the bucket key hashes to. */
#define hash_for_each_possible(name, obj, member, key)			\
	hlist_for_each_entry(obj, &name[hash_min(key, HASH_BITS(name))], member)

#define hash_for_each_possible_safe(name, obj, tmp, member, key)	\
	hlist_for_each_entry_safe(obj, tmp,				\
				  &name[hash_min(key, HASH_BITS(name))], member)

#endif
