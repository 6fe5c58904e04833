/*
 * The per-CPU stopper ("migration/N"): the highest-priority task of its
 * CPU (SCHED_FIFO 99), bound there.  stop_one_cpu(cpu, fn, arg) queues
 * fn on that CPU's stopper and waits for it: when fn runs, nothing else
 * runs on that CPU, and whatever task was running there has been
 * preempted and is queued, so it can be moved.  set_cpus_allowed_ptr()
 * uses it to move a running task; CPU hotplug to empty a CPU.
 *
 * Locking: stopper->lock (raw, irqsave, a leaf) protects the work list.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/completion.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include "sched/sched.h"

struct cpu_stop_work {
	struct list_head list;		/* stopper->lock */
	cpu_stop_fn_t fn;
	void *arg;
	int ret;
	struct completion done;
};

struct cpu_stopper {
	raw_spinlock_t lock;
	struct list_head works;		/* lock */
	struct task_struct *thread;	/* I */
};

static DEFINE_PER_CPU(struct cpu_stopper, cpu_stopper);

static int stopper_thread(void *data)
{
	struct cpu_stopper *st = data;

	for (;;) {
		struct cpu_stop_work *w = NULL;
		unsigned long flags;

		set_current_state(TASK_INTERRUPTIBLE);
		raw_spin_lock_irqsave(&st->lock, flags);
		if (!list_empty(&st->works)) {
			w = list_first_entry(&st->works, struct cpu_stop_work, list);
			list_del_init(&w->list);
		}
		raw_spin_unlock_irqrestore(&st->lock, flags);
		if (!w) {
			schedule();
			continue;
		}
		__set_current_state(TASK_RUNNING);
		w->ret = w->fn(w->arg);
		complete(&w->done);
	}
	return 0;
}

/*
 * Run fn(arg) on cpu as its stopper and wait.  Context: may sleep.
 * Return: fn's result, or -ENOENT if cpu has no stopper (offline).
 */
int stop_one_cpu(unsigned int cpu, cpu_stop_fn_t fn, void *arg)
{
	struct cpu_stopper *st = per_cpu_ptr(&cpu_stopper, cpu);
	struct cpu_stop_work w = { .fn = fn, .arg = arg };
	unsigned long flags;

	if (cpu >= NR_CPUS || !st->thread || !cpu_online(cpu))
		return -ENOENT;
	init_completion(&w.done);
	raw_spin_lock_irqsave(&st->lock, flags);
	list_add_tail(&w.list, &st->works);
	raw_spin_unlock_irqrestore(&st->lock, flags);
	wake_up_process(st->thread);
	wait_for_completion(&w.done);
	return w.ret;
}

/* Create cpu's stopper (boot, and CPU bring-up). */
int cpu_stopper_create(unsigned int cpu)
{
	struct cpu_stopper *st = per_cpu_ptr(&cpu_stopper, cpu);
	struct task_struct *p;
	char name[16];

	if (st->thread)
		return 0;
	raw_spin_lock_init(&st->lock);
	INIT_LIST_HEAD(&st->works);
	snprintf(name, sizeof(name), "migration/%u", cpu);
	p = create_task(stopper_thread, st, name, PF_KTHREAD | PF_NO_SETAFFINITY);
	if (IS_ERR(p))
		return PTR_ERR(p);
	do_set_cpus_allowed(p, cpumask_of(cpu));
	p->cpu = cpu;
	sched_setscheduler_nocheck(p, SCHED_FIFO, MAX_RT_PRIO - 1);
	st->thread = p;
	wake_up_new_task(p);
	return 0;
}
