/*
 * ctxsw_same_cpu and wakeup_cross_cpu, as shared/peers/linux/README.md
 * defines them: two tasks, A and B, hand a turn back and forth; each
 * sleeps (set_current_state, check, schedule) until it is its turn and
 * wakes the other with wake_up_process().  A times each round trip with
 * ktime_get_ns(); 1000 warm-up rounds, then 10000 samples.  Both are
 * kthreads bound with kthread_bind(), as in the Linux module.
 * ctxsw_same_cpu: both on CPU 0, reported = median round trip / 2.
 * wakeup_cross_cpu: A on CPU 0, B on CPU 1, reported = median round trip.
 */
#include <linux/kernel.h>
#include <linux/kbench.h>
#include <linux/sched.h>
#include <linux/completion.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/ktime.h>
#include <linux/kthread.h>

#define PP_SAMPLES 10000
#define PP_WARMUP 1000

struct pingpong {
	struct task_struct *a, *b;
	int turn;		/* 1: B's turn, 0: A's turn */
	bool stop;
	u64 *s;
	struct completion done_a, done_b;
};

static void pp_wait(struct pingpong *p, int want)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (READ_ONCE(p->turn) == want || READ_ONCE(p->stop))
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
}

static int pp_a(void *data)
{
	struct pingpong *p = data;

	for (unsigned int i = 0; i < PP_WARMUP + PP_SAMPLES; i++) {
		u64 t0 = ktime_get_ns(), t1;

		WRITE_ONCE(p->turn, 1);
		wake_up_process(p->b);
		pp_wait(p, 0);
		t1 = ktime_get_ns();
		if (i >= PP_WARMUP)
			p->s[i - PP_WARMUP] = t1 - t0;
	}
	WRITE_ONCE(p->stop, true);
	wake_up_process(p->b);
	complete(&p->done_a);
	return 0;
}

static int pp_b(void *data)
{
	struct pingpong *p = data;

	while (!READ_ONCE(p->stop)) {
		pp_wait(p, 1);
		if (READ_ONCE(p->stop))
			break;
		WRITE_ONCE(p->turn, 0);
		wake_up_process(p->a);
	}
	complete(&p->done_b);
	return 0;
}

static struct task_struct *bound(int (*fn)(void *), void *arg, int cpu, const char *name)
{
	struct task_struct *t = kthread_create_on_node(fn, arg, NUMA_NO_NODE, "%s", name);

	if (IS_ERR(t))
		return NULL;
	kthread_bind(t, cpu);
	return t;
}

static u64 pingpong(int cpu_a, int cpu_b)
{
	struct pingpong p = { .turn = 0 };
	u64 med = 0;

	p.s = kcalloc(PP_SAMPLES, sizeof(u64), GFP_KERNEL);
	init_completion(&p.done_a);
	init_completion(&p.done_b);
	p.a = bound(pp_a, &p, cpu_a, "kb_ping");
	p.b = bound(pp_b, &p, cpu_b, "kb_pong");
	if (!p.s || !p.a || !p.b) {
		kbench_info("pingpong: out of memory");
		return 0;	/* (tasks never woken stay TASK_NEW: a small leak on OOM) */
	}
	wake_up_process(p.b);
	wake_up_process(p.a);
	wait_for_completion(&p.done_a);
	wait_for_completion(&p.done_b);
	med = kbench_median(p.s, PP_SAMPLES);
	kbench_info("ping on cpu %d, pong on cpu %d", cpu_a, cpu_b);
	kfree(p.s);
	return med;
}

static void bench_ctxsw_same_cpu(void)
{
	u64 rt = pingpong(kbench_cpu_a, kbench_cpu_a);

	if (rt)
		kbench_report("ctxsw_same_cpu", rt / 2, "ns", PP_SAMPLES);
}
kbench_register("ctxsw_same_cpu", bench_ctxsw_same_cpu);

static void bench_wakeup_cross_cpu(void)
{
	u64 rt;

	if (kbench_cpu_b == kbench_cpu_a) {
		kbench_info("wakeup_cross_cpu: skipped (only one CPU online)");
		return;
	}
	rt = pingpong(kbench_cpu_a, kbench_cpu_b);
	if (rt)
		kbench_report("wakeup_cross_cpu", rt, "ns", PP_SAMPLES);
}
kbench_register("wakeup_cross_cpu", bench_wakeup_cross_cpu);
