#ifndef _LINUX_SORT_H
#define _LINUX_SORT_H

#include <linux/types.h>

/*
 * sort(base, num, size, cmp, swap) - sort num elements of size bytes in
 * place, in O(n log n) time and O(1) extra space (heapsort: not stable).
 * cmp returns <0, 0, >0 as the C library's qsort wants; swap may be NULL
 * (the elements are then exchanged 8, 4 or 1 bytes at a time, depending
 * on size and alignment).  sort_r() passes priv to both callbacks.  The
 * _nonatomic forms may sleep (they yield the CPU now and then, for very
 * long arrays); the others may be called in any context.
 */
void sort_r(void *base, size_t num, size_t size, cmp_r_func_t cmp_func,
	    swap_r_func_t swap_func, const void *priv);
void sort(void *base, size_t num, size_t size, cmp_func_t cmp_func, swap_func_t swap_func);
void sort_r_nonatomic(void *base, size_t num, size_t size, cmp_r_func_t cmp_func,
		      swap_r_func_t swap_func, const void *priv);
void sort_nonatomic(void *base, size_t num, size_t size, cmp_func_t cmp_func,
		    swap_func_t swap_func);

#endif
