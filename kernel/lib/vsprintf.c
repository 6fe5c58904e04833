/*
 * vsnprintf and friends: the printf subset the kernel uses.
 *
 * Conversions: d i u x X o c s p %, with flags - 0 + space #, width and
 * precision (also '*'), length modifiers hh h l ll z t j.  Pointer
 * extensions as in Linux: %p and %px print the address in hex (no hashing
 * here: this is a debugging kernel), %pS / %ps a symbol (func+0xoff/0xsize
 * or just func), %pB like %pS, %*pb / %*pbl a bitmap (hex / ranges).  Output is always NUL-terminated when size
 * > 0; the return value is the length the full output would have had.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/kallsyms.h>
#include <linux/bitops.h>

struct out {
	char *buf;
	size_t size;
	size_t len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

#define F_LEFT	1
#define F_ZERO	2
#define F_PLUS	4
#define F_SPACE	8
#define F_ALT	16
#define F_UPPER	32

static void put_padded(struct out *o, const char *s, size_t n, int width, int flags)
{
	int pad = width > (int)n ? width - (int)n : 0;

	if (!(flags & F_LEFT))
		while (pad-- > 0)
			put(o, ' ');
	while (n--)
		put(o, *s++);
	if (flags & F_LEFT)
		while (pad-- > 0)
			put(o, ' ');
}

static void put_number(struct out *o, unsigned long long v, bool neg, int base,
		       int width, int prec, int flags)
{
	const char *digits = (flags & F_UPPER) ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24], sign = 0;
	const char *prefix = "";
	int n = 0, len, zeros = 0;

	if (neg)
		sign = '-';
	else if (flags & F_PLUS)
		sign = '+';
	else if (flags & F_SPACE)
		sign = ' ';
	if ((flags & F_ALT) && v) {
		if (base == 16)
			prefix = (flags & F_UPPER) ? "0X" : "0x";
		else if (base == 8)
			prefix = "0";
	}
	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	if (prec == 0 && n == 1 && tmp[0] == '0' && !*prefix)
		n = 0;
	if (prec > n)
		zeros = prec - n;
	len = n + zeros + (sign ? 1 : 0) + (int)strlen(prefix);
	if ((flags & F_ZERO) && !(flags & F_LEFT) && prec < 0 && width > len) {
		zeros += width - len;
		len = width;
	}
	if (!(flags & F_LEFT))
		for (int i = len; i < width; i++)
			put(o, ' ');
	if (sign)
		put(o, sign);
	while (*prefix)
		put(o, *prefix++);
	while (zeros-- > 0)
		put(o, '0');
	while (n)
		put(o, tmp[--n]);
	if (flags & F_LEFT)
		for (int i = len; i < width; i++)
			put(o, ' ');
}

static void put_symbol(struct out *o, unsigned long addr, bool offset, int width, int flags)
{
	char tmp[KSYM_SYMBOL_LEN];

	if (offset)
		sprint_symbol(tmp, addr);
	else
		sprint_symbol_no_offset(tmp, addr);
	put_padded(o, tmp, strlen(tmp), width, flags);
}

/*
 * %*pb: the bitmap of nbits bits in hex, 32-bit groups from the highest,
 * separated by commas ("00000003,ffffffff"); %*pbl: as a list of ranges
 * ("0-3,8,10-11").  The field width is the number of bits.
 */
