/*
 * Slab caches and kmalloc.
 *
 * A cache hands out fixed-size objects carved from slabs: blocks of
 * 2^order pages from the buddy allocator.  Each slab starts with its
 * header (struct slab: the owning cache, a free list threaded through the
 * free objects, a count and a bitmap of allocated slots), which occupies
 * the first slot(s), so every object sits at a multiple of the slot size
 * from a page-aligned base: kmalloc's power-of-two objects are naturally
 * aligned.  Slabs with free slots are on the cache's partial list, full
 * ones on no list; a slab that becomes empty is freed unless it is the
 * cache's only partially used slab (one is kept to avoid thrashing).
 *
 * kmalloc: caches for 8 B .. 2 KiB; 4 KiB .. 128 KiB come straight from
 * the buddy allocator (naturally aligned by construction), marked
 * PG_large_kmalloc.  kfree finds which through the struct page.
 *
 * Checks (always on, they are cheap): double free and frees of pointers
 * that are not object starts are reported with a backtrace and ignored.
 * Debug builds also poison free objects with 0x6b and verify the poison
 * on allocation (a write after free is reported).
 *
 * Locking: each cache's lock (raw, irqsave) protects its partial list
 * and every header of its slabs.  It nests inside nothing and only the
 * page allocator's zone_lock is taken under it.  slab_caches_lock
 * protects the list of caches.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/spinlock.h>
#include <linux/bitops.h>
#include <kernel/mm.h>

#define SLAB_MAGIC	0x51ab51abU
#define CACHE_MAGIC	0xcace0001U
#define POISON_FREE	0x6b
#define KMALLOC_SLAB_MAX 2048

struct kmem_cache {
	unsigned int magic;		/* I: CACHE_MAGIC */
	unsigned int size;		/* I: slot size */
	unsigned int obj_size;		/* I: size asked for */
	unsigned int order;		/* I: slab order */
	unsigned int first_slot;	/* I: slots taken by the header */
	unsigned int nr_slots;		/* I: slots per slab, header included */
	void (*ctor)(void *);		/* I */
	const char *name;		/* I */
	raw_spinlock_t lock;
	struct list_head partial;	/* L: slabs with free objects */
	unsigned long nr_slabs;		/* L */
	unsigned long nr_objs;		/* L: objects allocated */
	struct list_head list;		/* slab_caches_lock */
};

struct slab {
	unsigned int magic;		/* I: SLAB_MAGIC */
	unsigned int inuse;		/* L */
	struct kmem_cache *cache;	/* I */
	void *freelist;			/* L */
	struct list_head list;		/* L: on cache->partial */
	unsigned long map[];		/* L: bit per slot, set when allocated */
};

atomic_long_t slab_bytes_in_use;
atomic_long_t nr_slab_pages;		/* pages held by slabs (not the large kmallocs) */
unsigned long slab_errors;
static LIST_HEAD(slab_caches);
static DEFINE_RAW_SPINLOCK(slab_caches_lock);
static struct kmem_cache kmalloc_caches[9];	/* 8 B .. 2 KiB */
static struct kmem_cache cache_cache;		/* struct kmem_cache objects */

static void slab_report(const char *what, struct kmem_cache *s, const void *obj)
{
	slab_errors++;
	WARN(1, "slab: %s: cache %s object %px", what, s ? s->name : "?", obj);
}

static void cache_setup(struct kmem_cache *s, const char *name, unsigned int size,
			unsigned int align, void (*ctor)(void *))
{
	unsigned int hdr, slots;

	if (align < 8)
		align = 8;
	s->magic = CACHE_MAGIC;
	s->name = name;
	s->obj_size = size;
	s->size = ALIGN(max_t(unsigned int, size, 8), align);
	s->ctor = ctor;
	s->order = 0;
	while ((PAGE_SIZE << s->order) / s->size < 16 && s->order < 5)
		s->order++;
	slots = (PAGE_SIZE << s->order) / s->size;
	hdr = sizeof(struct slab) + BITS_TO_LONGS(slots) * sizeof(long);
	s->first_slot = DIV_ROUND_UP(hdr, s->size);
	s->nr_slots = slots;
	raw_spin_lock_init(&s->lock);
	INIT_LIST_HEAD(&s->partial);
	s->nr_slabs = s->nr_objs = 0;
}

