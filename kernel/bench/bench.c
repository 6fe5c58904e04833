/*
 * The benchmark driver: a task bound to CPU 0 (as Linux's kbench driver
 * kthread) runs every registered benchmark whose name matches the glob,
 * one after another, and prints their BENCH lines raw on the console.
 */
#include <linux/kernel.h>
#include <linux/kbench.h>
#include <linux/sched.h>
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/smp.h>
#include <linux/kthread.h>
#include <kernel/printk.h>

extern const struct kbench __kbench_start[], __kbench_end[];
unsigned int kbench_cpu_a, kbench_cpu_b;

static void raw_line(const char *fmt, va_list ap)
{
	char buf[256];
	int n = vscnprintf(buf, sizeof(buf) - 1, fmt, ap);

	buf[n++] = '\n';
	console_write_raw(buf, n);
}

static __printf(1, 2) void line(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	raw_line(fmt, ap);
	va_end(ap);
}

void kbench_info(const char *fmt, ...)
{
	char buf[240];
	va_list ap;

	va_start(ap, fmt);
	vscnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	line("# %s", buf);
}

void kbench_report(const char *name, u64 value, const char *unit, unsigned int n)
{
	line("BENCH %s %llu %s n=%u", name, value, unit, n);
}

void kbench_report_ms(const char *name, u64 ns, unsigned int n)
{
	line("BENCH %s %llu.%03llu ms n=%u", name, ns / 1000000, (ns / 1000) % 1000, n);
}

/* Insertion-free sort: heapsort keeps this O(n log n) for 100k samples. */
static void sift(u64 *a, unsigned int start, unsigned int end)
{
	unsigned int root = start;

	while (2 * root + 1 < end) {
		unsigned int child = 2 * root + 1;

		if (child + 1 < end && a[child] < a[child + 1])
			child++;
		if (a[root] >= a[child])
			return;
		swap(a[root], a[child]);
		root = child;
	}
}

u64 kbench_median(u64 *a, unsigned int n)
{
	if (!n)
		return 0;
	for (unsigned int i = n / 2; i-- > 0;)
		sift(a, i, n);
	for (unsigned int end = n; end-- > 1;) {
		swap(a[0], a[end]);
		sift(a, 0, end);
	}
	kbench_info("min %llu p10 %llu p50 %llu p90 %llu p99 %llu max %llu", a[0],
		    a[(n - 1) / 10], a[(n - 1) / 2], a[(n - 1) * 9 / 10], a[(n - 1) * 99 / 100],
		    a[n - 1]);
	return n % 2 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
}

struct driver_arg {
	const char *glob;
	int ran;
	struct completion done;
};

static int bench_driver(void *data)
{
	struct driver_arg *d = data;

	for (const struct kbench *b = __kbench_start; b < __kbench_end; b++) {
		if (d->glob && !glob_match(d->glob, b->name))
			continue;
		b->run();
		d->ran++;
	}
	complete(&d->done);
	return 0;
}

/* Return: the number of benchmarks run. */
int kbench_run_all(const char *glob)
{
	struct driver_arg d = { .glob = glob };
	struct task_struct *p;

	kbench_cpu_a = cpumask_first(cpu_online_mask);
	kbench_cpu_b = cpumask_next(kbench_cpu_a, cpu_online_mask);
	if (kbench_cpu_b >= NR_CPUS)
		kbench_cpu_b = kbench_cpu_a;
	init_completion(&d.done);
	p = kthread_create_on_cpu(bench_driver, &d, kbench_cpu_a, "kbench/%u");
	if (IS_ERR(p))
		return 0;
	wake_up_process(p);
	wait_for_completion(&d.done);
	return d.ran;
}
