/*
 * Event tracing: per-CPU ring buffers of fixed-size records with TSC
 * timestamps.  Off by default; trace_on is checked first at every trace
 * point (one load and a predicted branch when off).  Each CPU writes only
 * its own buffer with interrupts off, so recording needs no lock; dumping
 * stops tracing first.  A full buffer overwrites its oldest records.
 *
 * Events: sched_switch, sched_wakeup, sched_migrate, kthread create /
 * stop / park / unpark, workqueue queue / execute start / end, worker
 * create / die, CPU offline / online.  `trace dump` (monitor) prints one
 * line per event, merged by time:
 *
 *     T <ns> <cpu> <event> <pid> <comm> <arg> <text>
 *
 * which tools/trace2perfetto.py turns into Chrome/Perfetto JSON and a PNG
 * timeline.
 */
#include <linux/kernel.h>
#include <kernel/trace.h>
#include <linux/kallsyms.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/sched.h>
#include <linux/irqflags.h>
#include <linux/mm.h>
#include <asm/processor.h>
#include <asm/time.h>

#define TRACE_ENTRIES 4096

struct trace_rec {
	u64 tsc;
	u16 event;
	s16 cpu;
	s32 pid;
	s64 arg;
	char comm[16] __aligned(8);
	const char *text;	/* static string or NULL */
};

struct trace_buf {
	struct trace_rec rec[TRACE_ENTRIES];
	unsigned long head;	/* records ever written on this CPU */
};

bool trace_on;
static struct trace_buf *bufs[NR_CPUS];
static u64 trace_tsc0;

static const char *const event_names[] = {
	[TRACE_SCHED_SWITCH] = "sched_switch",
	[TRACE_SCHED_WAKEUP] = "sched_wakeup",
	[TRACE_SCHED_MIGRATE] = "sched_migrate",
	[TRACE_KTHREAD_CREATE] = "kthread_create",
	[TRACE_KTHREAD_STOP] = "kthread_stop",
	[TRACE_KTHREAD_PARK] = "kthread_park",
	[TRACE_KTHREAD_UNPARK] = "kthread_unpark",
	[TRACE_WQ_QUEUE] = "wq_queue",
	[TRACE_WQ_EXEC_START] = "wq_exec_start",
	[TRACE_WQ_EXEC_END] = "wq_exec_end",
	[TRACE_WORKER_CREATE] = "worker_create",
	[TRACE_WORKER_DIE] = "worker_die",
	[TRACE_CPU_OFFLINE] = "cpu_offline",
	[TRACE_CPU_ONLINE] = "cpu_online",
	[TRACE_MARK] = "mark",
};

void __trace_event(int event, struct task_struct *p, long arg, const char *text)
{
	unsigned long flags;
	struct trace_buf *b;
	struct trace_rec *r;
	int cpu;

	local_irq_save(flags);
	cpu = smp_processor_id();
	b = bufs[cpu];
	if (b) {
		r = &b->rec[b->head++ % TRACE_ENTRIES];
		r->tsc = rdtsc();
		r->event = event;
		r->cpu = cpu;
		r->pid = p ? p->pid : -1;
		r->arg = arg;
		r->text = text;
		if (p) {	/* two word copies: cheaper than a memcpy call */
			((u64 *)r->comm)[0] = ((const u64 *)p->comm)[0];
			((u64 *)r->comm)[1] = ((const u64 *)p->comm)[1];
		} else {
			r->comm[0] = 0;
		}
	}
	local_irq_restore(flags);
}

/* Allocate the buffers (first use) and start recording.  Return: 0 or -ENOMEM. */
int trace_start(void)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		if (!bufs[cpu])
			bufs[cpu] = (void *)__get_free_pages(GFP_KERNEL | __GFP_ZERO,
							     get_count_order(DIV_ROUND_UP(sizeof(struct trace_buf), PAGE_SIZE)));
		if (!bufs[cpu])
			return -ENOMEM;
		bufs[cpu]->head = 0;
	}
	trace_tsc0 = rdtsc();
	smp_wmb();
	WRITE_ONCE(trace_on, true);
	return 0;
}

void trace_stop(void)
{
	WRITE_ONCE(trace_on, false);
	smp_mb();
}

/* Print every kept record, merged by time, with print(line).  Stops tracing. */
void trace_dump(void (*print)(const char *line))
{
	unsigned long pos[NR_CPUS], end[NR_CPUS];
	char line[160], sym[KSYM_SYMBOL_LEN];	/* sprint_symbol_*() may write that much */
	const char *text;
	int cpu;

	trace_stop();
	for_each_possible_cpu(cpu) {
		struct trace_buf *b = bufs[cpu];

		end[cpu] = b ? b->head : 0;
		pos[cpu] = end[cpu] > TRACE_ENTRIES ? end[cpu] - TRACE_ENTRIES : 0;
	}
	print("# trace: T <ns> <cpu> <event> <pid> <comm> <arg> <text>");
	for (;;) {
		struct trace_rec *best = NULL;
		int bcpu = -1;

		for_each_possible_cpu(cpu) {
			struct trace_rec *r;

			if (!bufs[cpu] || pos[cpu] >= end[cpu])
				continue;
			r = &bufs[cpu]->rec[pos[cpu] % TRACE_ENTRIES];
			if (!best || (s64)(r->tsc - best->tsc) < 0) {
				best = r;
				bcpu = cpu;
			}
		}
		if (!best)
			break;
		pos[bcpu]++;
		text = best->text ? best->text : "-";
		if (best->event == TRACE_WQ_QUEUE || best->event == TRACE_WQ_EXEC_START ||
		    best->event == TRACE_WQ_EXEC_END) {
			/* the work function, by name */
			sprint_symbol_no_offset(sym, best->arg);
			text = sym;
		}
		snprintf(line, sizeof(line), "T %llu %d %s %d %s %lld %s",
			 tsc_to_ns(best->tsc - trace_tsc0), best->cpu,
			 best->event < ARRAY_SIZE(event_names) ? event_names[best->event] : "?",
			 best->pid, best->comm[0] ? best->comm : "-", (long long)best->arg, text);
		for (char *c = line; *c; c++)	/* comms with spaces would split fields */
			if (*c == ' ' && c > line + 2 && c[-1] == ' ')
				*c = '_';
		print(line);
	}
	print("# trace end");
}
