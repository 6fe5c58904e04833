/*
 * The kthread benchmarks of shared/peers/linux/README.md, same methods:
 * kthread_create_stop, kthread_run_exit_stop, kthread_park_unpark,
 * kthread_mem, spawn_1000.  Run by the benchmark driver (bound to CPU 0).
 */
#include <linux/kernel.h>
#include <linux/kbench.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/delay.h>
#include <linux/ktime.h>
#include <linux/atomic.h>
#include <kernel/sched.h>
#include <kernel/mm.h>

/* Sleeps until kthread_stop(); counts its entry in *data if non-NULL. */
static int th_wait_stop(void *data)
{
	if (data)
		atomic_inc((atomic_t *)data);
	set_current_state(TASK_INTERRUPTIBLE);
	while (!kthread_should_stop()) {
		schedule();
		set_current_state(TASK_INTERRUPTIBLE);
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

static int th_return(void *data)
{
	complete(data);
	return 0;
}

static int th_park(void *data)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		if (kthread_should_park()) {
			__set_current_state(TASK_RUNNING);
			kthread_parkme();
			continue;
		}
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

static void bench_create_stop(void)
{
	unsigned int n = 200, w = 20;
	atomic_t ran = ATOMIC_INIT(0);
	u64 *s = kcalloc(n, sizeof(u64), GFP_KERNEL);

	if (!s)
		return;
	for (unsigned int i = 0; i < w + n; i++) {
		u64 t0 = ktime_get_ns();
		struct task_struct *t = kthread_create_on_node(th_wait_stop, &ran, NUMA_NO_NODE, "kb_cs");

		if (IS_ERR(t))
			goto out;
		wake_up_process(t);
		kthread_stop(t);
		if (i >= w)
			s[i - w] = ktime_get_ns() - t0;
	}
	kbench_report("kthread_create_stop", kbench_median(s, n), "ns", n);
	kbench_info("kthread_create_stop: thread fn entered in %d of %u round trips",
		    atomic_read(&ran), w + n);
out:
	kfree(s);
}
kbench_register("kthread_create_stop", bench_create_stop);

static void bench_run_exit_stop(void)
{
	unsigned int n = 200, w = 20;
	struct completion ran;
	u64 *s = kcalloc(n, sizeof(u64), GFP_KERNEL);

	if (!s)
		return;
	init_completion(&ran);
	for (unsigned int i = 0; i < w + n; i++) {
		struct task_struct *t;
		u64 t0;

		reinit_completion(&ran);
		t0 = ktime_get_ns();
		t = kthread_create_on_node(th_return, &ran, NUMA_NO_NODE, "kb_rx");
		if (IS_ERR(t))
			goto out;
		get_task_struct(t);
		wake_up_process(t);
		wait_for_completion(&ran);
		kthread_stop(t);
		put_task_struct(t);
		if (i >= w)
			s[i - w] = ktime_get_ns() - t0;
	}
	kbench_report("kthread_run_exit_stop", kbench_median(s, n), "ns", n);
out:
	kfree(s);
}
kbench_register("kthread_run_exit_stop", bench_run_exit_stop);

static void bench_park_unpark(void)
{
	unsigned int n = 1000, w = 100, i;
	u64 *s = kcalloc(n, sizeof(u64), GFP_KERNEL);
	struct task_struct *t;

	if (!s)
		return;
	t = kthread_create_on_cpu(th_park, NULL, kbench_cpu_b, "kb_park/%u");
	if (IS_ERR(t))
		goto out;
	wake_up_process(t);
	for (i = 0; i < w + n; i++) {
		u64 t0 = ktime_get_ns();
		int ret = kthread_park(t);

		kthread_unpark(t);
		if (ret)
			break;
		if (i >= w)
			s[i - w] = ktime_get_ns() - t0;
	}
	kthread_stop(t);
	if (i == w + n) {
		kbench_report("kthread_park_unpark", kbench_median(s, n), "ns", n);
		kbench_info("kthread_park_unpark: thread on cpu %u, caller on cpu %u",
			    kbench_cpu_b, kbench_cpu_a);
	}
out:
	kfree(s);
}
kbench_register("kthread_park_unpark", bench_park_unpark);

static struct task_struct *mem_tasks[1000];

static void bench_kthread_mem(void)
{
	unsigned int n = 1000, made = 0;
	atomic_t started = ATOMIC_INIT(0);
	unsigned long free0, free1;
	long stacks0, bytes0;

	msleep(100);
	wait_for_dead_tasks(2000);
	kmem_shrink_all();
	free0 = nr_free_pages();
	stacks0 = atomic_long_read(&nr_stacks_in_use);
	bytes0 = atomic_long_read(&slab_bytes_in_use);
	for (unsigned int i = 0; i < n; i++) {
		struct task_struct *t = kthread_create_on_node(th_wait_stop, &started, NUMA_NO_NODE,
							       "kb_mem/%u", i);
		if (IS_ERR(t))
			break;
		wake_up_process(t);
		mem_tasks[made++] = t;
	}
	while (atomic_read(&started) < (int)made)
		msleep(1);
	free1 = nr_free_pages();
	if (made == n) {
		long delta = (long)free0 - (long)free1;

		kbench_report("kthread_mem", (u64)(delta > 0 ? delta : 0) * PAGE_SIZE / n, "bytes", n);
		kbench_info("kthread_mem: free pages %lu -> %lu; per thread: stack %lu B, slab %ld B",
			    free0, free1,
			    (unsigned long)(atomic_long_read(&nr_stacks_in_use) - stacks0) * THREAD_SIZE / n,
			    (atomic_long_read(&slab_bytes_in_use) - bytes0) / (long)n);
	}
	for (unsigned int i = 0; i < made; i++)
		kthread_stop(mem_tasks[i]);
}
kbench_register("kthread_mem", bench_kthread_mem);

static void bench_spawn_1000(void)
{
	unsigned int n = 1000, rounds = 3, warm = 1;
	u64 s[3], c0 = 0, c1 = 0;

	for (unsigned int r = 0; r < warm + rounds; r++) {
		u64 t0 = ktime_get_ns(), tc, t1;

		for (unsigned int i = 0; i < n; i++) {
			struct task_struct *t = kthread_create_on_node(th_wait_stop, NULL, NUMA_NO_NODE,
								       "kb_sp/%u", i);
			if (IS_ERR(t)) {
				while (i--)
					kthread_stop(mem_tasks[i]);
				return;
			}
			wake_up_process(t);
			mem_tasks[i] = t;
		}
		tc = ktime_get_ns();
		for (unsigned int i = 0; i < n; i++)
			kthread_stop(mem_tasks[i]);
		t1 = ktime_get_ns();
		if (r >= warm) {
			s[r - warm] = t1 - t0;
			c0 += tc - t0;
			c1 += t1 - tc;
		}
	}
	kbench_report_ms("spawn_1000", kbench_median(s, rounds), n);
	kbench_info("spawn_1000: avg over %u rounds: create+wake %llu us, stop %llu us", rounds,
		    c0 / rounds / 1000, c1 / rounds / 1000);
}
kbench_register("spawn_1000", bench_spawn_1000);
