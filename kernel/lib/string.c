/*
 * The C string and memory functions, with Linux's semantics (its
 * lib/string.c and the kernel-doc of each): the return value of every
 * function and its corner cases (size 0, truncation, a NUL searched for)
 * are Linux's, which lib/tests/string_kunit.c checks.
 *
 * Plain loops: the compiler is told -fno-builtin, so these are the only
 * copies.  Built with -fno-tree-loop-distribute-patterns so the compiler
 * does not turn these loops back into calls to themselves.
 */
#include <linux/string.h>
#include <linux/types.h>
#include <linux/slab.h>
#include <linux/errno.h>
#include <linux/kernel.h>

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	/*
	 * Plain 8-byte loads and stores: under QEMU's TCG a REP-prefixed
	 * string instruction costs a translation-block exit per iteration,
	 * several times slower than an ordinary loop.
	 */
	for (; n >= 32; n -= 32, d += 32, s += 32) {
		u64 a = ((const u64 *)s)[0], b = ((const u64 *)s)[1];
		u64 c = ((const u64 *)s)[2], e = ((const u64 *)s)[3];
		((u64 *)d)[0] = a; ((u64 *)d)[1] = b; ((u64 *)d)[2] = c; ((u64 *)d)[3] = e;
	}
	for (; n >= 8; n -= 8, d += 8, s += 8)
		*(u64 *)d = *(const u64 *)s;
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d == s || n == 0)
		return dst;
	if (d < s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

void *memset(void *s, int c, size_t n)
{
	unsigned char *d = s;
	u64 v = 0x0101010101010101ULL * (unsigned char)c;

	for (; n >= 32; n -= 32, d += 32) {
		((u64 *)d)[0] = v; ((u64 *)d)[1] = v; ((u64 *)d)[2] = v; ((u64 *)d)[3] = v;
	}
	for (; n >= 8; n -= 8, d += 8)
		*(u64 *)d = v;
	while (n--)
		*d++ = (unsigned char)c;
	return s;
}

/* memset16/32/64 - fill count 16/32/64-bit words with v.  Return: s. */
void *memset16(u16 *s, u16 v, size_t count)
{
	u16 *p = s;

	while (count--)
		*p++ = v;
	return s;
}

void *memset32(u32 *s, u32 v, size_t count)
{
	u32 *p = s;

	while (count--)
		*p++ = v;
	return s;
}

void *memset64(u64 *s, u64 v, size_t count)
{
	u64 *p = s;

	while (count--)
		*p++ = v;
	return s;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

void *memchr_inv(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p != (unsigned char)c)
			return (void *)p;
	return NULL;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

int strncasecmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		int d = lower((unsigned char)*a) - lower((unsigned char)*b);
		if (d || !*a)
			return d;
	}
	return 0;
}

int strcasecmp(const char *a, const char *b)
{
	return strncasecmp(a, b, (size_t)-1);
}

char *strcpy(char *dst, const char *src)
{
	char *d = dst;

	while ((*d++ = *src++))
		;
	return dst;
}

char *strncpy(char *dst, const char *src, size_t n)
{
	size_t i = 0;

	for (; i < n && src[i]; i++)
		dst[i] = src[i];
	for (; i < n; i++)
		dst[i] = 0;
	return dst;
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len >= size ? size - 1 : len;
		memcpy(dst, src, n);
		dst[n] = 0;
	}
	return len;
}

/*
 * sized_strscpy - the function behind strscpy(): copy src into dst of
 * size bytes.  Return: bytes copied (without the NUL), or -E2BIG if src
 * was truncated (dst then holds its first size - 1 bytes and a NUL) or
 * size is 0 or absurd (over INT_MAX; nothing is written then).
 */
ssize_t sized_strscpy(char *dst, const char *src, size_t size)
{
	size_t len;

	if (!size || WARN_ON_ONCE(size > INT_MAX))
		return -E2BIG;
	len = strnlen(src, size);
	if (len == size) {
		memcpy(dst, src, size - 1);
		dst[size - 1] = 0;
		return -E2BIG;
	}
	memcpy(dst, src, len + 1);
	return len;
}

size_t strlcat(char *dst, const char *src, size_t size)
{
	size_t dl = strnlen(dst, size);

	if (dl == size)
		return size + strlen(src);
	return dl + strlcpy(dst + dl, src, size - dl);
}

char *strcat(char *dst, const char *src)
{
	strcpy(dst + strlen(dst), src);
	return dst;
}

/*
 * strncat - append at most count characters of src to dst, then a NUL.
 * Return: dst.
 */
char *strncat(char *dst, const char *src, size_t count)
{
	char *d = dst + strlen(dst);

	while (count-- && *src)
		*d++ = *src++;
	*d = 0;
	return dst;
}

char *strchr(const char *s, int c)
{
	for (; *s != (char)c; s++)
		if (!*s)
			return NULL;
	return (char *)s;
}

/* Like strchr, but at the end of s return a pointer to its NUL, not NULL. */
char *strchrnul(const char *s, int c)
{
	while (*s && *s != (char)c)
		s++;
	return (char *)s;
}