static void *slot_addr(struct slab *sl, unsigned int i)
{
	return (char *)sl + (size_t)i * sl->cache->size;
}

static struct slab *new_slab(struct kmem_cache *s, gfp_t gfp)
{
	struct page *page = alloc_pages(gfp & ~__GFP_ZERO, s->order);
	struct slab *sl;

	if (!page)
		return NULL;
	sl = page_address(page);
	atomic_long_add(1L << s->order, &nr_slab_pages);
	for (unsigned int i = 0; i < (1U << s->order); i++) {
		page[i].flags |= PG_slab;
		page[i].slab = sl;
	}
	sl->magic = SLAB_MAGIC;
	sl->cache = s;
	sl->inuse = 0;
	sl->freelist = NULL;
	memset(sl->map, 0, BITS_TO_LONGS(s->nr_slots) * sizeof(long));
	for (unsigned int i = s->nr_slots; i-- > s->first_slot;) {
		void **obj = slot_addr(sl, i);
#ifdef CONFIG_DEBUG_KERNEL
		memset(obj, POISON_FREE, s->size);
#endif
		*obj = sl->freelist;
		sl->freelist = obj;
	}
	return sl;
}

static void free_slab(struct kmem_cache *s, struct slab *sl)
{
	struct page *page = virt_to_page(sl);

	for (unsigned int i = 0; i < (1U << s->order); i++) {
		page[i].flags &= ~PG_slab;
		page[i].slab = NULL;
	}
	sl->magic = 0;
	atomic_long_sub(1L << s->order, &nr_slab_pages);
	__free_pages(page, s->order);
}

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp)
{
	unsigned long flags;
	struct slab *sl;
	void **obj;
	unsigned int idx;

	if (alloc_should_fail())
		return NULL;
	raw_spin_lock_irqsave(&s->lock, flags);
	if (list_empty(&s->partial)) {
		raw_spin_unlock_irqrestore(&s->lock, flags);
		sl = new_slab(s, gfp);
		if (!sl)
			return NULL;
		raw_spin_lock_irqsave(&s->lock, flags);
		list_add(&sl->list, &s->partial);
		s->nr_slabs++;
	}
	sl = list_first_entry(&s->partial, struct slab, list);
	obj = sl->freelist;
	sl->freelist = *obj;
	idx = ((char *)obj - (char *)sl) / s->size;
	__set_bit(idx, sl->map);
	if (++sl->inuse == s->nr_slots - s->first_slot)
		list_del_init(&sl->list);
	s->nr_objs++;
	raw_spin_unlock_irqrestore(&s->lock, flags);

#ifdef CONFIG_DEBUG_KERNEL
	if (memchr_inv((char *)obj + 8, POISON_FREE, s->size - 8))
		slab_report("object modified after free", s, obj);
#endif
	atomic_long_add(s->size, &slab_bytes_in_use);
	if (gfp & __GFP_ZERO)
		memset(obj, 0, s->size);
	else if (s->ctor)
		s->ctor(obj);
	return obj;
}

void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t gfp)
{
	return kmem_cache_alloc(s, gfp | __GFP_ZERO);
}

