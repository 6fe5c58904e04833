#ifndef _LINUX_KBENCH_H
#define _LINUX_KBENCH_H

/*
 * In-kernel benchmarks (kernel/bench/), run when the command line says
 * "bench" or "bench=GLOB".  Each prints exactly one line
 *
 *     BENCH <name> <median> <unit> n=<samples>
 *
 * with the names, units and methods of shared/peers/linux/README.md, so
 * the figures compare with Linux's measured on the same QEMU.  Extra
 * information goes on "# " lines.  Register with kbench_register().
 */
#include <linux/types.h>
#include <linux/compiler.h>

struct kbench {
	const char *name;
	void (*run)(void);
};

#define kbench_register(n, fn)						\
	static const struct kbench __UNIQUE_ID(kbench)			\
	__section(".kbench") __used __aligned(8) = { n, fn }

/* Sort samples[0..n) and return the median (mean of the middle two if even). */
u64 kbench_median(u64 *samples, unsigned int n);
void kbench_report(const char *name, u64 value, const char *unit, unsigned int n);
void kbench_report_ms(const char *name, u64 ns, unsigned int n);
void kbench_info(const char *fmt, ...) __printf(1, 2);
int kbench_run_all(const char *glob);
extern unsigned int kbench_cpu_a, kbench_cpu_b;	/* driver CPU (0), second CPU (1 or 0) */

#endif