/*
 * strnchr - the first c within the first count characters of s (the
 * terminating NUL counts as a character when it is within them).
 * Return: a pointer to it, or NULL.  s is not read when count is 0.
 */
char *strnchr(const char *s, size_t count, int c)
{
	for (; count; count--, s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			break;
	}
	return NULL;
}

/* strspn - length of the prefix of s made only of characters in accept. */
size_t strspn(const char *s, const char *accept)
{
	size_t n = 0;

	while (s[n] && strchr(accept, s[n]))
		n++;
	return n;
}

/* strcspn - length of the prefix of s with no character from reject. */
size_t strcspn(const char *s, const char *reject)
{
	size_t n = 0;

	while (s[n] && !strchr(reject, s[n]))
		n++;
	return n;
}

/* strpbrk - the first character of s that is in accept, or NULL. */
char *strpbrk(const char *s, const char *accept)
{
	for (; *s; s++)
		if (strchr(accept, *s))
			return (char *)s;
	return NULL;
}

/* strreplace - replace every old character of str by new.  Return: str's end. */
char *strreplace(char *str, char old, char new)
{
	for (; *str; str++)
		if (*str == old)
			*str = new;
	return str;
}

/* memscan - the first byte c in addr[0..size), or addr + size. */
void *memscan(void *addr, int c, size_t size)
{
	unsigned char *p = addr;

	for (; size; size--, p++)
		if (*p == (unsigned char)c)
			break;
	return p;
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	do {
		if (*s == (char)c)
			last = s;
	} while (*s++);
	return (char *)last;
}

char *strstr(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	if (!n)
		return (char *)hay;
	for (; *hay; hay++)
		if (*hay == *needle && !strncmp(hay, needle, n))
			return (char *)hay;
	return NULL;
}

/* strnstr - needle within the first len characters of hay, or NULL. */
char *strnstr(const char *hay, const char *needle, size_t len)
{
	size_t n = strlen(needle);

	if (!n)
		return (char *)hay;
	for (; len >= n && *hay; hay++, len--)
		if (!memcmp(hay, needle, n))
			return (char *)hay;
	return NULL;
}

char *strsep(char **s, const char *delim)
{
	char *start = *s, *p;

	if (!start)
		return NULL;
	for (p = start; *p; p++) {
		if (strchr(delim, *p)) {
			*p = 0;
			*s = p + 1;
			return start;
		}
	}
	*s = NULL;
	return start;
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

char *skip_spaces(const char *s)
{
	while (is_space(*s))
		s++;
	return (char *)s;
}

char *strim(char *s)
{
	size_t n = strlen(s);

	while (n && is_space(s[n - 1]))
		s[--n] = 0;
	return skip_spaces(s);
}

char *kstrdup(const char *s, unsigned int gfp)
{
	size_t n;
	char *p;

	if (!s)
		return NULL;
	n = strlen(s) + 1;
	p = kmalloc(n, gfp);
	if (p)
		memcpy(p, s, n);
	return p;
}

char *kstrndup(const char *s, size_t max, unsigned int gfp)
{
	size_t n;
	char *p;

	if (!s)
		return NULL;
	n = strnlen(s, max);
	p = kmalloc(n + 1, gfp);
	if (p) {
		memcpy(p, s, n);
		p[n] = 0;
	}
	return p;
}

void *kmemdup(const void *src, size_t len, unsigned int gfp)
{
	void *p = kmalloc(len, gfp);

	if (p)
		memcpy(p, src, len);
	return p;
}

/* kmemdup_nul - len bytes of s (which need not be terminated) plus a NUL. */
char *kmemdup_nul(const char *s, size_t len, unsigned int gfp)
{
	char *p;

	if (!s)
		return NULL;
	p = kmalloc(len + 1, gfp);
	if (p) {
		memcpy(p, s, len);
		p[len] = 0;
	}
	return p;
}

/* Shell-style glob: '*', '?', and [set] (with ranges and leading '!'). */
bool glob_match(const char *pat, const char *str)
{
	const char *back_pat = NULL, *back_str = NULL;

	for (;;) {
		unsigned char c = *str++, d = *pat++;

		switch (d) {
		case '?':
			if (!c)
				return false;
			break;
		case '*':
			if (!*pat)
				return true;
			back_pat = pat;
			back_str = --str;
			break;
		case '[': {
			bool match = false, inverted = (*pat == '!');
			const char *cls = pat + inverted;
			unsigned char a = *cls++;

			do {
				unsigned char b = a;

				if (a == 0)
					goto literal;
				if (cls[0] == '-' && cls[1] != ']') {
					b = cls[1];
					if (b == 0)
						goto literal;
					cls += 2;
				}
				match |= (a <= c && c <= b);
			} while ((a = *cls++) != ']');
			if (match == inverted)
				goto backtrack;
			pat = cls;
			break;
		}
		default:
literal:
			if (c == d) {
				if (d == 0)
					return true;
				break;
			}
backtrack:
			if (c == 0 || !back_pat)
				return false;
			pat = back_pat;
			str = ++back_str;
			break;
		}
	}
}
