/*
 * Logical CPU hotplug: remove_cpu() empties a CPU and leaves it halted;
 * add_cpu() brings it back.  The CPU is not reset; it sits in
 * cpu_play_dead() with its tick stopped until it is asked to come up.
 *
 *   down:  online states' teardowns, on that CPU (kernel/cpuhp.c) -> park its smpboot threads
 *          -> not active (no new placements) -> its stopper moves every
 *          queued task elsewhere (a task allowed only there gets all CPUs,
 *          with a message), refuses new stop work and asks itself to park;
 *          it runs the stop work queued before that, then parks -> offline
 *          -> it halts in cpu_play_dead() (only once the stopper is off
 *          the CPU: its idle loop does that) -> move its timers -> the
 *          prepare states' teardowns
 *   up:    prepare states' startups -> wake it from cpu_play_dead(): tick
 *          on, online, active -> unpark the stopper and its smpboot threads
 *          (re-bound while parked) -> online states' startups, on that CPU
 *   A failing startup takes the CPU down again; a failing online teardown
 *   leaves it up.
 *
 * The boot CPU cannot go down (-EBUSY), nor the last online CPU.
 *
 * Locking: cpu_hotplug_lock is a per-CPU rw semaphore.  add_cpu() and
 * remove_cpu() hold its write side, so they exclude each other and every
 * cpus_read_lock() section; read sections share it.  cpus_read_lock() is
 * recursive: a task's nested sections (counted in cpus_read_depth) take
 * the semaphore once, and the task running a hotplug operation may take
 * it inside that operation (its callbacks do), so neither waits for
 * itself.  As in Linux, a read section must not wait for another task
 * that needs the read side (a waiting writer holds that task back).
 * The hotplug states and their callbacks are in kernel/cpuhp.c.  The per-CPU dead/up
 * flags are written by one side and polled by the other with
 * READ_ONCE/WRITE_ONCE.
 * Lock order: cpu_hotplug_lock -> cpuhp_state_mutex, smpboot_threads_lock,
 * the workqueue mutexes.
 */
#include <linux/kernel.h>
#include <linux/cpu.h>
#include <linux/mutex.h>
#include <linux/percpu-rwsem.h>
#include <linux/context_tracking.h>
#include <linux/smp.h>
#include <linux/smpboot.h>
#include <linux/sched.h>
#include <linux/delay.h>
#include <linux/ktime.h>
#include <linux/timer.h>
#include <linux/irqflags.h>
#include <asm/time.h>
#include <asm/processor.h>
#include <kernel/trace.h>
#include "sched/sched.h"
#include "cpuhp.h"
#include <kernel/smpboot.h>

DEFINE_STATIC_PERCPU_RWSEM(cpu_hotplug_lock);

static DEFINE_PER_CPU(int, cpu_dead);		/* 1 while halted in cpu_play_dead */
static DEFINE_PER_CPU(int, cpu_up_request);	/* set by add_cpu */
static DEFINE_PER_CPU(int, cpu_was_up);		/* remove_cpu() took it down */

static bool hotplug_writer_is_me(void)
{
	return READ_ONCE(cpu_hotplug_lock.writer_task) == current;
}

/**
 * cpus_read_lock - keep the set of online CPUs as it is until the
 * matching cpus_read_unlock(): no CPU goes down or comes up meanwhile.
 * Shared with other readers; nests.  Context: may sleep.
 */
void cpus_read_lock(void)
{
	struct task_struct *me = current;

	might_sleep();
	if (me->cpus_read_depth++ || hotplug_writer_is_me())
		return;		/* nested, or inside our own hotplug operation */
	percpu_down_read(&cpu_hotplug_lock);
}

/** cpus_read_trylock - cpus_read_lock() if no hotplug is under way.  Return: 1 if held. */
int cpus_read_trylock(void)
{
	struct task_struct *me = current;

	if (me->cpus_read_depth || hotplug_writer_is_me() ||
	    percpu_down_read_trylock(&cpu_hotplug_lock)) {
		me->cpus_read_depth++;
		return 1;
	}
	return 0;
}

/** cpus_read_unlock - end a cpus_read_lock() section.  Context: the same task. */
void cpus_read_unlock(void)
{
	struct task_struct *me = current;

	if (WARN(!me->cpus_read_depth, "cpus_read_unlock() by %s/%d without cpus_read_lock()",
		 me->comm, me->pid))
		return;
	if (--me->cpus_read_depth || hotplug_writer_is_me())
		return;
	percpu_up_read(&cpu_hotplug_lock);
}

/*
 * The write side, for add_cpu()/remove_cpu().  Return: 0, or -EDEADLK
 * (with a WARN) if the caller is inside a read section: it would wait
 * for itself.
 */
static int cpus_write_lock_checked(void)
{
	if (WARN(current->cpus_read_depth, "CPU hotplug by %s/%d inside cpus_read_lock()",
		 current->comm, current->pid))
		return -EDEADLK;
	percpu_down_write(&cpu_hotplug_lock);
	return 0;
}