static void cache_free(struct kmem_cache *s, struct slab *sl, void *obj)
{
	unsigned long flags, off = (char *)obj - (char *)sl;
	unsigned int idx = off / s->size;
	bool release = false;

	if (off % s->size || idx < s->first_slot || idx >= s->nr_slots) {
		slab_report("free of a pointer that is not an object", s, obj);
		return;
	}
#ifdef CONFIG_DEBUG_KERNEL
	memset((char *)obj + 8, POISON_FREE, s->size - 8);
#endif
	raw_spin_lock_irqsave(&s->lock, flags);
	if (!__test_and_clear_bit(idx, sl->map)) {
		raw_spin_unlock_irqrestore(&s->lock, flags);
		slab_report("double free", s, obj);
		return;
	}
	*(void **)obj = sl->freelist;
	sl->freelist = obj;
	if (sl->inuse-- == s->nr_slots - s->first_slot)
		list_add(&sl->list, &s->partial);
	s->nr_objs--;
	if (sl->inuse == 0 && !list_is_singular(&s->partial)) {
		list_del(&sl->list);
		s->nr_slabs--;
		release = true;
	}
	raw_spin_unlock_irqrestore(&s->lock, flags);
	atomic_long_sub(s->size, &slab_bytes_in_use);
	if (release)
		free_slab(s, sl);
}

void kmem_cache_free(struct kmem_cache *s, void *obj)
{
	struct page *page;

	if (!obj)
		return;
	page = virt_to_page(obj);
	if (!virt_addr_valid(obj) || !(page->flags & PG_slab) ||
	    ((struct slab *)page->slab)->cache != s) {
		slab_report("kmem_cache_free of a foreign object", s, obj);
		return;
	}
	cache_free(s, page->slab, obj);
}

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     unsigned long flags, void (*ctor)(void *))
{
	struct kmem_cache *s;
	unsigned long irqf;

	if (!size || size > KMALLOC_MAX_SIZE) {
		if (flags & SLAB_PANIC)
			panic("kmem_cache_create: %s: bad size %u", name, size);
		return NULL;
	}
	if (flags & SLAB_HWCACHE_ALIGN)
		align = max_t(unsigned int, align, 64);
	s = kmem_cache_alloc(&cache_cache, GFP_KERNEL);
	if (!s) {
		if (flags & SLAB_PANIC)
			panic("kmem_cache_create: %s: out of memory", name);
		return NULL;
	}
	cache_setup(s, name, size, align ? align : 8, ctor);
	raw_spin_lock_irqsave(&slab_caches_lock, irqf);
	list_add_tail(&s->list, &slab_caches);
	raw_spin_unlock_irqrestore(&slab_caches_lock, irqf);
	return s;
}

/* Free the cache's empty slabs.  Return: pages released. */
static unsigned long cache_shrink(struct kmem_cache *s)
{
	struct slab *sl, *n;
	unsigned long flags, pages = 0;
	LIST_HEAD(empty);

	raw_spin_lock_irqsave(&s->lock, flags);
	list_for_each_entry_safe(sl, n, &s->partial, list) {
		if (sl->inuse == 0) {
			list_move(&sl->list, &empty);
			s->nr_slabs--;
		}
	}
	raw_spin_unlock_irqrestore(&s->lock, flags);
	list_for_each_entry_safe(sl, n, &empty, list) {
		free_slab(s, sl);
		pages += 1UL << s->order;
	}
	return pages;
}

void kmem_cache_destroy(struct kmem_cache *s)
{
	unsigned long flags;

	if (!s)
		return;
	cache_shrink(s);
	if (WARN(s->nr_objs, "kmem_cache_destroy %s: %lu objects still in use", s->name, s->nr_objs))
		return;
	raw_spin_lock_irqsave(&slab_caches_lock, flags);
	list_del(&s->list);
	raw_spin_unlock_irqrestore(&slab_caches_lock, flags);
	s->magic = 0;
	kmem_cache_free(&cache_cache, s);
}

/*
 * Release every cache's empty slabs, and the cache of freed kernel stacks
 * (before a leak check's page count).  Context: may sleep.
 */
