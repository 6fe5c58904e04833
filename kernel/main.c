/*
 * start_kernel: from the boot CPU's first C instruction to a running SMP
 * system.
 *
 *   console          serial, printk
 *   boot info        multiboot2 tags -> boot_info (memory map, cmdline, RSDP)
 *   memory           memblock -> real page tables -> buddy -> slab
 *   CPU tables       GDT/TSS/IST, IDT
 *   platform         ACPI MADT, LAPIC, IOAPIC (PIC masked), TSC/LAPIC timer
 *   scheduler        run queues; the boot CPU's context becomes init_task
 *   rest_init        the idle task creates kernel_init (pid 1), then idles
 *   kernel_init      smp_init(): INIT-SIPI-SIPI, every CPU online; stoppers;
 *                    initcalls by level; then KUnit (ktest[=GLOB]), a crash
 *                    test, or the console
 *
 * Command line: ktest[=GLOB], bench[=GLOB], maxcpus=N, expect_cpus=N,
 * crashtest=pagefault|nullcall|bug|stackoverflow, quiet, loglevel=N.
 */
#include <linux/kernel.h>
#include "rcu/rcu.h"
#include "cpuhp.h"
#include <linux/init.h>
#include <linux/smp.h>
#include <linux/cpumask.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/ktime.h>
#include <linux/sched.h>
#include <linux/irqflags.h>
#include <kunit/test.h>
#include <linux/timer.h>
#include <linux/delay.h>
#include <linux/kbench.h>
#include <linux/kthread.h>
#include <kernel/trace.h>
#include <linux/cpu.h>
#include <linux/workqueue.h>
#include <kernel/boot.h>
#include <linux/spinlock.h>
#include <asm/boot.h>
#include <asm/serial.h>
#include <asm/pgtable.h>
#include <asm/desc.h>
#include <asm/irq.h>
#include <asm/apic.h>
#include <asm/smp.h>
#include <asm/time.h>
#include <asm/exit.h>
#include <asm/processor.h>
#include "sched/sched.h"
#include <kernel/sched.h>
#include <kernel/mm.h>
#include <kernel/printk.h>
#include <kernel/smp.h>

#define KERNEL_VERSION "0.2"

extern u64 boot_tsc;
extern char boot_stack_bottom[];
extern bool stacks_flush_ready, smp_ipis_ready;

unsigned int setup_max_cpus = NR_CPUS;
int expect_cpus;
static const char *ktest_glob, *bench_glob;
static bool ktest_run, bench_run;
static const char *crashtest;
u64 boot_to_online_us;
u64 boot_to_init_ns;	/* kernel entry to tests / benchmarks / console start */

/* Boot phases, timed with the TSC before it is calibrated; printed after. */
static struct { const char *name; u64 tsc; } phases[16];
static int nr_phases;
static void phase(const char *name)
{
	if (nr_phases < (int)ARRAY_SIZE(phases))
		phases[nr_phases++] = (typeof(phases[0])){ name, rdtsc() };
}

static int set_ktest(char *v) { ktest_run = true; ktest_glob = *v ? v : NULL; return 0; }
static int set_bench(char *v) { bench_run = true; bench_glob = *v ? v : NULL; return 0; }
static int set_maxcpus(char *v) { return kstrtouint(v, 0, &setup_max_cpus) || !setup_max_cpus; }
static int set_expect(char *v) { return kstrtoint(v, 0, &expect_cpus); }
static int set_crash(char *v) { crashtest = v; return 0; }
static bool trace_at_boot;
static int set_traceon(char *v) { trace_at_boot = true; return 0; }
__setup("traceon", set_traceon);
static const char *trace_scenario;
static int set_tscen(char *v) { trace_scenario = v; return 0; }
__setup("tracescenario=", set_tscen);
static int set_quiet(char *v) { console_loglevel = 4; return 0; }
static int set_loglevel(char *v) { return kstrtoint(v, 0, &console_loglevel); }
__setup("ktest", set_ktest);
__setup("ktest=", set_ktest);
__setup("maxcpus=", set_maxcpus);
__setup("bench", set_bench);
__setup("bench=", set_bench);
__setup("expect_cpus=", set_expect);
__setup("crashtest=", set_crash);
__setup("quiet", set_quiet);
__setup("loglevel=", set_loglevel);

