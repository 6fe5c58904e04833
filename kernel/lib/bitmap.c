/* Bitmap searches (linux/bitops.h). */
#include <linux/bitops.h>

unsigned long find_next_bit(const unsigned long *addr, unsigned long size, unsigned long offset)
{
	unsigned long w;

	if (offset >= size)
		return size;
	w = addr[BIT_WORD(offset)] & (~0UL << (offset % BITS_PER_LONG));
	offset = offset & ~(BITS_PER_LONG - 1);
	for (;;) {
		if (w) {
			offset += __ffs(w);
			return offset < size ? offset : size;
		}
		offset += BITS_PER_LONG;
		if (offset >= size)
			return size;
		w = addr[BIT_WORD(offset)];
	}
}

unsigned long find_next_zero_bit(const unsigned long *addr, unsigned long size, unsigned long offset)
{
	unsigned long w;

	if (offset >= size)
		return size;
	w = ~addr[BIT_WORD(offset)] & (~0UL << (offset % BITS_PER_LONG));
	offset = offset & ~(BITS_PER_LONG - 1);
	for (;;) {
		if (w) {
			offset += __ffs(w);
			return offset < size ? offset : size;
		}
		offset += BITS_PER_LONG;
		if (offset >= size)
			return size;
		w = ~addr[BIT_WORD(offset)];
	}
}

unsigned long find_last_bit(const unsigned long *addr, unsigned long size)
{
	unsigned long i = size;

	while (i) {
		i--;
		if (test_bit(i, addr))
			return i;
	}
	return size;
}
