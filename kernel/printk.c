/*
 * printk: formatted kernel messages to the log ring buffer and the console.
 *
 * Each message gets a "[seconds.micros] " timestamp (ktime since boot) and
 * a level from its KERN_* prefix.  Every message is stored in log_buf (the
 * dmesg ring, read by the monitor and by lx-dmesg in GDB); those at or
 * below console_loglevel are also written to the serial console.
 *
 * log_buf is a byte ring: log_head counts all bytes ever written, so the
 * valid text is [max(0, log_head - LOG_BUF_LEN), log_head).  Messages are
 * whole lines ending in '\n'; the reader skips a leading partial line.
 *
 * Locking: logbuf_lock (raw, irqsave) serialises formatting into the ring
 * and console output, so lines from different CPUs never interleave.  On
 * the panic path (oops_in_progress) a CPU that cannot take the lock in a
 * bounded time writes anyway: a garbled line beats a silent hang.
 */
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/ktime.h>
#include <linux/smp.h>
#include <asm/serial.h>
#include <asm/processor.h>
#include <kernel/printk.h>

#define LOG_BUF_LEN	(1 << 17)

char log_buf[LOG_BUF_LEN];		/* logbuf_lock; read by tools/gdb */
unsigned long long log_head;		/* logbuf_lock */
const unsigned long log_buf_len = LOG_BUF_LEN;
int console_loglevel = 7;		/* print levels below: KERN_INFO and more urgent */
int oops_in_progress;
static DEFINE_RAW_SPINLOCK(logbuf_lock);
static bool line_open;			/* logbuf_lock: last message had no '\n' */

static void log_store(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		log_buf[(log_head + i) % LOG_BUF_LEN] = s[i];
	log_head += n;
}

static bool printk_lock(unsigned long *flags)
{
	local_irq_save(*flags);
	if (!READ_ONCE(oops_in_progress)) {
		raw_spin_lock(&logbuf_lock);
		return true;
	}
	for (int i = 0; i < 1000000; i++) {
		if (raw_spin_trylock(&logbuf_lock))
			return true;
		cpu_relax();
	}
	return false;
}

static void printk_unlock(bool locked, unsigned long flags)
{
	if (locked)
		raw_spin_unlock(&logbuf_lock);
	local_irq_restore(flags);
}

int vprintk(const char *fmt, va_list args)
{
	char buf[512], prefix[32], *text = buf;
	int level = LOGLEVEL_DEFAULT, plen = 0, n;
	bool cont = false, locked;
	unsigned long flags;

	/* the level may come from fmt or from a "%s" argument: parse the result */
	n = vscnprintf(buf, sizeof(buf), fmt, args);
	while (text[0] == KERN_SOH[0] && text[1]) {
		if (text[1] == 'c')
			cont = true;
		else if (text[1] >= '0' && text[1] <= '7')
			level = text[1] - '0';
		text += 2;
		n -= 2;
	}

	locked = printk_lock(&flags);
	if (!(cont && line_open)) {
		u64 ns = ktime_get_ns();
		if (line_open)
			log_store("\n", 1);
		plen = snprintf(prefix, sizeof(prefix), "[%5llu.%06llu] ",
				ns / 1000000000ULL, (ns % 1000000000ULL) / 1000);
		log_store(prefix, plen);
	}
	log_store(text, n);
	line_open = n > 0 ? text[n - 1] != '\n' : line_open;
	if (level < console_loglevel) {
		if (plen)
			serial_write(prefix, plen);
		serial_write(text, n);
	}
	printk_unlock(locked, flags);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

/* Raw console output without timestamp or log (KTAP lines, monitor). */
void console_write_raw(const char *s, size_t len)
{
	unsigned long flags;
	bool locked = printk_lock(&flags);

	serial_write(s, len);
	printk_unlock(locked, flags);
}

/*
 * Copy log text to dst, starting at *pos (a log_head-style index; 0 for
 * "as far back as kept").  Return: bytes copied; *pos is advanced.
 */
size_t log_buf_copy(char *dst, size_t size, unsigned long long *pos)
{
	unsigned long flags;
	size_t n = 0;
	bool locked = printk_lock(&flags);
	unsigned long long start = *pos;

	if (log_head > LOG_BUF_LEN && start < log_head - LOG_BUF_LEN)
		start = log_head - LOG_BUF_LEN;
	while (start < log_head && n + 1 < size)
		dst[n++] = log_buf[start++ % LOG_BUF_LEN];
	if (size)
		dst[n] = 0;
	*pos = start;
	printk_unlock(locked, flags);
	return n;
}