/* >0: hotplug refused (cpu_hotplug_disable()); changed under the write lock. */
static int cpu_hotplug_disabled;

/*
 * cpu_hotplug_disable - keep the CPU masks as they are until the matching
 * cpu_hotplug_enable(): add_cpu()/remove_cpu() return -EBUSY meanwhile.
 * Context: may sleep (waits for a hotplug operation in progress).
 */
void cpu_hotplug_disable(void)
{
	cpus_write_lock();
	cpu_hotplug_disabled++;
	cpus_write_unlock();
}

void cpu_hotplug_enable(void)
{
	cpus_write_lock();
	WARN(!cpu_hotplug_disabled, "unbalanced cpu_hotplug_enable()");
	if (cpu_hotplug_disabled)
		cpu_hotplug_disabled--;
	cpus_write_unlock();
}

void cpus_write_lock(void)
{
	cpus_write_lock_checked();
}

void cpus_write_unlock(void)
{
	percpu_up_write(&cpu_hotplug_lock);
}

/** lockdep_assert_cpus_held - WARN unless current holds either side. */
void lockdep_assert_cpus_held(void)
{
	WARN_ONCE(!current->cpus_read_depth && !hotplug_writer_is_me(),
		  "%s/%d does not hold cpus_read_lock()", current->comm, current->pid);
}

/* Pick a new CPU for a queued task leaving dead_cpu; widen its mask if needed. */
static int fallback_cpu(struct task_struct *p, int dead_cpu)
{
	int cpu = cpumask_any_and(p->cpus_ptr, cpu_active_mask);

	if (cpu < NR_CPUS)
		return cpu;
	do_set_cpus_allowed(p, cpu_possible_mask);
	printk(KERN_INFO "process %d (%s) no longer affine to cpu%d\n", p->pid, p->comm, dead_cpu);
	return cpumask_any(cpu_active_mask);
}

/* Runs as the dying CPU's stopper: move every queued task off it. */
static int take_cpu_down(void *unused)
{
	int cpu = smp_processor_id();
	struct rq *rq = this_rq();
	unsigned long flags;

	local_irq_save(flags);
	/* from here, wake-ups that chose this CPU go elsewhere (lock_target_rq) */
	raw_spin_lock(&rq->lock);
	rq->online = false;
	raw_spin_unlock(&rq->lock);
	for (;;) {
		struct task_struct *p = NULL, *t;
		struct sched_entity *se;
		struct rq *dst;
		int prio;

		raw_spin_lock(&rq->lock);
		list_for_each_entry(se, &rq->cfs.tasks, run_node) {
			t = container_of(se, struct task_struct, se);
			if (t != current) {
				p = t;
				break;
			}
		}
		for (prio = 0; !p && prio < MAX_RT_PRIO; prio++)
			list_for_each_entry(t, &rq->rt.queue[prio], rt.run_list)
				if (t != current) {
					p = t;
					break;
				}
		if (!p) {
			raw_spin_unlock(&rq->lock);
			break;
		}
		dst = cpu_rq(fallback_cpu(p, cpu));
		raw_spin_unlock(&rq->lock);
		raw_spin_lock(&p->pi_lock);
		double_rq_lock(rq, dst);
		if (task_rq(p) == rq && p->on_rq && !task_on_cpu(p)) {
			deactivate_task(rq, p, DEQUEUE_MIGRATE);
			set_task_cpu(p, dst->cpu);
			activate_task(dst, p, ENQUEUE_MIGRATED);
			resched_curr(dst);
		}
		double_rq_unlock(rq, dst);
		raw_spin_unlock(&p->pi_lock);
	}
	local_irq_restore(flags);
	/* no new stop work from here; what is queued still runs, then we park */
	stop_machine_park(cpu);
	return 0;
}

/*
 * Where an offline CPU waits (from its idle loop): tick stopped,
 * preemption off so no interrupt exit can schedule, halted until
 * add_cpu() asks it up.
 */
void cpu_play_dead(void)
{
	int cpu = smp_processor_id();

	preempt_disable();
	local_irq_disable();
	WARN_ON_ONCE(this_rq()->nr_running);
	arch_tick_stop();
	this_cpu_write(cpu_dead, 1);
	while (!READ_ONCE(*this_cpu_ptr(&cpu_up_request))) {
		ct_idle_enter();	/* RCU: a dead CPU is quiescent */
		local_irq_enable();
		halt();
		local_irq_disable();
	}
	ct_idle_exit();
	this_cpu_write(cpu_up_request, 0);
	arch_tick_restart();
	set_cpu_online(cpu, true);
	sched_cpu_activate(cpu);
	/* last: add_cpu() unparks our threads as soon as it sees this */
	smp_store_release(this_cpu_ptr(&cpu_dead), 0);
	local_irq_enable();
	preempt_enable_no_resched();
}

/*
 * Wait until *flag == val, kicking cpu (reschedule IPI) every few
 * milliseconds: the CPU must run its idle loop to change state, and one
 * IPI to a halted vCPU has been seen to go unanswered under heavy host
 * load; kicking again costs nothing.
 */
