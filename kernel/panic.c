/*
 * panic(), BUG() and WARN().
 *
 * panic: print the reason and a backtrace, stop every other CPU (each
 * prints its own backtrace on the way down), then end QEMU through the
 * isa-debug-exit device with the panic code (a no-op without the device),
 * and halt.  A second panic (from another CPU, or from inside panic) just
 * stops its CPU.
 *
 * WARN: a report with file:line, CPU, task and backtrace; the caller
 * carries on.  warn_count and bug_count let tests assert that a misuse
 * was reported.
 */
#include <linux/kernel.h>
#include <linux/smp.h>
#include <linux/sched.h>
#include <linux/atomic.h>
#include <linux/irqflags.h>
#include <asm/stacktrace.h>
#include <asm/processor.h>
#include <asm/io.h>
#include <asm/exit.h>
#include <kernel/sched.h>

unsigned long warn_count, bug_count;
extern int oops_in_progress;
static atomic_t panic_cpu = ATOMIC_INIT(-1);

void qemu_exit(int code)
{
	outw((u16)code, QEMU_EXIT_PORT);
}

const char *current_comm(void)
{
	struct task_struct *t = current;

	return t && t->magic == TASK_MAGIC ? t->comm : "?";
}

int current_pid(void)
{
	struct task_struct *t = current;

	return t && t->magic == TASK_MAGIC ? t->pid : -1;
}

bool panic_in_progress(void)
{
	return atomic_read(&panic_cpu) != -1;
}

/* Called on a CPU asked to stop by a panicking one (NMI or STOP IPI). */
void panic_stop_self(unsigned long rip, unsigned long rbp)
{
	printk(KERN_EMERG "NMI backtrace for cpu %d (%s/%d)\n", smp_processor_id(),
	       current_comm(), current_pid());
	show_stack_from(rip, rbp, KERN_EMERG);
	for (;;) {
		local_irq_disable();
		halt();
	}
}

void panic(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int this_cpu;

	local_irq_disable();
	this_cpu = smp_processor_id();
	if (atomic_cmpxchg(&panic_cpu, -1, this_cpu) != -1)
		panic_stop_self(0, 0);	/* someone else is panicking */
	WRITE_ONCE(oops_in_progress, 1);

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", buf);
	printk(KERN_EMERG "CPU: %d PID: %d Comm: %s\n", this_cpu, current_pid(), current_comm());
	dump_stack();
	smp_send_stop();
	printk(KERN_EMERG "---[ end Kernel panic - not syncing: %s ]---\n", buf);
	qemu_exit(QEMU_EXIT_PANIC);
	for (;;)
		halt();
}

void __warn(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	char buf[192];

	warn_count++;
	buf[0] = 0;
	if (fmt) {
		va_start(ap, fmt);
		vsnprintf(buf, sizeof(buf), fmt, ap);
		va_end(ap);
	}
	printk(KERN_WARNING "------------[ cut here ]------------\n");
	printk(KERN_WARNING "WARNING: CPU: %d PID: %d at %s:%d: %s\n", smp_processor_id(),
	       current_pid(), file, line, buf);
	printk(KERN_WARNING "Comm: %s\n", current_comm());
	dump_stack();
	printk(KERN_WARNING "---[ end trace ]---\n");
}

void __bug(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	char buf[192];

	bug_count++;
	buf[0] = 0;
	if (fmt) {
		va_start(ap, fmt);
		vsnprintf(buf, sizeof(buf), fmt, ap);
		va_end(ap);
	}
	WRITE_ONCE(oops_in_progress, 1);
	printk(KERN_EMERG "------------[ cut here ]------------\n");
	printk(KERN_EMERG "kernel BUG at %s:%d! %s\n", file, line, buf);
	printk(KERN_EMERG "Oops: invalid opcode: 0000 [#1] SMP\n");
	panic("BUG at %s:%d", file, line);
}
