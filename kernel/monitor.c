/*
 * The serial monitor: a small shell on COM1 for watching and poking the
 * kernel.  It runs as the console task (kernel_init, after boot) and
 * sleeps on monitor_wq until the UART interrupt brings input.
 *
 * Line editing: printable characters, backspace, Ctrl-U (kill line),
 * up/down (history of 16 lines), Ctrl-C (abort: a long-running command
 * such as top polls monitor_interrupted()).  Every command answers with
 * one line of error on bad input and the prompt comes back.
 *
 * Locking: the input ring belongs to the UART driver; monitor_wq and the
 * interrupt flag are the only shared state (set from the IRQ, read here).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/smp.h>
#include <linux/cpu.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/wait.h>
#include <linux/delay.h>
#include <linux/ktime.h>
#include <linux/kbench.h>
#include <kernel/boot.h>
#include <kunit/test.h>
#include <kernel/trace.h>
#include <linux/workqueue.h>
#include <asm/serial.h>
#include <asm/processor.h>
#include <asm/exit.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <kernel/sched.h>
#include <linux/sched/signal.h>
#include <kernel/mm.h>
#include <kernel/printk.h>

#define LINE_MAX	128
#define HISTORY		16

static DECLARE_WAIT_QUEUE_HEAD(monitor_wq);
static int interrupted;			/* set by Ctrl-C from the IRQ */
static char history[HISTORY][LINE_MAX];
static int hist_len, hist_next;

/* From the UART interrupt: new input is buffered. */
void serial_rx_notify(void)
{
	wake_up(&monitor_wq);
}

static __printf(1, 2) void out(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vscnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	console_write_raw(buf, n);
}

/* Next input character, sleeping until there is one; Ctrl-C is flagged. */
static int getch(void)
{
	int c;

	wait_event_interruptible(monitor_wq, serial_input_pending());
	c = serial_getc();
	if (c == 3)
		WRITE_ONCE(interrupted, 1);
	return c;
}

/* For long commands: has the user pressed Ctrl-C (or any key, if any_key)? */
static bool monitor_interrupted(bool any_key)
{
	while (serial_input_pending()) {
		int c = serial_getc();

		if (c == 3 || any_key)
			return true;
	}
	return READ_ONCE(interrupted);
}

static void redraw(const char *line, size_t len)
{
	out("\r\033[Kkthread> %.*s", (int)len, line);
}

static size_t read_line(char *line)
{
	size_t len = 0;
	int hist_pos = hist_len;

	for (;;) {
		int c = getch();

		if (c == '\r' || c == '\n') {
			out("\n");
			line[len] = 0;
			if (len) {
				strscpy(history[hist_next], line, LINE_MAX);
				hist_next = (hist_next + 1) % HISTORY;
				if (hist_len < HISTORY)
					hist_len++;
			}
			return len;
		} else if (c == 3) {			/* Ctrl-C: drop the line */
			out("^C\n");
			line[0] = 0;
			return 0;
		} else if (c == 21) {			/* Ctrl-U */
			len = 0;
			redraw(line, len);
		} else if ((c == 0x7f || c == 8) && len) {
			len--;
			out("\b \b");
		} else if (c == 27) {			/* ESC [ A / ESC [ B */
			int c2 = getch(), c3 = c2 == '[' ? getch() : 0;

			if (c3 == 'A' && hist_pos > 0)
				hist_pos--;
			else if (c3 == 'B' && hist_pos < hist_len)
				hist_pos++;
			else
				continue;
			if (hist_pos == hist_len) {
				len = 0;
			} else {
				int idx = (hist_next - hist_len + hist_pos + HISTORY) % HISTORY;
				strscpy(line, history[idx], LINE_MAX);
				len = strlen(line);
			}
			redraw(line, len);
		} else if (c >= ' ' && c < 0x7f && len + 1 < LINE_MAX) {
			line[len++] = (char)c;
			out("%c", c);
		}
	}
}

/* ---- commands ---- */

static bool parse_int(const char *s, long *v)
{
	return s && !kstrtol(s, 0, v);
}

static struct task_struct *task_arg(const char *s)
{
	long pid;
	struct task_struct *t;

	if (!parse_int(s, &pid)) {
		out("error: expected a pid, got \"%s\"\n", s ? s : "");
		return NULL;
	}
	t = find_task_by_pid(pid);
	if (!t)
		out("error: no task with pid %ld\n", pid);
	return t;
}

static char state_char(struct task_struct *t)
{
	unsigned int st = READ_ONCE(t->__state);

	if (t->flags & PF_IDLE)
		return 'I';
	if (st == TASK_RUNNING)
		return 'R';
	if (st & TASK_PARKED)
		return 'P';
	if (st & TASK_DEAD)
		return 'X';
	if (st & TASK_UNINTERRUPTIBLE)
		return (st & TASK_NOLOAD) ? 'I' : 'D';
	return 'S';
}

