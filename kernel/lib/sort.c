/*
 * sort() and sort_r(): in-place heapsort.
 *
 * Why heapsort: the kernel sorts from contexts that cannot allocate or
 * recurse deeply, and wants a bound on the worst case; heapsort needs no
 * memory and no recursion and is O(n log n) on any input (Linux made the
 * same choice).  It is not stable.
 *
 * The heap is a max-heap over indexes 0..n-1 (children of i at 2i+1 and
 * 2i+2).  Phase 1 builds it by sifting down every inner node, last
 * first; phase 2 repeatedly swaps the root (the largest) with the last
 * element of the heap, shrinks the heap by one and sifts the new root
 * down.  Sifting uses Floyd's "bottom-up" variant: walk down to a leaf
 * always following the larger child (one comparison per level), then
 * climb back to where the element belongs, and rotate it into place by
 * swaps along that path.  Since most elements end near the bottom, this
 * does about half the comparisons of the classic sift (which compares
 * against the element at every level); comparisons are indirect calls,
 * the cost that matters.
 */
#include <linux/sort.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/export.h>

/* How the elements are exchanged when the caller gives no swap function. */
enum swap_kind { SWAP_WORDS_64, SWAP_WORDS_32, SWAP_BYTES, SWAP_CALLER };

struct sorter {
	char *base;
	size_t size;
	cmp_r_func_t cmp;
	swap_r_func_t swap_fn;
	const void *priv;
	enum swap_kind kind;
	bool may_sleep;
};

static void swap_words_64(void *a, void *b, size_t n)
{
	u64 *x = a, *y = b;

	for (n /= 8; n; n--, x++, y++) {
		u64 t = *x;
		*x = *y;
		*y = t;
	}
}

static void swap_words_32(void *a, void *b, size_t n)
{
	u32 *x = a, *y = b;

	for (n /= 4; n; n--, x++, y++) {
		u32 t = *x;
		*x = *y;
		*y = t;
	}
}

static void swap_bytes(void *a, void *b, size_t n)
{
	char *x = a, *y = b;

	for (; n; n--, x++, y++) {
		char t = *x;
		*x = *y;
		*y = t;
	}
}

static void do_swap(const struct sorter *s, size_t i, size_t j)
{
	char *a = s->base + i * s->size, *b = s->base + j * s->size;

	switch (s->kind) {
	case SWAP_WORDS_64:
		swap_words_64(a, b, s->size);
		break;
	case SWAP_WORDS_32:
		swap_words_32(a, b, s->size);
		break;
	case SWAP_BYTES:
		swap_bytes(a, b, s->size);
		break;
	case SWAP_CALLER:
		s->swap_fn(a, b, (int)s->size, s->priv);
		break;
	}
}

static int do_cmp(const struct sorter *s, size_t i, size_t j)
{
	return s->cmp(s->base + i * s->size, s->base + j * s->size, s->priv);
}

/* Bottom-up sift of element i into the heap of n elements (see above). */
static void sift_down(const struct sorter *s, size_t i, size_t n)
{
	size_t leaf = i, c;

	/* down to a leaf along the larger children */
	while ((c = 2 * leaf + 1) < n) {
		if (c + 1 < n && do_cmp(s, c + 1, c) > 0)
			c++;
		leaf = c;
	}
	/* up to the first node not smaller than the element at i */
	while (leaf != i && do_cmp(s, i, leaf) > 0)
		leaf = (leaf - 1) / 2;
	/* rotate the element down to leaf, its ancestors up one level */
	while (leaf != i) {
		do_swap(s, i, leaf);
		leaf = (leaf - 1) / 2;
	}
	/*
	 * (The swaps above walk from the target up to i; each exchange moves
	 * the element one step down the path and the path's node one up.)
	 */
}

static void heapsort(struct sorter *s, size_t num)
{
	size_t i;

	if (num < 2)
		return;
	for (i = num / 2; i-- > 0;)
		sift_down(s, i, num);
	for (i = num - 1; i > 0; i--) {
		do_swap(s, 0, i);
		sift_down(s, 0, i);
		if (s->may_sleep && !(i & 1023))
			cond_resched();
	}
}

/* Without a swap function: the widest word the size and alignment allow. */
static enum swap_kind pick_swap(const void *base, size_t size)
{
	unsigned long bits = (unsigned long)base | size;

	if (!(bits & 7))
		return SWAP_WORDS_64;
	if (!(bits & 3))
		return SWAP_WORDS_32;
	return SWAP_BYTES;
}

/* Adapters: the plain callbacks called through the _r signatures. */
static int cmp_plain(const void *a, const void *b, const void *priv)
{
	return ((cmp_func_t)priv)(a, b);
}

struct plain_ctx {
	cmp_func_t cmp;
	swap_func_t swap_fn;
};

static int cmp_ctx(const void *a, const void *b, const void *priv)
{
	return ((const struct plain_ctx *)priv)->cmp(a, b);
}

static void swap_ctx(void *a, void *b, int size, const void *priv)
{
	((const struct plain_ctx *)priv)->swap_fn(a, b, size);
}

static void do_sort_r(void *base, size_t num, size_t size, cmp_r_func_t cmp_func,
		      swap_r_func_t swap_func, const void *priv, bool may_sleep)
{
	struct sorter s = {
		.base = base, .size = size, .cmp = cmp_func, .swap_fn = swap_func,
		.priv = priv, .may_sleep = may_sleep,
		.kind = swap_func ? SWAP_CALLER : pick_swap(base, size),
	};

	if (!size)
		return;
	heapsort(&s, num);
}

static void do_sort(void *base, size_t num, size_t size, cmp_func_t cmp_func,
		    swap_func_t swap_func, bool may_sleep)
{
	struct plain_ctx ctx = { cmp_func, swap_func };

	if (swap_func)
		do_sort_r(base, num, size, cmp_ctx, swap_ctx, &ctx, may_sleep);
	else
		do_sort_r(base, num, size, cmp_plain, NULL, (const void *)cmp_func, may_sleep);
}

/**
 * sort_r - sort an array of elements, with a context for the callbacks.
 * Context: any (does not sleep).
 */
void sort_r(void *base, size_t num, size_t size, cmp_r_func_t cmp_func,
	    swap_r_func_t swap_func, const void *priv)
{
	do_sort_r(base, num, size, cmp_func, swap_func, priv, false);
}
EXPORT_SYMBOL(sort_r);

/**
 * sort - sort an array of elements.
 * Context: any (does not sleep).
 */
void sort(void *base, size_t num, size_t size, cmp_func_t cmp_func, swap_func_t swap_func)
{
	do_sort(base, num, size, cmp_func, swap_func, false);
}
EXPORT_SYMBOL(sort);

/* Context: may sleep (yields between steps on long arrays). */
void sort_r_nonatomic(void *base, size_t num, size_t size, cmp_r_func_t cmp_func,
		      swap_r_func_t swap_func, const void *priv)
{
	do_sort_r(base, num, size, cmp_func, swap_func, priv, true);
}
EXPORT_SYMBOL(sort_r_nonatomic);

void sort_nonatomic(void *base, size_t num, size_t size, cmp_func_t cmp_func,
		    swap_func_t swap_func)
{
	do_sort(base, num, size, cmp_func, swap_func, true);
}
EXPORT_SYMBOL(sort_nonatomic);