/* The AP's path once its hardware is set up (from ap_start_kernel). */
void ap_idle_entry(int cpu)
{
	sched_init_idle(cpu, (void *)(this_cpu_read(pcpu_hot.top_of_stack) - THREAD_SIZE));
	set_cpu_online(cpu, true);
	sched_cpu_activate(cpu);
	local_irq_enable();
	cpu_startup_entry();
}

/* Bring every other CPU online (noinline: `make debug`'s first breakpoint). */
noinline void smp_init(void)
{
	arch_boot_secondary_cpus(setup_max_cpus);
	boot_to_online_us = tsc_to_ns(rdtsc() - boot_tsc) / 1000;
	pr_info("smp: %u CPUs online; kernel entry to all CPUs online: %llu us\n",
		num_online_cpus(), (unsigned long long)boot_to_online_us);
}

static void rest_init(void);

static void mem_summary(void)
{
	for (int i = 0; i < boot_info.nr_mem; i++) {
		struct mem_region *r = &boot_info.mem[i];
		static const char *const names[] = { "?", "usable", "reserved", "ACPI data",
						     "ACPI NVS", "bad" };
		printk(KERN_INFO "  [mem 0x%012llx-0x%012llx] %s\n", (unsigned long long)r->base,
		       (unsigned long long)(r->base + r->len - 1),
		       r->type < ARRAY_SIZE(names) ? names[r->type] : "other");
	}
}

noinline void crashtest_page_fault(void)
{
	volatile int *p = (volatile int *)0x10;

	OPTIMIZER_HIDE_VAR(p);

	pr_info("crashtest: reading address %p\n", p);
	(void)*p;
}

/* Recurse until the stack's guard page stops us (crashtest=stackoverflow). */
noinline int crashtest_recurse(volatile char *prev, int depth)
{
	volatile char pad[256];

	pad[0] = prev ? prev[0] + 1 : 0;
	OPTIMIZER_HIDE_VAR(depth);
	if (depth < 0)		/* never true: only hides the recursion from the compiler */
		return 0;
	return crashtest_recurse(pad, depth + 1) + pad[0];
}

static int stackoverflow_thread(void *unused)
{
	return crashtest_recurse(NULL, 0);
}

static int crash_hung_fn(void *unused)
{
	set_current_state(TASK_UNINTERRUPTIBLE);
	schedule();		/* nobody wakes it: the hung-task detector must notice */
	return 0;
}

/* tracescenario=park: a per-CPU kthread parked across CPU offline/online, traced. */
static int trace_pcpu_fn(void *unused)
{
	while (!kthread_should_stop()) {
		if (kthread_should_park()) {
			kthread_parkme();
			continue;
		}
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop_or_park())
			schedule_timeout(msecs_to_jiffies(2));
		__set_current_state(TASK_RUNNING);
		udelay(300);	/* a little visible work per wake-up */
	}
	return 0;
}

static void trace_print(const char *line)
{
	console_write_raw(line, strlen(line));
	console_write_raw("\n", 1);
}

/* tracescenario=wq: items that sleep, then compute; the last CPU goes away meanwhile. */
static void traced_work_fn(struct work_struct *work)
{
	u64 end;

	msleep(4);				/* a sleeping item lets the next one run */
	end = ktime_get_ns() + 500 * NSEC_PER_USEC;
	while (ktime_get_ns() < end)		/* then holds its CPU for 0.5 ms */
		cpu_relax();
}

static void trace_scenario_wq(int cpu)
{
	struct workqueue_struct *wq = alloc_workqueue("traced_wq", 0, 0);
	struct work_struct *works = kcalloc(4 * nr_cpu_ids, sizeof(*works), GFP_KERNEL);
	unsigned int i, n = 0, c;

	if (!wq || !works || trace_start())
		goto out;
	for (i = 0; i < 4; i++)
		for_each_online_cpu(c) {
			INIT_WORK(&works[n], traced_work_fn);
			queue_work_on(c, wq, &works[n++]);
		}
	msleep(1);
	trace_mark("offline");
	remove_cpu(cpu);	/* its pool is disassociated: its items run elsewhere */
	msleep(5);
	add_cpu(cpu);
	trace_mark("online");
	flush_workqueue(wq);
	trace_dump(trace_print);
out:
	if (wq)
		destroy_workqueue(wq);
	kfree(works);
}