static void show_task(struct task_struct *t)
{
	char kf[8];

	kthread_flags_describe(t, kf, sizeof(kf));
	out("%5d %-16s %c %3d %4d %-4s %-2s %8lu\n", t->pid, t->comm, state_char(t), task_cpu(t),
	    task_nice(t), kf, (t->flags & PF_WQ_WORKER) ? "W" : "", t->nvcsw + t->nivcsw);
}

static void cmd_ps(void)
{
	struct task_struct *t;
	unsigned long flags;
	int cpu;

	out("%5s %-16s %c %3s %4s %-4s %-2s %8s\n", "PID", "COMM", 'S', "CPU", "NICE", "KTHR",
	    "WQ", "SWITCHES");
	for_each_online_cpu(cpu)
		show_task(idle_task(cpu));
	raw_spin_lock_irqsave(&tasklist_lock, flags);
	for_each_process(t)
		show_task(t);
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
}

/*
 * top: per-CPU state and context switches per second, first over 100 ms
 * (so it answers at once), then refreshed every second; input is polled
 * every 20 ms, so a key stops it promptly.
 */
static void cmd_top(void)
{
	unsigned long prev[NR_CPUS];
	unsigned int period = 100, waited;
	int cpu;

	WRITE_ONCE(interrupted, 0);
	for_each_possible_cpu(cpu)
		prev[cpu] = cpu_nr_switches(cpu);
	for (;;) {
		for (waited = 0; waited < period; waited += 20) {
			if (monitor_interrupted(true))
				goto out;
			msleep(20);
		}
		out("\033[2J\033[Htop - %u CPUs online, %lu tasks runnable (any key quits)\n",
		    num_online_cpus(), nr_running());
		out("CPU  curr-load  switches/s\n");
		for_each_online_cpu(cpu) {
			unsigned long now = cpu_nr_switches(cpu);

			out("%3d  %9s  %10lu\n", cpu, idle_cpu(cpu) ? "idle" : "busy",
			    (now - prev[cpu]) * 1000 / period);
			prev[cpu] = now;
		}
		period = 1000;
	}
out:
	WRITE_ONCE(interrupted, 0);
}

static void cmd_dmesg(void)
{
	static char buf[2048];
	unsigned long long pos = 0;
	size_t n;

	while ((n = log_buf_copy(buf, sizeof(buf), &pos)))
		console_write_raw(buf, n);
}

