/*
 * A minimal interactive prompt on the serial console, until the monitor
 * (a later issue) replaces it: line input with backspace, and the commands
 * help, cpus, mem, dmesg, poweroff.
 */
#include <linux/kernel.h>
#include <linux/smp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/ktime.h>
#include <asm/serial.h>
#include <linux/start_kernel.h>
#include <asm/processor.h>
#include <asm/exit.h>
#include <asm/irq.h>
#include <asm/io.h>

void serial_rx_notify(void)
{
}

static __printf(1, 2) void con_printf(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vscnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	console_write_raw(buf, n);
}

static void prompt(void)
{
	console_write_raw("kthread> ", 9);
}

static void run_command(char *line)
{
	line = strim(line);
	if (!*line)
		return;
	if (!strcmp(line, "help")) {
		con_printf("commands: help cpus mem dmesg poweroff\n");
	} else if (!strcmp(line, "cpus")) {
		con_printf("online %u, possible %u\n", num_online_cpus(), num_possible_cpus());
	} else if (!strcmp(line, "mem")) {
		con_printf("pages: %lu total, %lu free, %ld in use; slab bytes in use %ld\n",
		       nr_pages_total, nr_free_pages(), atomic_long_read(&nr_pages_in_use),
		       atomic_long_read(&slab_bytes_in_use));
	} else if (!strcmp(line, "dmesg")) {
		static char buf[4096];
		unsigned long long pos = 0;
		size_t n;
		while ((n = log_buf_copy(buf, sizeof(buf), &pos)))
			console_write_raw(buf, n);
	} else if (!strcmp(line, "poweroff")) {
		con_printf("Power down.\n");
		qemu_exit(QEMU_EXIT_PASS);
		outw(0x2000, 0x604);	/* QEMU ACPI poweroff */
	} else {
		con_printf("unknown command: %s (try help)\n", line);
	}
}

void console_loop(void)
{
	char line[128];
	size_t len = 0;

	printk(KERN_INFO "Type 'help' for commands. Quit QEMU with Ctrl-A X.\n");
	prompt();
	for (;;) {
		int c = serial_getc();

		if (c < 0) {
			arch_cpu_idle();
			continue;
		}
		if (c == '\r' || c == '\n') {
			console_write_raw("\n", 1);
			line[len] = 0;
			run_command(line);
			len = 0;
			prompt();
		} else if ((c == 0x7f || c == 8) && len) {
			len--;
			console_write_raw("\b \b", 3);
		} else if (c >= ' ' && len + 1 < sizeof(line)) {
			line[len++] = (char)c;
			console_write_raw((char *)&line[len - 1], 1);
		}
	}
}
