#ifndef _LINUX_STRING_H
#define _LINUX_STRING_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/array_size.h>
#include <linux/args.h>
#include <linux/minmax.h>
#include <linux/err.h>

/*
 * The C string and memory functions with Linux's semantics
 * (kernel/lib/string.c), and Linux's checked macros around them.
 */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
void *memset16(u16 *s, u16 v, size_t count);
void *memset32(u32 *s, u32 v, size_t count);
void *memset64(u64 *s, u64 v, size_t count);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
void *memchr_inv(const void *s, int c, size_t n);
void *memscan(void *addr, int c, size_t size);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);
char *strcpy(char *dst, const char *src);
char *strncpy(char *dst, const char *src, size_t n);
size_t strlcpy(char *dst, const char *src, size_t size);
size_t strlcat(char *dst, const char *src, size_t size);
char *strcat(char *dst, const char *src);
char *strncat(char *dst, const char *src, size_t count);
char *strchr(const char *s, int c);
char *strchrnul(const char *s, int c);
char *strnchr(const char *s, size_t count, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *hay, const char *needle);
char *strnstr(const char *hay, const char *needle, size_t len);
char *strpbrk(const char *s, const char *accept);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
char *strsep(char **s, const char *delim);
char *strreplace(char *str, char old, char new);
char *skip_spaces(const char *s);
char *strim(char *s);
char *kstrdup(const char *s, unsigned int gfp);
char *kstrndup(const char *s, size_t max, unsigned int gfp);
void *kmemdup(const void *src, size_t len, unsigned int gfp);
char *kmemdup_nul(const char *s, size_t len, unsigned int gfp);
bool glob_match(const char *pat, const char *str);

/* Whether str starts with prefix; Return: strlen(prefix), or 0. */
static inline size_t str_has_prefix(const char *str, const char *prefix)
{
	size_t len = strlen(prefix);

	return strncmp(str, prefix, len) == 0 ? len : 0;
}

/*
 * strscpy(dst, src[, size]) - copy a C string into a buffer of size bytes
 * (sizeof(dst) when dst is an array and size is left out), always
 * NUL-terminated unless size is 0.  Return: the length copied, or -E2BIG
 * if src did not fit (then dst holds its first size - 1 bytes) or size is 0.
 * strscpy_pad() also zeroes the rest of the buffer.
 */
ssize_t sized_strscpy(char *dst, const char *src, size_t size);
#define sized_strscpy_pad(dst, src, size) ({				\
	char *__sp_d = (dst);						\
	size_t __sp_n = (size);						\
	ssize_t __sp_w = sized_strscpy(__sp_d, src, __sp_n);		\
	if (__sp_w >= 0 && (size_t)__sp_w + 1 < __sp_n)			\
		memset(__sp_d + __sp_w + 1, 0, __sp_n - __sp_w - 1);	\
	__sp_w; })
#define __strscpy0(dst, src, ...)					\
	sized_strscpy(dst, src, sizeof(dst) + __must_be_array(dst) +	\
		      __must_be_cstr(dst) + __must_be_cstr(src))
#define __strscpy1(dst, src, size)					\
	sized_strscpy(dst, src, size + __must_be_cstr(dst) + __must_be_cstr(src))
#define __strscpy_pad0(dst, src, ...)					\
	sized_strscpy_pad(dst, src, sizeof(dst) + __must_be_array(dst) + \
			  __must_be_cstr(dst) + __must_be_cstr(src))
#define __strscpy_pad1(dst, src, size)					\
	sized_strscpy_pad(dst, src, size + __must_be_cstr(dst) + __must_be_cstr(src))
#define strscpy(dst, src, ...)	\
	CONCATENATE(__strscpy, COUNT_ARGS(__VA_ARGS__))(dst, src, __VA_ARGS__)
#define strscpy_pad(dst, src, ...)	\
	CONCATENATE(__strscpy_pad, COUNT_ARGS(__VA_ARGS__))(dst, src, __VA_ARGS__)

/* Copy count bytes of src into dest of dest_len bytes, the rest set to pad. */
static inline void memcpy_and_pad(void *dest, size_t dest_len, const void *src, size_t count,
				  int pad)
{
	if (dest_len > count) {
		memcpy(dest, src, count);
		memset((char *)dest + count, pad, dest_len - count);
	} else {
		memcpy(dest, src, dest_len);
	}
}

/*
 * strtomem(dest, src) - copy the C string src into the __nonstring byte
 * array dest, at most sizeof(dest) bytes, no NUL added; the rest of dest
 * is left alone (strtomem_pad: set to pad).
 */
#define strtomem_pad(dest, src, pad)	do {				\
	const size_t _dest_len = __must_be_byte_array(dest) +		\
				 __must_be_noncstr(dest) +		\
				 ARRAY_SIZE(dest);			\
	const size_t _src_len = __builtin_object_size(src, 1);		\
									\
	BUILD_BUG_ON(!__builtin_constant_p(_dest_len) ||		\
		     _dest_len == (size_t)-1);				\
	memcpy_and_pad(dest, _dest_len, src,				\
		       strnlen(src, min(_src_len, _dest_len)), pad);	\
} while (0)
#define strtomem(dest, src)	do {					\
	const size_t _dest_len = __must_be_byte_array(dest) +		\
				 __must_be_noncstr(dest) +		\
				 ARRAY_SIZE(dest);			\
	const size_t _src_len = __builtin_object_size(src, 1);		\
									\
	BUILD_BUG_ON(!__builtin_constant_p(_dest_len) ||		\
		     _dest_len == (size_t)-1);				\
	memcpy(dest, src, strnlen(src, min(_src_len, _dest_len)));	\
} while (0)

/*
 * memtostr(dest, src) - copy the possibly unterminated __nonstring byte
 * array src into the array dest as a C string: up to its first NUL or
 * its end, truncated to fit, always terminated.  memtostr_pad() also
 * zeroes the rest of dest.
 */
#define __memtostr(dest, src, pad)	do {				\
	const size_t _dest_len = __must_be_byte_array(dest) +		\
				 __must_be_array(dest) +		\
				 ARRAY_SIZE(dest);			\
	const size_t _src_len = __must_be_byte_array(src) +		\
				__must_be_noncstr(src) +		\
				ARRAY_SIZE(src);			\
	const size_t _src_chars = strnlen(src, _src_len);		\
	const size_t _copy_len = min(_dest_len - 1, _src_chars);	\
									\
	BUILD_BUG_ON(!__builtin_constant_p(_dest_len) ||		\
		     !__builtin_constant_p(_src_len) ||			\
		     _dest_len == 0);					\
	memcpy(dest, src, _copy_len);					\
	if (pad)							\
		memset((char *)(dest) + _copy_len, 0, _dest_len - _copy_len); \
	else								\
		(dest)[_copy_len] = '\0';				\
} while (0)
#define memtostr(dest, src)	__memtostr(dest, src, 0)
#define memtostr_pad(dest, src)	__memtostr(dest, src, 1)

#endif