static bool wait_for(int *flag, int val, unsigned int ms, int cpu)
{
	u64 end = ktime_get_ns() + (u64)ms * NSEC_PER_MSEC;
	unsigned int n = 0;

	while (READ_ONCE(*flag) != val) {
		if (ktime_get_ns() > end)
			return false;
		msleep(1);
		if (++n % 4 == 0)
			resched_cpu_any(cpu);
	}
	return true;
}

/*
 * Take cpu down once its online states are torn down: park its threads,
 * empty it (take_cpu_down on its stopper), wait until it is dead, then
 * the prepare states' teardowns.  Context: the hotplug writer.
 * Return: 0, or the stopper's error (cpu is then up as before).
 */
static int cpu_down_locked(unsigned int cpu)
{
	int ret;

	smpboot_park_threads(cpu);
	set_cpu_active(cpu, false);
	ret = stop_one_cpu(cpu, take_cpu_down, NULL);
	if (ret) {
		set_cpu_active(cpu, true);
		smpboot_unpark_threads(cpu);
		return ret;
	}
	per_cpu(cpu_was_up, cpu) = 1;
	set_cpu_online(cpu, false);
	resched_cpu_any(cpu);	/* let its idle loop notice it is offline */
	if (!wait_for(per_cpu_ptr(&cpu_dead, cpu), 1, 10000, cpu))
		pr_err("cpu %u: did not reach the dead state\n", cpu);
	timers_migrate_cpu(cpu);
	cpuhp_bp_dead(cpu);
	trace_event(TRACE_CPU_OFFLINE, NULL, cpu);
	pr_debug("cpu %u is down\n", cpu);
	return 0;
}

/*
 * remove_cpu - take cpu offline (logically).
 * Context: may sleep.  Return: 0; -EBUSY for the boot CPU or the last
 * online one, or while cpu_hotplug_disable() holds; -EINVAL if cpu is not online; the error of an online
 * state's teardown (cpu stays up, the states torn down are restarted).
 */
int remove_cpu(unsigned int cpu)
{
	int ret = 0;

	if (cpu == 0)
		return -EBUSY;
	ret = cpus_write_lock_checked();
	if (ret)
		return ret;
	if (cpu_hotplug_disabled) {
		ret = -EBUSY;
		goto out;
	}
	if (cpu >= NR_CPUS || !cpu_online(cpu)) {
		ret = -EINVAL;
		goto out;
	}
	if (num_online_cpus() == 1) {
		ret = -EBUSY;
		goto out;
	}
	ret = cpuhp_ap_offline(cpu);
	if (ret)
		goto out;
	ret = cpu_down_locked(cpu);
	if (ret)
		cpuhp_ap_online(cpu);
out:
	cpus_write_unlock();
	return ret;
}

/*
 * add_cpu - bring a CPU taken down by remove_cpu() back.
 * Context: may sleep.  Return: 0 (also if already online); -EINVAL if cpu
 * is not present; -ENODEV if it was never started (maxcpus=); -EIO if it
 * does not respond; -EBUSY while cpu_hotplug_disable() holds; the error of a state's startup (cpu is then down
 * again, the states started are torn down).
 */
int add_cpu(unsigned int cpu)
{
	int ret = 0;

	if (cpu >= NR_CPUS || !cpu_present(cpu))
		return -EINVAL;
	ret = cpus_write_lock_checked();
	if (ret)
		return ret;
	if (cpu_hotplug_disabled) {
		ret = -EBUSY;
		goto out;
	}
	if (cpu_online(cpu))
		goto out;
	if (!READ_ONCE(per_cpu(cpu_dead, cpu)) && !per_cpu(cpu_was_up, cpu)) {
		ret = -ENODEV;		/* never started (maxcpus=) */
		goto out;
	}
	/* taken down, but its vCPU may not have reached cpu_play_dead() yet */
	if (!wait_for(per_cpu_ptr(&cpu_dead, cpu), 1, 10000, cpu)) {
		pr_err("cpu %u: not in the dead state, cannot bring it up\n", cpu);
		ret = -EIO;
		goto out;
	}
	ret = smpboot_create_threads(cpu);
	if (ret)
		goto out;
	ret = cpuhp_bp_prepare(cpu);
	if (ret)
		goto out;
	WRITE_ONCE(per_cpu(cpu_up_request, cpu), 1);
	smp_send_reschedule(cpu);
	if (!wait_for(per_cpu_ptr(&cpu_dead, cpu), 0, 10000, cpu)) {
		pr_err("cpu %u: did not come back up\n", cpu);
		cpuhp_bp_dead(cpu);
		ret = -EIO;
		goto out;
	}
	stop_machine_unpark(cpu);
	smpboot_unpark_threads(cpu);
	ret = cpuhp_ap_online(cpu);
	if (ret) {
		WARN_ON(cpu_down_locked(cpu));	/* back down: the states started were undone */
		goto out;
	}
	trace_event(TRACE_CPU_ONLINE, NULL, cpu);
	pr_debug("cpu %u is up\n", cpu);
out:
	cpus_write_unlock();
	return ret;
}
