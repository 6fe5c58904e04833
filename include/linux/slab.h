#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/list.h>
#include <linux/atomic.h>
#include <linux/numa.h>
#include <linux/overflow.h>
#include <linux/args.h>

/*
 * Slab caches and kmalloc (kernel/mm/slab.c).  kmalloc sizes are rounded
 * up to a power of two from 8 B to 128 KiB and objects are naturally
 * aligned to that size; larger requests, and sizes that overflow, return
 * NULL.  kmalloc(0) returns ZERO_SIZE_PTR, which kfree accepts.
 */
#define KMALLOC_MIN_SIZE	8
#define KMALLOC_MAX_SIZE	(128 * 1024)
#define ZERO_SIZE_PTR		((void *)16)
#define ZERO_OR_NULL_PTR(x)	((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

#define SLAB_HWCACHE_ALIGN	0x2000u
#define SLAB_PANIC		0x40000u
#define SLAB_ACCOUNT		0x0u
#define SLAB_RECLAIM_ACCOUNT	0x0u

struct kmem_cache;

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     unsigned long flags, void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *s);
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp);
void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t gfp);
void kmem_cache_free(struct kmem_cache *s, void *obj);
#define KMEM_CACHE(s, flags) kmem_cache_create(#s, sizeof(struct s), __alignof__(struct s), (flags), NULL)

void *kmalloc(size_t size, gfp_t gfp);
void *kzalloc(size_t size, gfp_t gfp);
void *kcalloc(size_t n, size_t size, gfp_t gfp);
void *kmalloc_array(size_t n, size_t size, gfp_t gfp);
void *krealloc(const void *p, size_t size, gfp_t gfp);
void kfree(const void *p);
size_t ksize(const void *p);
#define kmalloc_node(s, g, n)	kmalloc(s, g)
#define kzalloc_node(s, g, n)	kzalloc(s, g)
#define kcalloc_node(n, s, g, node)	kcalloc(n, s, g)
#define kmalloc_array_node(n, s, g, node) kmalloc_array(n, s, g)
#define kfree_sensitive(p)	kfree(p)

/*
 * kvmalloc: kmalloc, or for what kmalloc cannot serve, memory from
 * vmalloc (linux/vmalloc.h); kvfree() frees either.  Sizes that overflow
 * or exceed what either can give return NULL (quietly with __GFP_NOWARN).
 */
void *kvmalloc_node(size_t size, gfp_t gfp, int node);
void kvfree(const void *p);
#define kvmalloc(s, g)			kvmalloc_node(s, g, NUMA_NO_NODE)
#define kvzalloc(s, g)			kvmalloc_node(s, (g) | __GFP_ZERO, NUMA_NO_NODE)
#define kvzalloc_node(s, g, n)		kvmalloc_node(s, (g) | __GFP_ZERO, n)
#define kvmalloc_array(n, s, g)		kvmalloc(size_mul(n, s), g)
#define kvcalloc(n, s, g)		kvzalloc(size_mul(n, s), g)

/*
 * Typed allocations (kmalloc_obj and family): the size comes from the
 * type of the variable or type given, the count is overflow-checked, the
 * result has the right pointer type; the gfp argument may be left out
 * (GFP_KERNEL).
 *
 *   p = kmalloc_obj(*p);                 one object
 *   p = kzalloc_objs(*p, n, GFP_ATOMIC); n zeroed objects
 *   p = kmalloc_flex(*p, member, n);     a struct with n flexible elements
 */
#define __default_gfp0(...)		GFP_KERNEL
#define __default_gfp1(g)		(g)
#define default_gfp(...)	CONCATENATE(__default_gfp, COUNT_ARGS(__VA_ARGS__))(__VA_ARGS__)
#define __alloc_objs(ALLOC, GFP, TYPE, COUNT)				\
	((TYPE *)ALLOC(size_mul(sizeof(TYPE), COUNT), GFP))
#define __alloc_flex(ALLOC, GFP, TYPE, FAM, COUNT)			\
	((TYPE *)ALLOC(struct_size((TYPE *)NULL, FAM, COUNT), GFP))
#define kmalloc_obj(VAR_OR_TYPE, ...)	\
	__alloc_objs(kmalloc, default_gfp(__VA_ARGS__), __typeof__(VAR_OR_TYPE), 1)
#define kzalloc_obj(VAR_OR_TYPE, ...)	\
	__alloc_objs(kzalloc, default_gfp(__VA_ARGS__), __typeof__(VAR_OR_TYPE), 1)
#define kmalloc_objs(VAR_OR_TYPE, COUNT, ...)	\
	__alloc_objs(kmalloc, default_gfp(__VA_ARGS__), __typeof__(VAR_OR_TYPE), COUNT)
#define kzalloc_objs(VAR_OR_TYPE, COUNT, ...)	\
	__alloc_objs(kzalloc, default_gfp(__VA_ARGS__), __typeof__(VAR_OR_TYPE), COUNT)
#define kmalloc_flex(VAR_OR_TYPE, FAM, COUNT, ...)	\
	__alloc_flex(kmalloc, default_gfp(__VA_ARGS__), __typeof__(VAR_OR_TYPE), FAM, COUNT)
#define kzalloc_flex(VAR_OR_TYPE, FAM, COUNT, ...)	\
	__alloc_flex(kzalloc, default_gfp(__VA_ARGS__), __typeof__(VAR_OR_TYPE), FAM, COUNT)
#define kvmalloc_obj(VAR_OR_TYPE, ...)	\
	__alloc_objs(kvmalloc, default_gfp(__VA_ARGS__), __typeof__(VAR_OR_TYPE), 1)
#define kvzalloc_obj(VAR_OR_TYPE, ...)	\
	__alloc_objs(kvzalloc, default_gfp(__VA_ARGS__), __typeof__(VAR_OR_TYPE), 1)

#endif
