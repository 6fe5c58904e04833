/*
 * Lockup detectors.
 *
 * Soft lockup: a CPU that has not scheduled for softlockup_thresh seconds
 * (default 10; "softlockup_thresh=" on the command line) while ticking.
 * Every schedule stamps the CPU (watchdog_touch); the tick checks the
 * stamp.  Half-way to the threshold the tick asks the CPU to reschedule,
 * so a CPU whose task is merely alone and busy stamps itself again; one
 * that cannot (preemption or interrupts off, spinning in the kernel) is
 * reported once per episode, with the stuck task and a backtrace of the
 * code the tick interrupted.
 *
 * Hung task: khungtaskd wakes every hung_task_thresh / 2 seconds and
 * reports every task that has been in TASK_UNINTERRUPTIBLE (not TASK_IDLE)
 * without switching for more than hung_task_thresh seconds (default 60;
 * "hung_task_thresh="), with its backtrace; each task once per episode.
 * Both report and carry on, as Linux does by default.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/percpu.h>
#include <linux/ktime.h>
#include <linux/delay.h>
#include <linux/kallsyms.h>
#include <asm/stacktrace.h>
#include <asm/ptrace.h>
#include <kernel/sched.h>
#include <linux/sched/signal.h>

unsigned int softlockup_thresh = 10;
unsigned int hung_task_thresh = 60;
unsigned long softlockup_count, hung_task_count;

static DEFINE_PER_CPU(u64, watchdog_ts);
static DEFINE_PER_CPU(bool, softlockup_reported);

static int set_soft(char *v) { return kstrtouint(v, 0, &softlockup_thresh) || !softlockup_thresh; }
static int set_hung(char *v) { return kstrtouint(v, 0, &hung_task_thresh) || !hung_task_thresh; }
__setup("softlockup_thresh=", set_soft);
__setup("hung_task_thresh=", set_hung);

/* Called on every schedule of this CPU. */
void watchdog_touch(void)
{
	this_cpu_write(watchdog_ts, ktime_get_ns());
	this_cpu_write(softlockup_reported, false);
}

/* From the tick, hard IRQ: check this CPU. */
void watchdog_check(struct pt_regs *regs)
{
	u64 now = ktime_get_ns(), ts = this_cpu_read(watchdog_ts);
	u64 limit = (u64)softlockup_thresh * NSEC_PER_SEC;
	struct task_struct *t = current;

	if (!ts || now - ts < limit / 2)
		return;
	if (now - ts < limit) {
		this_cpu_write(pcpu_hot.need_resched, 1);	/* a chance to stamp */
		return;
	}
	if (this_cpu_read(softlockup_reported))
		return;
	this_cpu_write(softlockup_reported, true);
	softlockup_count++;
	printk(KERN_EMERG "watchdog: BUG: soft lockup - CPU#%d stuck for %llus! [%s:%d]\n",
	       smp_processor_id(), (now - ts) / NSEC_PER_SEC, t->comm, t->pid);
	if (regs) {
		show_regs(regs);
		show_stack_from(regs->rip, regs->rbp, KERN_EMERG);
	}
}

static void check_hung_task(struct task_struct *t, u64 now, u64 limit)
{
	unsigned int state = READ_ONCE(t->__state);

	if ((state & (TASK_UNINTERRUPTIBLE | TASK_NOLOAD)) != TASK_UNINTERRUPTIBLE ||
	    task_on_cpu(t) || !t->last_switch_time)
		return;
	if (now - t->last_switch_time < limit || t->set_child_tid == (void *)t->nvcsw + 1)
		return;
	t->set_child_tid = (void *)t->nvcsw + 1;	/* reported for this sleep */
	hung_task_count++;
	printk(KERN_ERR "INFO: task %s:%d blocked for more than %u seconds.\n", t->comm, t->pid,
	       hung_task_thresh);
	{
		unsigned long entries[16];
		unsigned long sp = t->thread.sp;
		/* the switch pushed r15..r12, rbx, rbp: rbp is the 6th word */
		int n = stack_trace_save_from(((unsigned long *)sp)[5], entries, 16);

		printk(KERN_ERR "Call Trace:\n");
		printk(KERN_ERR " <%016lx> %pS\n", ((unsigned long *)sp)[6],
		       (void *)((unsigned long *)sp)[6]);
		for (int i = 0; i < n; i++)
			printk(KERN_ERR " <%016lx> %pS\n", entries[i], (void *)entries[i]);
	}
}

static int khungtaskd(void *unused)
{
	while (!kthread_should_stop()) {
		u64 limit = (u64)hung_task_thresh * NSEC_PER_SEC, now;
		struct task_struct *t;
		unsigned long flags;

		msleep_interruptible(max(hung_task_thresh * 1000 / 2, 100U));
		now = ktime_get_ns();
		raw_spin_lock_irqsave(&tasklist_lock, flags);
		for_each_process(t)
			check_hung_task(t, now, limit);
		raw_spin_unlock_irqrestore(&tasklist_lock, flags);
	}
	return 0;
}

int watchdog_init(void)
{
	struct task_struct *t = kthread_run(khungtaskd, NULL, "khungtaskd");

	return IS_ERR(t) ? PTR_ERR(t) : 0;
}