/*
 * tracescenario=park: a per-CPU kthread parked and unparked across three
 * offline/online cycles of its CPU.  tracescenario=wq: a workqueue's items
 * on every CPU, the last CPU going offline and back meanwhile.
 */
static void run_trace_scenario(const char *what)
{
	int cpu = cpumask_last(cpu_online_mask);
	struct task_struct *k;

	if ((strcmp(what, "park") && strcmp(what, "wq")) || cpu == 0) {
		pr_err("tracescenario: unknown \"%s\" (park, wq), or a single CPU\n", what);
		return;
	}
	if (!strcmp(what, "wq")) {
		trace_scenario_wq(cpu);
		qemu_exit(QEMU_EXIT_PASS);
		return;
	}
	k = kthread_create_on_cpu(trace_pcpu_fn, NULL, cpu, "traced/%u");
	if (IS_ERR(k))
		return;
	kthread_set_per_cpu(k, cpu);
	if (trace_start())
		return;
	wake_up_process(k);
	for (int i = 0; i < 3; i++) {
		msleep(10);
		trace_mark("park");
		kthread_park(k);
		remove_cpu(cpu);
		msleep(5);
		add_cpu(cpu);
		kthread_unpark(k);
		trace_mark("unparked");
	}
	msleep(10);
	kthread_stop(k);
	trace_dump(trace_print);
	qemu_exit(QEMU_EXIT_PASS);
}

static noinline void run_crashtest(const char *what)
{
	pr_info("crashtest: %s\n", what);
	if (!strcmp(what, "pagefault"))
		crashtest_page_fault();
	else if (!strcmp(what, "bug"))
		BUG();
	else if (!strcmp(what, "lockups")) {
		/* a CPU spinning with preemption off, and a task stuck in D state */
		struct task_struct *p = kthread_run(crash_hung_fn, NULL, "hung_sleeper");
		u64 end = ktime_get_ns() + (u64)(softlockup_thresh + 1) * NSEC_PER_SEC;

		(void)p;
		preempt_disable();
		while (ktime_get_ns() < end)
			cpu_relax();
		preempt_enable();
		msleep((hung_task_thresh + 1) * 1000);
		pr_info("crashtest: lockups reported: soft %lu, hung %lu\n", softlockup_count,
			hung_task_count);
		qemu_exit(softlockup_count && hung_task_count ? QEMU_EXIT_PASS : QEMU_EXIT_FAIL);
		return;
	} else if (!strcmp(what, "stackoverflow")) {
		struct task_struct *p = create_task(stackoverflow_thread, NULL, "stack_hog",
						    PF_KTHREAD);
		if (!IS_ERR(p))
			wake_up_new_task(p);
		msleep(5000);
	}
	else if (!strcmp(what, "spinlock_recursion")) {
		static DEFINE_SPINLOCK(l);
		spin_lock(&l);
		spin_lock(&l);
	}
	pr_err("crashtest: unknown crash test \"%s\"\n", what);
}

