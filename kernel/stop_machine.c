/*
 * The per-CPU stopper ("migration/N"): the highest-priority task of its
 * CPU (SCHED_FIFO 99), a per-CPU smpboot thread bound there.
 * stop_one_cpu(cpu, fn, arg) queues fn on that CPU's stopper and waits for
 * it: when fn runs, nothing else runs on that CPU, and whatever task was
 * running there has been preempted and is queued, so it can be moved.
 * set_cpus_allowed_ptr() uses it to move a running task; CPU hotplug to
 * empty a CPU.  The stopper parks itself only when its CPU goes down
 * (selfparking: take_cpu_down() disables it and asks it to park; every
 * work queued before that still runs, later ones get -ENOENT; add_cpu()
 * unparks it).
 *
 * Locking: stopper->lock (raw, irqsave, a leaf) protects the work list.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/types.h>
#include <linux/kthread.h>
#include <linux/smpboot.h>
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
	bool enabled;			/* lock: CPU up, stopper unparked */
};

static DEFINE_PER_CPU(struct cpu_stopper, cpu_stopper);
static DEFINE_PER_CPU(struct task_struct *, cpu_stopper_task);

static int cpu_stop_should_run(unsigned int cpu)
{
	struct cpu_stopper *st = per_cpu_ptr(&cpu_stopper, cpu);
	unsigned long flags;
	int run;

	raw_spin_lock_irqsave(&st->lock, flags);
	run = !list_empty(&st->works);
	raw_spin_unlock_irqrestore(&st->lock, flags);
	return run;
}

/*
 * Run every queued work, in order, before returning to the smpboot loop:
 * that loop checks for a park request before pending work, and
 * take_cpu_down() asks for the park while works may be queued behind it.
 */
static void cpu_stopper_thread(unsigned int cpu)
{
	struct cpu_stopper *st = per_cpu_ptr(&cpu_stopper, cpu);
	unsigned long flags;

	for (;;) {
		struct cpu_stop_work *w = NULL;

		raw_spin_lock_irqsave(&st->lock, flags);
		if (!list_empty(&st->works)) {
			w = list_first_entry(&st->works, struct cpu_stop_work, list);
			list_del_init(&w->list);
		}
		raw_spin_unlock_irqrestore(&st->lock, flags);
		if (!w)
			return;
		w->ret = w->fn(w->arg);
		complete(&w->done);
	}
}

static void cpu_stop_create(unsigned int cpu)
{
	struct sched_param param = { .sched_priority = MAX_RT_PRIO - 1 };

	sched_setscheduler_nocheck(per_cpu(cpu_stopper_task, cpu), SCHED_FIFO, &param);
}

static void cpu_stop_park(unsigned int cpu)
{
	struct cpu_stopper *st = per_cpu_ptr(&cpu_stopper, cpu);
	unsigned long flags;

	raw_spin_lock_irqsave(&st->lock, flags);
	WARN_ON(!list_empty(&st->works));
	raw_spin_unlock_irqrestore(&st->lock, flags);
}

static struct smp_hotplug_thread cpu_stop_threads = {
	.store = &cpu_stopper_task,
	.thread_should_run = cpu_stop_should_run,
	.thread_fn = cpu_stopper_thread,
	.thread_comm = "migration/%u",
	.create = cpu_stop_create,
	.park = cpu_stop_park,
	.selfparking = true,
};

/*
 * Run fn(arg) on cpu as its stopper and wait.  Context: may sleep.
 * Return: fn's result, or -ENOENT if cpu's stopper is not running (CPU
 * down, or early boot).
 */
int stop_one_cpu(unsigned int cpu, cpu_stop_fn_t fn, void *arg)
{
	struct cpu_stopper *st;
	struct cpu_stop_work w = { .fn = fn, .arg = arg };
	unsigned long flags;
	bool queued = false;

	if (cpu >= NR_CPUS)
		return -ENOENT;
	st = per_cpu_ptr(&cpu_stopper, cpu);
	init_completion(&w.done);
	raw_spin_lock_irqsave(&st->lock, flags);
	if (st->enabled) {
		list_add_tail(&w.list, &st->works);
		queued = true;
	}
	raw_spin_unlock_irqrestore(&st->lock, flags);
	if (!queued)
		return -ENOENT;
	wake_up_process(per_cpu(cpu_stopper_task, cpu));
	wait_for_completion(&w.done);
	return w.ret;
}

/*
 * stop_machine_park - CPU hotplug: cpu's stopper takes no more work and
 * parks once it has run the works queued so far.  Called by
 * take_cpu_down() on that stopper itself, so nothing can be queued
 * between its last work and the refusal of new ones (queued works are
 * drained by cpu_stopper_thread() before the park request is seen).
 * Context: cpu's stopper.
 */
void stop_machine_park(unsigned int cpu)
{
	struct cpu_stopper *st = per_cpu_ptr(&cpu_stopper, cpu);
	unsigned long flags;

	WARN_ON_ONCE(current != per_cpu(cpu_stopper_task, cpu));
	raw_spin_lock_irqsave(&st->lock, flags);
	st->enabled = false;
	raw_spin_unlock_irqrestore(&st->lock, flags);
	kthread_park(current);		/* on itself: only sets the request */
}

/* CPU hotplug: cpu (back up) has its stopper unparked and taking work. */

void stop_machine_unpark(unsigned int cpu)
{
	struct cpu_stopper *st = per_cpu_ptr(&cpu_stopper, cpu);
	unsigned long flags;

	raw_spin_lock_irqsave(&st->lock, flags);
	st->enabled = true;
	raw_spin_unlock_irqrestore(&st->lock, flags);
	kthread_unpark(per_cpu(cpu_stopper_task, cpu));
}

void cpu_stop_init(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		struct cpu_stopper *st = per_cpu_ptr(&cpu_stopper, cpu);

		raw_spin_lock_init(&st->lock);
		INIT_LIST_HEAD(&st->works);
	}
	if (smpboot_register_percpu_thread(&cpu_stop_threads))
		panic("cannot create the stopper threads");
	for_each_online_cpu(cpu)
		stop_machine_unpark(cpu);
}