static void put_bitmap(struct out *o, const unsigned long *bits, int nbits, bool list)
{
	if (!bits) {
		put_padded(o, "(null)", 6, -1, 0);
		return;
	}
	if (list) {
		bool first = true;

		for (int i = 0; i < nbits; i++) {
			int j = i;

			if (!test_bit(i, bits))
				continue;
			while (j + 1 < nbits && test_bit(j + 1, bits))
				j++;
			if (!first)
				put(o, ',');
			first = false;
			put_number(o, i, false, 10, -1, -1, 0);
			if (j > i) {
				put(o, '-');
				put_number(o, j, false, 10, -1, -1, 0);
			}
			i = j;
		}
		return;
	}
	for (int lo = ((nbits - 1) / 32) * 32; nbits > 0 && lo >= 0; lo -= 32) {
		int chunk = nbits - lo < 32 ? nbits - lo : 32;
		unsigned long v = (bits[lo / BITS_PER_LONG] >> (lo % BITS_PER_LONG)) &
				  (chunk == 32 ? 0xffffffffUL : (1UL << chunk) - 1);

		put_number(o, v, false, 16, (chunk + 3) / 4, -1, F_ZERO);
		if (lo)
			put(o, ',');
	}
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		int flags = 0, width = -1, prec = -1, lng = 0, base = 10;
		unsigned long long v;
		bool neg = false, is_signed = false;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		for (;;) {
			switch (*++fmt) {
			case '-': flags |= F_LEFT; continue;
			case '0': flags |= F_ZERO; continue;
			case '+': flags |= F_PLUS; continue;
			case ' ': flags |= F_SPACE; continue;
			case '#': flags |= F_ALT; continue;
			}
			break;
		}
		if (*fmt == '*') {
			width = va_arg(ap, int);
			if (width < 0) {
				flags |= F_LEFT;
				width = -width;
			}
			fmt++;
		} else {
			for (width = 0; *fmt >= '0' && *fmt <= '9'; fmt++)
				width = width * 10 + (*fmt - '0');
		}
		if (*fmt == '.') {
			fmt++;
			if (*fmt == '*') {
				prec = va_arg(ap, int);
				fmt++;
			} else {
				for (prec = 0; *fmt >= '0' && *fmt <= '9'; fmt++)
					prec = prec * 10 + (*fmt - '0');
			}
		}
		for (;; fmt++) {
			if (*fmt == 'l')
				lng++;
			else if (*fmt == 'h')
				lng--;
			else if (*fmt == 'z' || *fmt == 't' || *fmt == 'j')
				lng = 1;
			else
				break;
		}
		switch (*fmt) {
		case 0:
			fmt--;
			continue;
		case '%':
			put(&o, '%');
			continue;
		case 'c': {
			char c = (char)va_arg(ap, int);
			put_padded(&o, &c, 1, width, flags);
			continue;
		}
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			put_padded(&o, s, prec >= 0 ? strnlen(s, prec) : strlen(s), width, flags);
			continue;
		}
		case 'p': {
			unsigned long p = (unsigned long)va_arg(ap, void *);
			if (fmt[1] == 'b') {
				bool list = fmt[2] == 'l';

				fmt += list ? 2 : 1;
				put_bitmap(&o, (const unsigned long *)p, width > 0 ? width : 0, list);
				continue;
			}
			if (fmt[1] == 'S' || fmt[1] == 'B' || fmt[1] == 's') {
				fmt++;
				put_symbol(&o, p, *fmt != 's', width, flags);
				continue;
			}
			if (fmt[1] == 'x' || fmt[1] == 'K')
				fmt++;
			put_number(&o, p, false, 16, width < 0 ? 16 : width, -1, flags | F_ZERO);
			continue;
		}
		case 'd':
		case 'i':
			is_signed = true;
			break;
		case 'u':
			break;
		case 'x':
			base = 16;
			break;
		case 'X':
			base = 16;
			flags |= F_UPPER;
			break;
		case 'o':
			base = 8;
			break;
		default:
			put(&o, '%');
			put(&o, *fmt);
			continue;
		}
		if (is_signed) {
			long long s;
			if (lng >= 2)
				s = va_arg(ap, long long);
			else if (lng == 1)
				s = va_arg(ap, long);
			else if (lng == -1)
				s = (short)va_arg(ap, int);
			else if (lng <= -2)
				s = (signed char)va_arg(ap, int);
			else
				s = va_arg(ap, int);
			neg = s < 0;
			v = neg ? -(unsigned long long)s : (unsigned long long)s;
		} else {
			if (lng >= 2)
				v = va_arg(ap, unsigned long long);
			else if (lng == 1)
				v = va_arg(ap, unsigned long);
			else if (lng == -1)
				v = (unsigned short)va_arg(ap, unsigned int);
			else if (lng <= -2)
				v = (unsigned char)va_arg(ap, unsigned int);
			else
				v = va_arg(ap, unsigned int);
		}
		put_number(&o, v, neg, base, width, prec, flags);
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = 0;
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int vscnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	int n = vsnprintf(buf, size, fmt, ap);

	if (!size)
		return 0;
	return n < (int)size ? n : (int)size - 1;
}

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vscnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, (size_t)INT_MAX, fmt, ap);
	va_end(ap);
	return n;
}

char *kvasprintf(gfp_t gfp, const char *fmt, va_list ap)
{
	va_list aq;
	char *p;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	p = kmalloc(n + 1, gfp);
	if (p)
		vsnprintf(p, n + 1, fmt, ap);
	return p;
}

char *kasprintf(gfp_t gfp, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = kvasprintf(gfp, fmt, ap);
	va_end(ap);
	return p;
}

/* Number parsing (linux/kstrtox.h): whole string, optional trailing newline. */
static int digit_val(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

static const char *parse_base(const char *s, unsigned int *base)
{
	if (*base == 0) {
		if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && digit_val(s[2]) < 16) {
			*base = 16;
			return s + 2;
		}
		*base = s[0] == '0' && s[1] ? 8 : 10;
	} else if (*base == 16 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		return s + 2;
	}
	return s;
}

unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base)
{
	unsigned long v = 0;

	cp = parse_base(cp, &base);
	while (digit_val(*cp) < (int)base)
		v = v * base + digit_val(*cp++);
	if (endp)
		*endp = (char *)cp;
	return v;
}

long simple_strtol(const char *cp, char **endp, unsigned int base)
{
	if (*cp == '-')
		return -(long)simple_strtoul(cp + 1, endp, base);
	return (long)simple_strtoul(cp, endp, base);
}

int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	unsigned long v = 0;
	const char *p;

	if (*s == '+')
		s++;
	p = parse_base(s, &base);
	if (digit_val(*p) >= (int)base)
		return -EINVAL;
	while (digit_val(*p) < (int)base) {
		unsigned long n;
		if (__builtin_mul_overflow(v, base, &n) ||
		    __builtin_add_overflow(n, (unsigned long)digit_val(*p), &v))
			return -ERANGE;
		p++;
	}
	if (*p == '\n')
		p++;
	if (*p)
		return -EINVAL;
	*res = v;
	return 0;
}

int kstrtol(const char *s, unsigned int base, long *res)
{
	unsigned long v;
	int err;

	if (*s == '-') {
		err = kstrtoul(s + 1, base, &v);
		if (err)
			return err;
		if (v > (unsigned long)LONG_MAX + 1)
			return -ERANGE;
		*res = -(long)v;
		return 0;
	}
	err = kstrtoul(s, base, &v);
	if (err)
		return err;
	if (v > (unsigned long)LONG_MAX)
		return -ERANGE;
	*res = (long)v;
	return 0;
}

int kstrtoint(const char *s, unsigned int base, int *res)
{
	long v;
	int err = kstrtol(s, base, &v);

	if (err)
		return err;
	if (v < INT_MIN || v > INT_MAX)
		return -ERANGE;
	*res = (int)v;
	return 0;
}

int kstrtouint(const char *s, unsigned int base, unsigned int *res)
{
	unsigned long v;
	int err = kstrtoul(s, base, &v);

	if (err)
		return err;
	if (v > UINT_MAX)
		return -ERANGE;
	*res = (unsigned int)v;
	return 0;
}

int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	unsigned long v;
	int err = kstrtoul(s, base, &v);

	if (!err)
		*res = v;
	return err;
}

int kstrtoll(const char *s, unsigned int base, long long *res)
{
	long v;
	int err = kstrtol(s, base, &v);

	if (!err)
		*res = v;
	return err;
}

/* The narrow kstrto*(): the value must fit the type, else -ERANGE. */
#define KSTRTO_NARROW(name, type, wide, conv, lo, hi)			\
int name(const char *s, unsigned int base, type *res)			\
{									\
	wide v;								\
	int err = conv(s, base, &v);					\
									\
	if (err)							\
		return err;						\
	if (v < (lo) || v > (hi))					\
		return -ERANGE;						\
	*res = (type)v;							\
	return 0;							\
}
KSTRTO_NARROW(kstrtou16, u16, unsigned long, kstrtoul, 0, U16_MAX)
KSTRTO_NARROW(kstrtos16, s16, long, kstrtol, S16_MIN, S16_MAX)
KSTRTO_NARROW(kstrtou8, u8, unsigned long, kstrtoul, 0, U8_MAX)
KSTRTO_NARROW(kstrtos8, s8, long, kstrtol, S8_MIN, S8_MAX)

/*
 * kstrtobool - "y", "Y", "t", "T", "1", "on" are true; "n", "N", "f", "F",
 * "0", "off" false (only the first one or two characters are looked at).
 * Return: 0, or -EINVAL for anything else (or NULL).
 */
int kstrtobool(const char *s, bool *res)
{
	if (!s)
		return -EINVAL;
	switch (s[0]) {
	case 'y': case 'Y': case 't': case 'T': case '1':
		*res = true;
		return 0;
	case 'n': case 'N': case 'f': case 'F': case '0':
		*res = false;
		return 0;
	case 'o': case 'O':
		if (s[1] == 'n' || s[1] == 'N') {
			*res = true;
			return 0;
		}
		if (s[1] == 'f' || s[1] == 'F') {
			*res = false;
			return 0;
		}
		break;
	}
	return -EINVAL;
}

/* "64M", "4G", "512k": a size with an optional binary suffix. */
unsigned long long memparse(const char *ptr, char **retptr)
{
	char *end;
	unsigned long long v = simple_strtoul(ptr, &end, 0);

	switch (*end) {
	case 'G': case 'g':
		v <<= 10;
		fallthrough;
	case 'M': case 'm':
		v <<= 10;
		fallthrough;
	case 'K': case 'k':
		v <<= 10;
		end++;
		break;
	}
	if (retptr)
		*retptr = end;
	return v;
}