void start_kernel(u32 magic, u32 mbi)
{
	char cmdline[CMDLINE_MAX];

	boot_info.entry_tsc = boot_tsc;
	boot_cpu_percpu_init();
	sched_init_idle(0, boot_stack_bottom);
	serial_init();
	printk(KERN_NOTICE "Booting kthread-kernel %s (x86_64, SMP, HZ=%d)\n", KERNEL_VERSION,
	       1000);
	multiboot_parse(magic, mbi);
	pr_info("Boot loader: %s\n", boot_info.loader[0] ? boot_info.loader : "unknown");
	pr_info("Command line: %s\n", boot_info.cmdline);
	strscpy(cmdline, boot_info.cmdline, sizeof(cmdline));
	parse_kernel_cmdline(cmdline);
	pr_info("Memory map: %d regions, %llu MiB usable\n", boot_info.nr_mem,
		(unsigned long long)(boot_info.usable_bytes >> 20));
	mem_summary();
	if (boot_info.usable_bytes < (24ULL << 20))
		panic("not enough memory: %llu MiB usable, at least 24 MiB needed",
		      (unsigned long long)(boot_info.usable_bytes >> 20));

	phase("console+bootinfo");
	memblock_init();
	paging_init();
	phase("paging");
	page_alloc_init();
	phase("page_alloc");
	kmem_cache_init();

	idt_init();
	if (cpu_desc_alloc(0))
		panic("no memory for the boot CPU's descriptor tables");
	cpu_desc_load(0);

	phase("cpu tables");
	acpi_init();
	phase("acpi");
	for (int cpu = 0; cpu < madt.nr_cpus; cpu++) {
		set_cpu_possible(cpu, true);
		set_cpu_present(cpu, true);
	}
	setup_per_cpu_areas();
	pic_disable();
	lapic_init();
	if (madt.found)
		ioapic_init();
	phase("apic");
	tsc_calibrate();
	phase("tsc calibration");
	sched_init();
	sched_init_idle(0, boot_stack_bottom);
	init_timers();
	smp_ipi_init();
	set_cpu_online(0, true);
	set_cpu_active(0, true);
	lapic_timer_setup_this_cpu();
	local_irq_enable();

	rest_init();
}

/* pid 1: finish booting in a normal (preemptible, sleeping) task. */
static int kernel_init(void *unused)
{
	if (rcu_spawn_gp_kthread())
		panic("rcu: cannot create the grace-period kthread");
	smp_init();
	phase("smp");
	for (int i = 0; i < nr_phases; i++)
		pr_debug("boot: %-18s done at %6llu us\n", phases[i].name,
			 (unsigned long long)tsc_to_ns(phases[i].tsc - boot_tsc) / 1000);
	stacks_flush_ready = true;
	cpu_stop_init();
	cpuhp_threads_init();
	if (workqueue_init())
		panic("workqueue: cannot create the worker pools and system workqueues");
	if (watchdog_init())
		pr_err("watchdog: cannot start khungtaskd\n");
	if (madt.found)
		serial_enable_rx_irq();
	do_initcalls();

	if (crashtest)
		run_crashtest(crashtest);
	if (trace_scenario)
		run_trace_scenario(trace_scenario);
	boot_to_init_ns = tsc_to_ns(rdtsc() - boot_tsc);
	if (trace_at_boot && trace_start())
		pr_err("traceon: no memory for the trace buffers\n");
	if (bench_run) {
		int n;

		if (!bench_glob || glob_match(bench_glob, "boot_to_init"))
			kbench_report_ms("boot_to_init", boot_to_init_ns, 1);
		n = kbench_run_all(bench_glob);
		pr_info("bench: %d benchmarks run\n", n);
		qemu_exit(n ? QEMU_EXIT_PASS : QEMU_EXIT_FAIL);
		return 0;
	}
	if (ktest_run) {
		int failed = kunit_run_tests(ktest_glob);
		qemu_exit(failed ? QEMU_EXIT_FAIL : QEMU_EXIT_PASS);
		pr_info("ktest: done (%d failed); no isa-debug-exit device, halting\n", failed);
		return 0;
	}
	console_loop();
}

/*
 * The boot CPU's idle task creates kernel_init (pid 1) and kthreadd
 * (pid 2, the parent of every kthread, at nice -5), then becomes the
 * idle loop.  kthreadd_task is set before kernel_init can run, so
 * kernel_init may create kthreads from its first instruction.
 */
static noinline void rest_init(void)
{
	struct task_struct *init, *kthreadd_p;

	sched_init_smp();
	init = create_task(kernel_init, NULL, "kernel_init", PF_KTHREAD);
	kthreadd_p = create_task(kthreadd, NULL, "kthreadd", PF_KTHREAD | PF_NOFREEZE);
	if (IS_ERR(init) || IS_ERR(kthreadd_p))
		panic("cannot create kernel_init and kthreadd");
	kthreadd_p->static_prio = kthreadd_p->prio = NICE_TO_PRIO(-5);
	set_load_weight(kthreadd_p);
	kthreadd_task = kthreadd_p;
	wake_up_new_task(kthreadd_p);
	wake_up_new_task(init);
	cpu_startup_entry();
}