static int demo_fn(void *unused)
{
	while (!kthread_should_stop()) {
		if (kthread_should_park()) {
			kthread_parkme();
			continue;
		}
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop_or_park())
			schedule_timeout(HZ);
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

/* `queue <n>`: items on system_wq that sleep a little and free themselves. */
struct demo_work {
	struct work_struct work;
	unsigned int ms;
};

static atomic_long_t demo_queued, demo_done;

static void demo_work_fn(struct work_struct *work)
{
	struct demo_work *dw = container_of(work, struct demo_work, work);

	msleep(dw->ms);
	kfree(dw);
	atomic_long_inc(&demo_done);
}

static void cmd_queue(long n)
{
	unsigned int cpu = cpumask_first(cpu_online_mask);
	long i;

	for (i = 0; i < n; i++) {
		struct demo_work *dw = kmalloc(sizeof(*dw), GFP_KERNEL);

		if (!dw) {
			out("error: out of memory after %ld items\n", i);
			return;
		}
		INIT_WORK(&dw->work, demo_work_fn);
		dw->ms = 10 + i % 40;
		atomic_long_inc(&demo_queued);
		queue_work_on(cpu, system_wq, &dw->work);
		cpu = cpumask_next(cpu, cpu_online_mask);
		if (cpu >= nr_cpu_ids)
			cpu = cpumask_first(cpu_online_mask);
	}
	out("queued %ld demo work items on system_wq (10-49 ms each)\n", n);
}

static void trace_line(const char *line)
{
	out("%s\n", line);
}

static void run_command(char *line)
{
	char *argv[6] = { NULL };
	int argc = 0;
	char *s = strim(line), *w;
	long v, v2;
	struct task_struct *t;

	while ((w = strsep(&s, " \t")) && argc < 6)
		if (*w)
			argv[argc++] = w;
	if (!argc)
		return;
#define IS(name) (!strcmp(argv[0], name))
	if (IS("help")) {
		out("ps top dmesg cpus mem | park/unpark/stop <pid> | spawn <n> | nice <pid> <n> |\n"
		    "bind <pid> <cpu> | cpu offline|online <n> | wq | queue <n> | test [GLOB] |\n"
		    "bench [GLOB] | trace start|stop|dump | poweroff | reboot\n"
		    "(Ctrl-C aborts, up/down: history)\n");
	} else if (IS("ps")) {
		cmd_ps();
	} else if (IS("top")) {
		cmd_top();
	} else if (IS("dmesg")) {
		cmd_dmesg();
	} else if (IS("cpus")) {
		out("online %u, possible %u, boot to online %llu us\n", num_online_cpus(),
		    num_possible_cpus(), boot_to_online_us);
	} else if (IS("mem")) {
		out("pages: %lu total, %lu free, %ld in use; slab bytes in use %ld; stacks %ld\n",
		    nr_pages_total, nr_free_pages(), atomic_long_read(&nr_pages_in_use),
		    atomic_long_read(&slab_bytes_in_use), atomic_long_read(&nr_stacks_in_use));
	} else if (IS("park") || IS("unpark") || IS("stop")) {
		if (!(t = task_arg(argv[1])))
			return;
		if (!kthread_func(t)) {		/* kthreadd, kernel_init, idle */
			out("error: pid %d was not made by kthread_create()\n", t->pid);
		} else if (IS("park")) {
			int r = kthread_park(t);
			out(r ? "error: park returned %d\n" : "parked%.0d\n", r);
		} else if (IS("unpark")) {
			kthread_unpark(t);
			out("unparked\n");
		} else {
			out("stopped, result %d\n", kthread_stop(t));
		}
		put_task_struct(t);
	} else if (IS("spawn")) {
		if (!parse_int(argv[1], &v) || v < 1 || v > 1000) {
			out("error: spawn <n>, 1..1000\n");
			return;
		}
		for (long i = 0; i < v; i++)
			if (IS_ERR(kthread_run(demo_fn, NULL, "demo/%ld", i))) {
				out("error: out of memory after %ld threads\n", i);
				return;
			}
		out("spawned %ld demo threads\n", v);
	} else if (IS("nice")) {
		if (!(t = task_arg(argv[1])))
			return;
		if (!parse_int(argv[2], &v) || v < MIN_NICE || v > MAX_NICE)
			out("error: nice <pid> <-20..19>\n");
		else if (t->flags & PF_IDLE)
			out("error: cannot renice an idle task\n");
		else
			set_user_nice(t, v), out("pid %d nice %d\n", t->pid, task_nice(t));
		put_task_struct(t);
	} else if (IS("bind")) {
		if (!(t = task_arg(argv[1])))
			return;
		if (!parse_int(argv[2], &v) || v < 0 || v >= NR_CPUS || !cpu_online(v))
			out("error: bind <pid> <online cpu>\n");
		else if (t->flags & (PF_NO_SETAFFINITY | PF_IDLE))
			out("error: pid %d may not change its affinity\n", t->pid);
		else
			out(set_cpus_allowed_ptr(t, cpumask_of(v)) ? "error: refused\n" :
			    "bound to cpu %ld\n", v);
		put_task_struct(t);
	} else if (IS("cpu")) {
		bool off = argv[1] && !strcmp(argv[1], "offline");
		bool on = argv[1] && !strcmp(argv[1], "online");

		if ((!off && !on) || !parse_int(argv[2], &v2) || v2 < 0 || v2 >= NR_CPUS) {
			out("error: cpu offline|online <n>\n");
			return;
		}
		v = off ? remove_cpu(v2) : add_cpu(v2);
		out(v ? "error: %ld\n" : "ok%.0ld\n", v);
	} else if (IS("wq")) {
		wq_show(out);
		out("demo items: %ld queued, %ld done\n", atomic_long_read(&demo_queued),
		    atomic_long_read(&demo_done));
	} else if (IS("queue")) {
		if (!parse_int(argv[1], &v) || v < 1 || v > 1000)
			out("error: queue <n>, 1..1000\n");
		else
			cmd_queue(v);
	} else if (IS("test")) {
		out("%d failed\n", kunit_run_tests(argv[1]));
	} else if (IS("bench")) {
		out("%d benchmarks\n", kbench_run_all(argv[1]));
	} else if (IS("trace")) {
		if (argv[1] && !strcmp(argv[1], "start"))
			out(trace_start() ? "error: no memory for the trace buffers\n" : "tracing\n");
		else if (argv[1] && !strcmp(argv[1], "stop"))
			trace_stop(), out("stopped\n");
		else if (argv[1] && !strcmp(argv[1], "dump"))
			trace_dump(trace_line);
		else
			out("error: trace start|stop|dump\n");
	} else if (IS("poweroff")) {
		out("Power down.\n");
		qemu_exit(QEMU_EXIT_PASS);
		outw(0x2000, 0x604);	/* QEMU's ACPI power-off */
	} else if (IS("reboot")) {
		out("Restarting.\n");
		outb(0xFE, 0x64);	/* keyboard-controller reset */
	} else {
		out("error: unknown command \"%s\" (try help)\n", argv[0]);
	}
#undef IS
}

void console_loop(void)
{
	char line[LINE_MAX];

	printk(KERN_INFO "Type 'help' for commands. Quit QEMU with Ctrl-A X.\n");
	for (;;) {
		out("kthread> ");
		read_line(line);
		WRITE_ONCE(interrupted, 0);
		run_command(line);
	}
}
