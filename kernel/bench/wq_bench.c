/*
 * The workqueue benchmarks of shared/peers/linux/README.md, same methods
 * as its kbench.c, run by the benchmark driver (bound to CPU 0):
 *
 * queue_work_latency: a per-CPU workqueue ("kb_lat", 0, 0); the driver
 *   takes t0, queue_work_on(CPU 1) and waits on a completion; the work
 *   function's first statement reads the clock, then completes.  Sample =
 *   that time - t0, one item in flight; 200 warm-up, 2000 samples.
 * work_throughput: 100000 pre-initialised items queued round robin over
 *   the online CPUs with queue_work_on() on a per-CPU workqueue, then
 *   flush_workqueue(); rate = 100000 / (flush done - first queue).  The
 *   function is this_cpu_inc(counter); the counters must add up.  One
 *   warm-up round, median of 5.
 * work_throughput_unbound: the same with WQ_UNBOUND and queue_work().
 */
#include <linux/kernel.h>
#include <linux/kbench.h>
#include <linux/workqueue.h>
#include <linux/completion.h>
#include <linux/slab.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/smp.h>
#include <linux/percpu.h>
#include <linux/ktime.h>

struct lat_work {
	struct work_struct work;
	u64 t_run;
	struct completion done;
};

static void lat_fn(struct work_struct *work)
{
	u64 now = ktime_get_ns();	/* first thing the work function does */
	struct lat_work *lw = container_of(work, struct lat_work, work);

	lw->t_run = now;
	complete(&lw->done);
}

static struct lat_work lat_w;

static void bench_queue_work_latency(void)
{
	unsigned int n = 2000, w = 200, i;
	struct workqueue_struct *wq;
	u64 *s = kcalloc(n, sizeof(u64), GFP_KERNEL);

	if (!s)
		return;
	wq = alloc_workqueue("kb_lat", 0, 0);
	if (!wq) {
		kbench_info("queue_work_latency: alloc_workqueue failed");
		goto out;
	}
	INIT_WORK(&lat_w.work, lat_fn);
	init_completion(&lat_w.done);
	for (i = 0; i < w + n; i++) {
		u64 t0;

		reinit_completion(&lat_w.done);
		t0 = ktime_get_ns();
		queue_work_on(kbench_cpu_b, wq, &lat_w.work);
		wait_for_completion(&lat_w.done);
		if (i >= w)
			s[i - w] = lat_w.t_run - t0;
	}
	flush_workqueue(wq);
	destroy_workqueue(wq);
	kbench_report("queue_work_latency", kbench_median(s, n), "ns", n);
	kbench_info("queue_work_latency: queued from cpu %u to cpu %u", kbench_cpu_a, kbench_cpu_b);
out:
	kfree(s);
}
kbench_register("queue_work_latency", bench_queue_work_latency);

static DEFINE_PER_CPU(unsigned long, tp_count);

static void tp_fn(struct work_struct *work)
{
	this_cpu_inc(tp_count);
}

#define TP_ITEMS	100000
#define TP_ORDER	10	/* 4 MiB: 100000 work items of 40 bytes */

static void throughput(const char *name, unsigned int flags)
{
	unsigned int n = TP_ITEMS, rounds = 5, warm = 1, r, i, c, nc = 0;
	unsigned int cpus[NR_CPUS];
	struct work_struct *works;
	struct workqueue_struct *wq;
	u64 s[5];
	char dist[160];
	int len = 0;

	BUILD_BUG_ON(TP_ITEMS * sizeof(struct work_struct) > (PAGE_SIZE << TP_ORDER));
	works = (struct work_struct *)__get_free_pages(GFP_KERNEL, TP_ORDER);
	wq = alloc_workqueue("kb_tp", flags, 0);
	if (!works || !wq) {
		kbench_info("%s: allocation failed", name);
		goto out;
	}
	for_each_online_cpu(c)
		cpus[nc++] = c;
	for (i = 0; i < n; i++)
		INIT_WORK(&works[i], tp_fn);

	for (r = 0; r < warm + rounds; r++) {
		unsigned long done = 0;
		u64 t0, t1, tq;

		for_each_possible_cpu(c)
			per_cpu(tp_count, c) = 0;
		t0 = ktime_get_ns();
		if (flags & WQ_UNBOUND) {
			for (i = 0; i < n; i++)
				queue_work(wq, &works[i]);
		} else {
			for (i = 0; i < n; i++)
				queue_work_on(cpus[i % nc], wq, &works[i]);
		}
		tq = ktime_get_ns();
		flush_workqueue(wq);
		t1 = ktime_get_ns();
		len = 0;
		for_each_possible_cpu(c) {
			done += per_cpu(tp_count, c);
			if (per_cpu(tp_count, c) && len < (int)sizeof(dist) - 24)
				len += scnprintf(dist + len, sizeof(dist) - len, " cpu%u=%lu", c,
						 per_cpu(tp_count, c));
		}
		if (done != n)
			kbench_info("%s: round %u ran %lu of %u items!", name, r, done, n);
		if (r >= warm)
			s[r - warm] = (u64)n * NSEC_PER_SEC / max_t(u64, t1 - t0, 1);
		kbench_info("%s: round %u: queueing %llu us, then flush %llu us", name, r,
			    (tq - t0) / 1000, (t1 - tq) / 1000);
	}
	kbench_info("%s: items executed per cpu (last round):%s", name, len ? dist : " none");
	kbench_report(name, kbench_median(s, rounds), "items/s", n);
out:
	if (wq)
		destroy_workqueue(wq);
	if (works)
		free_pages((unsigned long)works, TP_ORDER);
}

static void bench_work_throughput(void)
{
	throughput("work_throughput", 0);
}
kbench_register("work_throughput", bench_work_throughput);

static void bench_work_throughput_unbound(void)
{
	throughput("work_throughput_unbound", WQ_UNBOUND);
}
kbench_register("work_throughput_unbound", bench_work_throughput_unbound);
