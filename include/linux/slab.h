#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/list.h>
#include <linux/atomic.h>

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
#define kvmalloc(s, g)		kmalloc(s, g)
#define kvzalloc(s, g)		kzalloc(s, g)
#define kvfree(p)		kfree(p)

#endif