unsigned long kmem_shrink_all(void)
{
	struct kmem_cache *s;
	unsigned long flags, pages = 0;

	pages += stack_cache_drain() * (THREAD_SIZE / PAGE_SIZE);
	for (unsigned int i = 0; i < ARRAY_SIZE(kmalloc_caches); i++)
		pages += cache_shrink(&kmalloc_caches[i]);
	pages += cache_shrink(&cache_cache);
	raw_spin_lock_irqsave(&slab_caches_lock, flags);
	list_for_each_entry(s, &slab_caches, list) {
		raw_spin_unlock_irqrestore(&slab_caches_lock, flags);
		pages += cache_shrink(s);
		raw_spin_lock_irqsave(&slab_caches_lock, flags);
	}
	raw_spin_unlock_irqrestore(&slab_caches_lock, flags);
	return pages;
}

static const char *const kmalloc_names[] = {
	"kmalloc-8", "kmalloc-16", "kmalloc-32", "kmalloc-64", "kmalloc-128",
	"kmalloc-256", "kmalloc-512", "kmalloc-1k", "kmalloc-2k",
};

void kmem_cache_init(void)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(kmalloc_caches); i++)
		cache_setup(&kmalloc_caches[i], kmalloc_names[i], 8U << i, 8U << i, NULL);
	cache_setup(&cache_cache, "kmem_cache", sizeof(struct kmem_cache), 8, NULL);
}

void *kmalloc(size_t size, gfp_t gfp)
{
	unsigned int order;
	struct page *page;

	if (!size)
		return ZERO_SIZE_PTR;
	if (size > KMALLOC_MAX_SIZE)
		return NULL;
	if (size <= KMALLOC_SLAB_MAX) {
		unsigned int idx = size <= 8 ? 0 : (unsigned int)fls64(size - 1) - 3;
		return kmem_cache_alloc(&kmalloc_caches[idx], gfp);
	}
	order = (unsigned int)fls64((size - 1) >> PAGE_SHIFT);
	page = alloc_pages(gfp, order);
	if (!page)
		return NULL;
	page->flags |= PG_large_kmalloc;
	atomic_long_add(PAGE_SIZE << order, &slab_bytes_in_use);
	return page_address(page);
}

void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

void *kmalloc_array(size_t n, size_t size, gfp_t gfp)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return kmalloc(bytes, gfp);
}

void *kcalloc(size_t n, size_t size, gfp_t gfp)
{
	return kmalloc_array(n, size, gfp | __GFP_ZERO);
}

size_t ksize(const void *p)
{
	struct page *page;

	if (ZERO_OR_NULL_PTR(p))
		return 0;
	page = virt_to_page(p);
	if (page->flags & PG_slab)
		return ((struct slab *)page->slab)->cache->size;
	if (page->flags & PG_large_kmalloc)
		return PAGE_SIZE << page->order;
	return 0;
}

void *krealloc(const void *p, size_t size, gfp_t gfp)
{
	size_t old = ksize(p);
	void *n;

	if (!size) {
		kfree(p);
		return ZERO_SIZE_PTR;
	}
	if (old >= size)
		return (void *)p;
	n = kmalloc(size, gfp);
	if (n && old)
		memcpy(n, p, old);
	if (n)
		kfree(p);
	return n;
}

void kfree(const void *p)
{
	struct page *page;

	if (ZERO_OR_NULL_PTR(p))
		return;
	if (!virt_addr_valid(p)) {
		slab_report("kfree of a pointer outside the direct map", NULL, p);
		return;
	}
	page = virt_to_page(p);
	if (page->flags & PG_slab) {
		struct slab *sl = page->slab;
		cache_free(sl->cache, sl, (void *)p);
	} else if (page->flags & PG_large_kmalloc) {
		unsigned int order = page->order;
		if ((unsigned long)p & ((PAGE_SIZE << order) - 1)) {
			slab_report("kfree of a pointer inside a large object", NULL, p);
			return;
		}
		atomic_long_sub(PAGE_SIZE << order, &slab_bytes_in_use);
		__free_pages(page, order);
	} else {
		slab_report("kfree of memory that is not allocated (double free?)", NULL, p);
	}
}
