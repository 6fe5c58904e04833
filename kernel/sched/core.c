/*
 * The scheduler core: per-CPU run queues, schedule(), wake-ups,
 * preemption, affinity and migration, load balancing, the tick, idle.
 *
 * Task life cycle (p->__state, p->on_rq, p->on_cpu):
 *
 *   create_task()            TASK_NEW, not queued
 *      | wake_up_new_task()
 *      v
 *   TASK_RUNNING, on_rq ----- picked by schedule() -----> running (on_cpu = 1)
 *      ^                                                    |  |
 *      | try_to_wake_up(): wait until on_cpu == 0,          |  | set_current_state(S);
 *      | choose a CPU, enqueue, maybe preempt               |  | schedule(): dequeued
 *      |                                                    |  v
 *      +------------------------ sleeping (S = INTERRUPTIBLE, UNINTERRUPTIBLE,
 *                                PARKED, ...), on_rq = 0
 *   do_exit(): TASK_DEAD -> last schedule() -> the next task drops the
 *   task's own reference in finish_task_switch(), which frees it (stack
 *   included) if nobody else holds one.  A task never frees its own stack.
 *
 * Sleeping and waking.  The sleeper publishes its state with a full
 * barrier (set_current_state) before testing its condition; the waker
 * makes the condition true and then, in try_to_wake_up(), takes
 * p->pi_lock (a full barrier) and reads the state.  Either the sleeper
 * sees the condition, or the waker sees the sleeping state.  If the task
 * is still queued (it has not reached schedule() yet), the waker only
 * flips it back to TASK_RUNNING under its rq->lock, which schedule() also
 * holds while deciding to dequeue, so the two cannot cross.  If it is
 * dequeued but still switching out on its CPU (on_cpu == 1), the waker
 * spins until the switch has saved its context (on_cpu is cleared with
 * release semantics after the switch) before queueing it anywhere: a task
 * never runs on two CPUs at once.
 *
 * Remote wake-ups go through the target's wake list (as Linux's
 * ttwu_queue_wakelist): the waker, holding p->pi_lock, marks p
 * TASK_WAKING, sets its CPU and pushes it on the target run queue's
 * lock-free wake_list, sending the reschedule IPI only when the list was
 * empty; the target activates everything on its list from that IPI,
 * under its own rq->lock.  The waker never takes a remote rq->lock and
 * never spins on p->on_cpu: a task still switching out on its CPU is
 * queued on that CPU's list, which is processed after the switch (the
 * IPI cannot be taken while the switch runs with interrupts off).  Under
 * QEMU with more vCPUs than host CPUs, a waker spinning on a remote lock
 * or on on_cpu waited whole host time slices whenever that vCPU was
 * descheduled (a quarter of the work_throughput time).  While p is on a
 * list, its state is TASK_WAKING: other wakers leave it alone.  The
 * target re-checks, under its rq->lock, that it is still online and in
 * p's affinity (hot-unplug or set_cpus_allowed_ptr() may have intervened);
 * if not, p is placed elsewhere as an ordinary wake-up.  Wake-ups to the
 * waker's own CPU take the local rq->lock.  Only a push to an empty list
 * sends the IPI, so the tick and the idle loop (before it halts) also
 * empty the list: an IPI lost by the host cannot strand the CPU's later
 * wake-ups.

 * need_resched is per CPU (pcpu_hot.need_resched), set under the target's
 * rq->lock, and acted on at preempt_enable(), on interrupt exit, at
 * cond_resched() and in the idle loop; it is cleared by __schedule().
 * The run-queue lock is held across the context switch and released by
 * the next task (finish_task_switch), with interrupts off throughout.
 *
 * Lock order: see sched.h.  Per-task fields: see the legend in
 * include/linux/sched.h.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/percpu.h>
#include <linux/ktime.h>
#include <linux/interrupt.h>
#include <linux/completion.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/irqflags.h>
#include <linux/delay.h>
#include <asm/ptrace.h>
#include <asm/irq.h>
#include <asm/processor.h>
#include <asm/switch_to.h>
#include <asm/smp.h>
#include <asm/exit.h>
#include <asm/time.h>
#include <linux/cpu.h>
#include <linux/kthread.h>
#include <kernel/trace.h>
#include <linux/sched/signal.h>
#include <linux/sched/types.h>
#include <linux/rcupdate.h>
#include <linux/context_tracking.h>
#include "sched.h"

DEFINE_PER_CPU(struct rq, runqueues);
extern int oops_in_progress;
static struct task_struct idle_tasks[NR_CPUS];
static bool sched_running;	/* set once start_kernel enables preemption */

struct task_struct init_task = {
	.magic = TASK_MAGIC,
	.__state = TASK_RUNNING,
	.flags = PF_KTHREAD | PF_IDLE,
	.pid = 0,
	.comm = "swapper/0",
	.usage = ATOMIC_INIT(1),
	.static_prio = MAX_PRIO - 1,
	.prio = MAX_PRIO - 1,
	.cpus_ptr = &init_task.cpus_mask,
	.real_parent = &init_task,
	.parent = &init_task,
	.children = LIST_HEAD_INIT(init_task.children),
	.sibling = LIST_HEAD_INIT(init_task.sibling),
	.tasks = LIST_HEAD_INIT(init_task.tasks),
};

struct task_struct *idle_task(int cpu)
{
	return cpu == 0 ? &init_task : &idle_tasks[cpu];
}

/* ---- run-queue helpers ---- */

void update_rq_clock(struct rq *rq)
{
	u64 now = ktime_get_ns();

	if ((s64)(now - rq->clock) > 0)
		rq->clock = now;
}

/* Ask rq's CPU to reschedule.  Context: rq->lock held. */
void resched_curr(struct rq *rq)
{
	int cpu = rq->cpu;

	if (per_cpu(pcpu_hot, cpu).need_resched)
		return;
	WRITE_ONCE(per_cpu(pcpu_hot, cpu).need_resched, 1);
	if (cpu != smp_processor_id())
		smp_send_reschedule(cpu);
}

/* Kick cpu's idle loop without touching its run queue (hotplug). */
void resched_cpu_any(int cpu)
{
	WRITE_ONCE(per_cpu(pcpu_hot, cpu).need_resched, 1);
	smp_send_reschedule(cpu);
}

void resched_cpu(int cpu)
{
	struct rq *rq = cpu_rq(cpu);
	unsigned long flags;

	raw_spin_lock_irqsave(&rq->lock, flags);
	if (cpu_online(cpu))
		resched_curr(rq);
	raw_spin_unlock_irqrestore(&rq->lock, flags);
}

bool need_resched(void)
{
	return READ_ONCE(*this_cpu_ptr(&pcpu_hot.need_resched)) != 0;
}

static void clear_need_resched(void)
{
	this_cpu_write(pcpu_hot.need_resched, 0);
}

void activate_task(struct rq *rq, struct task_struct *p, int flags)
{
	p->sched_class->enqueue_task(rq, p, flags);
	WRITE_ONCE(p->on_rq, 1);
	rq->nr_running++;
}

/*
 * A task moved between run queues (DEQUEUE_MIGRATE: the balancers, the
 * stopper, CPU take-down) keeps a non-zero on_rq until activate_task()
 * queues it on the other one (Linux's TASK_ON_RQ_MIGRATING).  Those moves
 * hold the run-queue locks but not p->pi_lock; try_to_wake_up() reads
 * on_rq without a run-queue lock, and a 0 seen in the middle of a move
 * made it queue the task a second time (a corrupted cfs list, a CPU then
 * spinning forever in enqueue_task_fair with its rq->lock held).
 */
void deactivate_task(struct rq *rq, struct task_struct *p, int flags)
{
	WRITE_ONCE(p->on_rq, (flags & DEQUEUE_MIGRATE) ? 2 : 0);
	p->sched_class->dequeue_task(rq, p, flags);
	rq->nr_running--;
}

/*
 * Move p's bookkeeping to cpu.  Context: p->pi_lock held and p not queued,
 * or p queued and both run queues locked.
 */
void set_task_cpu(struct task_struct *p, int cpu)
{
	int old = task_cpu(p);

	if (old == cpu)
		return;
	p->sched_class->migrate_task(p, cpu_rq(old), cpu_rq(cpu));
	WRITE_ONCE(p->cpu, cpu);
	trace_event(TRACE_SCHED_MIGRATE, p, cpu);
}

/* Lock p's run queue (and p->pi_lock), retrying if p moves meanwhile. */
struct rq *task_rq_lock(struct task_struct *p, unsigned long *flags)
{
	struct rq *rq;

	for (;;) {
		raw_spin_lock_irqsave(&p->pi_lock, *flags);
		rq = task_rq(p);
		raw_spin_lock(&rq->lock);
		if (rq == task_rq(p)) {
			update_rq_clock(rq);
			return rq;
		}
		raw_spin_unlock(&rq->lock);
		raw_spin_unlock_irqrestore(&p->pi_lock, *flags);
	}
}

void task_rq_unlock(struct rq *rq, struct task_struct *p, unsigned long flags)
{
	raw_spin_unlock(&rq->lock);
	raw_spin_unlock_irqrestore(&p->pi_lock, flags);
}

/* Lock two run queues in ascending CPU order.  Interrupts already off. */
void double_rq_lock(struct rq *a, struct rq *b)
{
	if (a == b) {
		raw_spin_lock(&a->lock);
	} else if (a->cpu < b->cpu) {
		raw_spin_lock(&a->lock);
		raw_spin_lock(&b->lock);
	} else {
		raw_spin_lock(&b->lock);
		raw_spin_lock(&a->lock);
	}
	update_rq_clock(a);
	update_rq_clock(b);
}

void double_rq_unlock(struct rq *a, struct rq *b)
{
	raw_spin_unlock(&a->lock);
	if (a != b)
		raw_spin_unlock(&b->lock);
}

bool can_migrate_task(struct task_struct *p, struct rq *src, int dst_cpu)
{
	return !task_current(src, p) && !task_on_cpu(p) &&
	       cpumask_test_cpu(dst_cpu, p->cpus_ptr) && cpu_active(dst_cpu) &&
	       !is_idle_task(p);
}

/* Move a queued, not running task between two locked run queues. */
static void move_queued_task_locked(struct rq *src, struct rq *dst, struct task_struct *p)
{
	deactivate_task(src, p, DEQUEUE_MIGRATE);
	set_task_cpu(p, dst->cpu);
	activate_task(dst, p, ENQUEUE_MIGRATED);
	p->sched_class->check_preempt_curr(dst, p);
	if (dst->curr == dst->idle)
		resched_curr(dst);
}

static int class_rank(const struct sched_class *c)
{
	return c == &rt_sched_class ? 2 : c == &fair_sched_class ? 1 : 0;
}

/* p was just queued on rq: should it preempt rq's current task? */
static void check_preempt_curr(struct rq *rq, struct task_struct *p)
{
	struct task_struct *curr = rq->curr;
	int pr = class_rank(p->sched_class), cr = class_rank(curr->sched_class);

	if (curr == rq->idle || pr > cr)
		resched_curr(rq);
	else if (pr == cr)
		p->sched_class->check_preempt_curr(rq, p);
}

/* ---- choosing a CPU ---- */

/* Idle: running its idle task, nothing queued, and no wake-up on its way in. */
int idle_cpu(int cpu)
{
	struct rq *rq = cpu_rq(cpu);

	return READ_ONCE(rq->curr) == rq->idle && READ_ONCE(rq->nr_running) == 0 &&
	       !READ_ONCE(rq->wake_list);
}

/*
 * Where to run a waking (or new) task: its previous CPU if idle, else the
 * waker's CPU if idle, else any idle allowed CPU, else the previous CPU
 * (if still allowed and active), else the allowed CPU with the fewest
 * runnable tasks.  Context: p->pi_lock held.
 */
static int select_task_rq(struct task_struct *p, int prev)
{
	int this_cpu = smp_processor_id(), cpu, best = -1;
	unsigned int best_load = UINT_MAX;

	if (cpumask_test_cpu(prev, p->cpus_ptr) && cpu_active(prev) && idle_cpu(prev))
		return prev;
	if (cpumask_test_cpu(this_cpu, p->cpus_ptr) && cpu_active(this_cpu) && idle_cpu(this_cpu))
		return this_cpu;
	for_each_cpu_and(cpu, p->cpus_ptr, cpu_active_mask) {
		unsigned int load = READ_ONCE(cpu_rq(cpu)->nr_running);

		if (idle_cpu(cpu))
			return cpu;
		if (load < best_load) {
			best_load = load;
			best = cpu;
		}
	}
	if (cpumask_test_cpu(prev, p->cpus_ptr) && cpu_active(prev) &&
	    READ_ONCE(cpu_rq(prev)->nr_running) <= best_load)
		return prev;
	if (best >= 0)
		return best;
	/*
	 * No active allowed CPU: a per-CPU kthread may still run on its
	 * online-but-going-down CPU (hotplug parks it there); any other task
	 * gets every CPU, as Linux's select_fallback_rq() does.
	 */
	if (kthread_is_per_cpu(p)) {
		cpu = cpumask_any_and(p->cpus_ptr, cpu_online_mask);
		if (cpu < NR_CPUS)
			return cpu;
	}
	do_set_cpus_allowed(p, cpu_possible_mask);
	printk(KERN_INFO "process %d (%s) no longer affine to cpu%d\n", p->pid, p->comm, prev);
	cpu = cpumask_any(cpu_active_mask);
	return cpu < NR_CPUS ? cpu : this_cpu;
}

static bool cpu_active_mask_any(void)
{
	return !cpumask_empty(cpu_active_mask);
}

/*
 * Lock the run queue of cpu (if >= 0: chosen by select_task_rq() just
 * now) or of the CPU select_task_rq() chooses, and make it p's.  A run
 * queue going offline
 * (take_cpu_down() clears rq->online under its lock before emptying it)
 * accepts only that CPU's per-CPU kthreads, so a wake-up that chose the
 * CPU just before it went inactive chooses again instead of stranding p
 * there.  Context: p->pi_lock held, p not queued.  Returns with the rq
 * locked and its clock updated.
 */
static struct rq *lock_target_rq(struct task_struct *p, int cpu)
{
	for (;;) {
		struct rq *rq;

		if (cpu < 0)
			cpu = select_task_rq(p, task_cpu(p));
		rq = cpu_rq(cpu);
		set_task_cpu(p, cpu);
		raw_spin_lock(&rq->lock);
		if (likely(rq->online) || kthread_is_per_cpu(p) || !cpu_active_mask_any()) {
			update_rq_clock(rq);
			return rq;
		}
		raw_spin_unlock(&rq->lock);
		cpu = -1;
	}
}

/* ---- waking ---- */

/*
 * p is still queued: just make it runnable again.  Return: handled.
 * The balancers move queued tasks under the two run-queue locks only (not
 * p->pi_lock), so p may change run queues under us: lock until the run
 * queue is p's, then on_rq is stable.  (Returning false for a p that had
 * merely moved made try_to_wake_up() enqueue a still-queued task twice.)
 */
static bool ttwu_runnable(struct task_struct *p)
{
	struct rq *rq;
	bool ret = false;

	for (;;) {
		rq = task_rq(p);
		raw_spin_lock(&rq->lock);
		if (likely(rq == task_rq(p)))
			break;
		raw_spin_unlock(&rq->lock);
	}
	if (READ_ONCE(p->on_rq)) {
		update_rq_clock(rq);
		if (!task_current(rq, p))
			check_preempt_curr(rq, p);
		WRITE_ONCE(p->__state, TASK_RUNNING);
		ret = true;
	}
	raw_spin_unlock(&rq->lock);
	return ret;
}

/*
 * try_to_wake_up - wake p if its state is in the state mask.
 * Context: any, including hard IRQ.  Return: 1 if p was woken, 0 if its
 * state did not match (already running, parked for TASK_NORMAL, dead).
 */
/*
 * Queue p, which the caller has marked TASK_WAKING under p->pi_lock, on
 * the wake list of the CPU it should run on, if that is another CPU.  A
 * task still switching out stays on its CPU.  Return: queued (the target
 * finishes the wake-up); false: the caller wakes p itself, on *target if
 * that was chosen (>= 0).
 */
static bool ttwu_queue_wakelist(struct task_struct *p, int *target)
{
	int this_cpu = smp_processor_id(), cpu;
	struct task_struct *head;
	struct rq *rq;

	if (READ_ONCE(p->on_cpu)) {
		cpu = task_cpu(p);
		if (!cpumask_test_cpu(cpu, p->cpus_ptr))
			return false;
	} else {
		*target = cpu = select_task_rq(p, task_cpu(p));
	}
	rq = cpu_rq(cpu);
	if (cpu == this_cpu || (!READ_ONCE(rq->online) && !kthread_is_per_cpu(p)))
		return false;
	set_task_cpu(p, cpu);
	head = READ_ONCE(rq->wake_list);
	do {
		p->wake_entry = head;
	} while (!try_cmpxchg(&rq->wake_list, &head, p));
	if (!head)
		smp_send_reschedule(cpu);
	return true;
}

/*
 * Finish a wake-up: p (TASK_WAKING, not queued, off every CPU) goes on
 * rq and may preempt its current task.  Context: rq->lock held.
 */
static __always_inline void ttwu_activate(struct rq *rq, struct task_struct *p)
{
	activate_task(rq, p, ENQUEUE_WAKEUP);
	WRITE_ONCE(p->__state, TASK_RUNNING);
	trace_event(TRACE_SCHED_WAKEUP, p, rq->cpu);
	check_preempt_curr(rq, p);
}

/*
 * sched_ttwu_pending - activate the tasks remote CPUs queued on this
 * CPU's wake list.  A task that may no longer run here (this CPU is going
 * down, or its affinity changed meanwhile) is woken as usual instead,
 * which picks another CPU.  Context: the reschedule IPI, interrupts off.
 */
void sched_ttwu_pending(void)
{
	struct rq *rq = this_rq();
	struct task_struct *list, *p, *fifo = NULL, *redo = NULL;

	if (!READ_ONCE(rq->wake_list))
		return;
	list = xchg(&rq->wake_list, NULL);
	while (list) {			/* the list is LIFO: wake in queueing order */
		p = list;
		list = p->wake_entry;
		p->wake_entry = fifo;
		fifo = p;
	}
	raw_spin_lock(&rq->lock);
	update_rq_clock(rq);
	while ((p = fifo)) {
		fifo = p->wake_entry;
		/* it switched out here (or elsewhere before being queued): on_cpu is 0 */
		smp_cond_load_acquire(&p->on_cpu, !VAL);
		if (unlikely((!rq->online && !kthread_is_per_cpu(p)) ||
			     !cpumask_test_cpu(rq->cpu, p->cpus_ptr))) {
			p->wake_entry = redo;
			redo = p;
			continue;
		}
		rq->nr_remote_wakeups++;
		ttwu_activate(rq, p);
	}
	raw_spin_unlock(&rq->lock);
	while ((p = redo)) {
		redo = p->wake_entry;
		raw_spin_lock(&p->pi_lock);
		rq = lock_target_rq(p, -1);
		ttwu_activate(rq, p);
		raw_spin_unlock(&rq->lock);
		raw_spin_unlock(&p->pi_lock);
	}
}

int try_to_wake_up(struct task_struct *p, unsigned int state, int wake_flags)
{
	unsigned long flags;
	struct rq *rq;
	int success = 0, cpu = -1;

	if (p == current) {
		/* waking ourselves between set_current_state() and schedule() */
		if (READ_ONCE(p->__state) & state) {
			WRITE_ONCE(p->__state, TASK_RUNNING);
			return 1;
		}
		return 0;
	}
	raw_spin_lock_irqsave(&p->pi_lock, flags);
	smp_mb();	/* pairs with set_current_state(): state after condition */
	if (!(READ_ONCE(p->__state) & state))
		goto out;
	success = 1;
	if (READ_ONCE(p->on_rq) && ttwu_runnable(p))
		goto out;
	/*
	 * p is off the run queue.  Another CPU's: hand it to that CPU's wake
	 * list.  Otherwise wait until p's CPU has switched away from it.
	 */
	WRITE_ONCE(p->__state, TASK_WAKING);
	if (ttwu_queue_wakelist(p, &cpu))
		goto out;
	smp_cond_load_acquire(&p->on_cpu, !VAL);

	rq = lock_target_rq(p, cpu);
	ttwu_activate(rq, p);
	raw_spin_unlock(&rq->lock);
out:
	raw_spin_unlock_irqrestore(&p->pi_lock, flags);
	return success;
}

int wake_up_process(struct task_struct *p)
{
	return try_to_wake_up(p, TASK_NORMAL, 0);
}

int wake_up_state(struct task_struct *p, unsigned int state)
{
	return try_to_wake_up(p, state, 0);
}

/* First wake-up of a task from create_task(). */
void wake_up_new_task(struct task_struct *p)
{
	unsigned long flags;
	struct rq *rq;


	raw_spin_lock_irqsave(&p->pi_lock, flags);
	if (WARN_ON(READ_ONCE(p->__state) != TASK_NEW)) {
		raw_spin_unlock_irqrestore(&p->pi_lock, flags);
		return;
	}
	rq = lock_target_rq(p, -1);
	activate_task(rq, p, ENQUEUE_NEW);
	WRITE_ONCE(p->__state, TASK_RUNNING);
	check_preempt_curr(rq, p);
	raw_spin_unlock(&rq->lock);
	raw_spin_unlock_irqrestore(&p->pi_lock, flags);
}

/* ---- switching ---- */

static struct task_struct *pick_next_task(struct rq *rq);

/*
 * The tail of every switch, run by the task switched to.  Releases the
 * run-queue lock taken by the task switched from, enables interrupts,
 * and drops the reference of a task that just died.
 */
static void finish_task_switch(struct task_struct *prev)
{
	struct rq *rq = this_rq();
	unsigned int prev_state = READ_ONCE(prev->__state);

	/* after this store prev may run elsewhere: read nothing of it below */
	smp_store_release(&prev->on_cpu, 0);
	raw_spin_unlock_irq(&rq->lock);
	if (unlikely(prev_state == TASK_DEAD) && !WARN_ON_ONCE(READ_ONCE(prev->on_rq)))
		put_task_struct(prev);
}

/* Where a new task starts (from ret_from_fork in switch.asm). */
void schedule_tail(struct task_struct *prev)
{
	finish_task_switch(prev);
	preempt_enable();
}

static void context_switch(struct rq *rq, struct task_struct *prev, struct task_struct *next)
{
	this_cpu_write(pcpu_hot.current_task, next);
	this_cpu_write(pcpu_hot.top_of_stack, (unsigned long)next->stack + THREAD_SIZE);
	prev = arch_switch_to(prev, next);
	finish_task_switch(prev);
}

static void __schedule(bool preempt)
{
	struct rq *rq = this_rq();
	struct task_struct *prev = rq->curr, *next;
	unsigned long *switch_count;
	unsigned int prev_state;

	local_irq_disable();
	raw_spin_lock(&rq->lock);
	smp_mb();	/* pairs with try_to_wake_up(): read the state after the lock */
	update_rq_clock(rq);
	rcu_note_context_switch(preempt);

	switch_count = &prev->nivcsw;
	prev_state = READ_ONCE(prev->__state);
	if (!preempt && prev_state != TASK_RUNNING && !is_idle_task(prev)) {
		if (signal_pending_state(prev_state, prev)) {
			/* an interruptible sleep with a signal pending ends at once */
			WRITE_ONCE(prev->__state, TASK_RUNNING);
		} else {
			deactivate_task(rq, prev, DEQUEUE_SLEEP);
			switch_count = &prev->nvcsw;
		}
	}
	prev->sched_class->put_prev_task(rq, prev);
	next = pick_next_task(rq);
	clear_need_resched();
	watchdog_touch();

	if (likely(prev != next)) {
		if (unlikely(prev == rq->idle))
			tick_nohz_idle_exit();	/* leaving idle, possibly from an IRQ */
		rq->nr_switches++;
		(*switch_count)++;
		next->sched_class->set_next_task(rq, next);
		WRITE_ONCE(rq->curr, next);
		WRITE_ONCE(next->on_cpu, 1);
		trace_event(TRACE_SCHED_SWITCH, next, prev->pid);
		next->last_switch_time = rq->clock;
		context_switch(rq, prev, next);
	} else {
		raw_spin_unlock_irq(&rq->lock);
	}
}

static void schedule_debug(struct task_struct *prev)
{
	if (unlikely(preempt_count() != 0 && sched_running)) {
		printk(KERN_ERR "scheduling while atomic: %s/%d/0x%08x\n", prev->comm, prev->pid,
		       preempt_count());
		WARN(1, "scheduling while atomic");
		this_cpu_write(pcpu_hot.preempt_count, 0);
	}
	if (unlikely(prev->magic != TASK_MAGIC))
		panic("schedule: task %px has a corrupted magic %#x", prev, prev->magic);
}

void schedule(void)
{
	struct task_struct *tsk = current;

	schedule_debug(tsk);
	if (tsk->__state && (tsk->flags & PF_WQ_WORKER)) {
		preempt_disable();
		wq_worker_sleeping(tsk);
		preempt_enable_no_resched();
	}
	do {
		preempt_disable();
		__schedule(false);
		preempt_enable_no_resched();
	} while (need_resched());
	if (tsk->flags & PF_WQ_WORKER)
		wq_worker_running(tsk);
}

/* The last schedule() of an exiting task. */
void do_task_dead(void)
{
	unsigned long flags;

	/*
	 * Preemption off first: a preemption after TASK_DEAD is set would
	 * switch away from a task that is still queued, and the next task
	 * would free it (finish_task_switch drops a dead task's reference).
	 * The state is set under pi_lock so no racing wake-up overwrites it.
	 */
	preempt_disable();
	raw_spin_lock_irqsave(&current->pi_lock, flags);
	WRITE_ONCE(current->__state, TASK_DEAD);
	raw_spin_unlock_irqrestore(&current->pi_lock, flags);
	__schedule(false);
	BUG();
	for (;;)
		;
}

/*
 * The idle task's schedule().  Every switch happens with preempt_count 1
 * (the task switched to drops it), so idle raises it too.
 */
void schedule_idle(void)
{
	do {
		preempt_count_add(1);
		__schedule(false);
		preempt_count_sub(1);
	} while (need_resched());
}

void schedule_preempt_disabled(void)
{
	preempt_enable_no_resched();
	schedule();
	preempt_disable();
}

/* preempt_enable() found need_resched set with the count back at zero. */
void preempt_schedule(void)
{
	if (likely(preempt_count() || irqs_disabled() || !sched_running))
		return;
	do {
		preempt_count_add(1);
		__schedule(true);
		preempt_count_sub(1);
	} while (need_resched());
}

/*
 * Interrupt exit: preempt the interrupted task if it was preemptible
 * (count zero, interrupts were on).  Called with interrupts off, after
 * EOI, on the interrupted task's stack; returns with interrupts off.
 */
void irq_exit_check_resched(struct pt_regs *regs)
{
	if (!need_resched() || preempt_count() || !(regs->rflags & X86_EFLAGS_IF) ||
	    !sched_running)
		return;
	do {
		preempt_count_add(1);
		__schedule(true);
		preempt_count_sub(1);
		local_irq_disable();
	} while (need_resched());
}

int _cond_resched(void)
{
	if (need_resched() && !preempt_count() && !irqs_disabled()) {
		preempt_schedule();
		return 1;
	}
	return 0;
}

/* Give the CPU to anyone runnable here, without changing our state. */
static void yield_to_others(void)
{
	if (this_rq()->nr_running > 1)
		yield();
	else
		cpu_relax();
}

void yield(void)
{
	struct rq *rq;

	local_irq_disable();
	rq = this_rq();
	raw_spin_lock(&rq->lock);
	update_rq_clock(rq);
	current->sched_class->yield_task(rq);
	raw_spin_unlock(&rq->lock);
	local_irq_enable();
	schedule();
}

/* ---- picking, with pull-on-idle balancing ---- */

static struct rq *find_busiest(int this_cpu, unsigned int min_running)
{
	struct rq *busiest = NULL;
	unsigned int max = min_running;
	int cpu;

	for_each_cpu(cpu, cpu_active_mask) {
		struct rq *rq = cpu_rq(cpu);
		unsigned int n = READ_ONCE(rq->cfs.nr_running);

		if (cpu == this_cpu)
			continue;
		if (n > max) {
			max = n;
			busiest = rq;
		}
	}
	return busiest;
}

/* Pull one queued fair task from src to dst.  Both locked. */
static bool pull_one_task(struct rq *dst, struct rq *src)
{
	struct sched_entity *se;

	list_for_each_entry_reverse(se, &src->cfs.tasks, run_node) {
		struct task_struct *p = container_of(se, struct task_struct, se);

		if (can_migrate_task(p, src, dst->cpu)) {
			move_queued_task_locked(src, dst, p);
			return true;
		}
	}
	return false;
}

/*
 * This CPU is about to idle: pull a waiting task from the busiest CPU.
 * Drops and retakes rq->lock (the caller re-picks).  Context: rq->lock.
 */
static bool newidle_balance(struct rq *rq)
{
	struct rq *busiest;
	bool pulled = false;

	if (!rq->online || !cpu_active(rq->cpu))
		return false;
	busiest = find_busiest(rq->cpu, 1);
	if (!busiest)
		return false;
	raw_spin_unlock(&rq->lock);
	double_rq_lock(rq, busiest);
	if (busiest->cfs.nr_running > 1 || (busiest->cfs.nr_running == 1 &&
					    busiest->curr->sched_class != &fair_sched_class))
		pulled = pull_one_task(rq, busiest);
	raw_spin_unlock(&busiest->lock);
	/* rq->lock stays held for the caller */
	return pulled || rq->nr_running;
}

static struct task_struct *pick_next_task(struct rq *rq)
{
	struct task_struct *p;

	for (;;) {
		p = rt_sched_class.pick_next_task(rq);
		if (p)
			return p;
		p = fair_sched_class.pick_next_task(rq);
		if (p)
			return p;
		if (!newidle_balance(rq))
			return rq->idle;
	}
}

/*
 * A busy CPU (more than one runnable task) wakes one idle CPU whose tick
 * is stopped, so that it pulls work on its way back to idle.
 */
static void nohz_kick_idle(int this_cpu)
{
	int cpu;

	for_each_cpu(cpu, cpu_active_mask) {
		if (cpu != this_cpu && idle_cpu(cpu) && tick_nohz_tick_stopped_cpu(cpu)) {
			WRITE_ONCE(per_cpu(pcpu_hot, cpu).need_resched, 1);
			smp_send_reschedule(cpu);
			return;
		}
	}
}

/* Periodic balance from the tick: even out fair queues by one task. */
static void periodic_balance(struct rq *rq)
{
	struct rq *busiest;

	if (time_before(jiffies, rq->next_balance))
		return;
	rq->next_balance = jiffies + 4;
	if (rq->cfs.nr_running > 1)
		nohz_kick_idle(rq->cpu);
	busiest = find_busiest(rq->cpu, rq->cfs.nr_running + 1);
	if (!busiest)
		return;
	raw_spin_unlock(&rq->lock);
	double_rq_lock(rq, busiest);
	if (busiest->cfs.nr_running > rq->cfs.nr_running + 1)
		pull_one_task(rq, busiest);
	raw_spin_unlock(&busiest->lock);
}

/* ---- the tick ---- */

void scheduler_tick(void)
{
	struct rq *rq = this_rq();
	struct task_struct *curr;

	if (!sched_running)
		return;
	sched_ttwu_pending();	/* in case a reschedule IPI went missing */
	raw_spin_lock(&rq->lock);
	update_rq_clock(rq);
	curr = rq->curr;
	if (curr != rq->idle)
		curr->sched_class->task_tick(rq, curr);
	if (rq->online && cpu_active(rq->cpu))
		periodic_balance(rq);
	raw_spin_unlock(&rq->lock);
	rcu_sched_clock_irq(0);
}

/* ---- priorities ---- */

void set_load_weight(struct task_struct *p)
{
	int idx = p->static_prio - MAX_RT_PRIO;

	p->se.weight = sched_prio_to_weight[idx];
	p->se.inv_weight = sched_prio_to_wmult[idx];
}

/* Change p's class/priority with p dequeued around it. */
static void change_sched(struct task_struct *p, int policy, int rt_prio, int static_prio)
{
	unsigned long flags;
	struct rq *rq = task_rq_lock(p, &flags);
	bool queued = p->on_rq, running = task_current(rq, p);

	if (queued)
		deactivate_task(rq, p, 0);
	if (running)
		p->sched_class->put_prev_task(rq, p);
	p->policy = policy;
	p->rt_priority = rt_prio;
	p->static_prio = static_prio;
	set_load_weight(p);
	p->sched_class = class_for(policy);
	p->prio = p->sched_class == &rt_sched_class ? MAX_RT_PRIO - 1 - rt_prio : static_prio;
	if (queued)
		activate_task(rq, p, 0);
	if (running)
		p->sched_class->set_next_task(rq, p);
	if (queued && !running)
		check_preempt_curr(rq, p);
	else if (running)
		resched_curr(rq);
	task_rq_unlock(rq, p, flags);
}

/* Out-of-range values are ignored, as Linux does. */
void set_user_nice(struct task_struct *p, long nice)
{
	if (nice < MIN_NICE || nice > MAX_NICE)
		return;
	change_sched(p, p->policy == SCHED_FIFO ? SCHED_FIFO : SCHED_NORMAL, p->rt_priority,
		     NICE_TO_PRIO(nice));
}

static int __sched_setscheduler(struct task_struct *p, int policy, int rt_priority)
{
	policy &= ~SCHED_RESET_ON_FORK;
	if (policy == SCHED_FIFO || policy == SCHED_RR) {
		if (rt_priority < 1 || rt_priority > MAX_RT_PRIO - 1)
			return -EINVAL;
	} else if (policy == SCHED_NORMAL || policy == SCHED_BATCH || policy == SCHED_IDLE) {
		if (rt_priority)
			return -EINVAL;
	} else {
		return -EINVAL;
	}
	change_sched(p, policy, rt_priority, p->static_prio);
	return 0;
}

/*
 * sched_setscheduler(_nocheck) - set p's policy and real-time priority
 * (param->sched_priority: 1..99 for SCHED_FIFO/RR, 0 for the others).
 * There are no users or capabilities here, so both forms are the same.
 * Return: 0, or -EINVAL for a bad policy or priority (nothing changed).
 */
int sched_setscheduler_nocheck(struct task_struct *p, int policy, const struct sched_param *param)
{
	if (!p || !param)
		return -EINVAL;
	return __sched_setscheduler(p, policy, param->sched_priority);
}

int sched_setscheduler(struct task_struct *p, int policy, const struct sched_param *param)
{
	return sched_setscheduler_nocheck(p, policy, param);
}

void sched_set_fifo(struct task_struct *p)
{
	__sched_setscheduler(p, SCHED_FIFO, MAX_RT_PRIO / 2);
}

void sched_set_fifo_low(struct task_struct *p)
{
	__sched_setscheduler(p, SCHED_FIFO, 1);
}

void sched_set_normal(struct task_struct *p, int nice)
{
	change_sched(p, SCHED_NORMAL, 0, NICE_TO_PRIO(nice));
}

/* ---- affinity ---- */

void do_set_cpus_allowed(struct task_struct *p, const struct cpumask *new_mask)
{
	cpumask_copy(&p->cpus_mask, new_mask);
	p->nr_cpus_allowed = cpumask_weight(new_mask);
}

struct migration_arg {
	struct task_struct *task;
};

/* Runs as the stopper on the CPU p was running on: p is not running now. */
static int migration_cpu_stop(void *data)
{
	struct migration_arg *arg = data;
	struct task_struct *p = arg->task;
	struct rq *rq = this_rq(), *dst;
	unsigned long flags;
	int dest;

	raw_spin_lock_irqsave(&p->pi_lock, flags);
	if (task_rq(p) != rq || cpumask_test_cpu(rq->cpu, p->cpus_ptr))
		goto out;	/* it moved, or this CPU is allowed again */
	if (!READ_ONCE(p->on_rq))
		goto out;	/* asleep: its wake-up will choose an allowed CPU */
	dest = cpumask_any_and(p->cpus_ptr, cpu_active_mask);
	if (dest >= NR_CPUS)
		goto out;
	dst = cpu_rq(dest);
	double_rq_lock(rq, dst);
	if (task_rq(p) == rq && p->on_rq && !task_on_cpu(p))
		move_queued_task_locked(rq, dst, p);
	double_rq_unlock(rq, dst);
out:
	raw_spin_unlock_irqrestore(&p->pi_lock, flags);
	return 0;
}

/*
 * set_cpus_allowed_ptr - restrict p to new_mask and move it if needed.
 * A queued task is moved directly; a running one by the stopper of its
 * CPU (which preempts it, so it is queued when moved); a sleeping one on
 * its next wake-up.  When this returns 0, p runs only on new_mask.
 * Context: may sleep.  Return: 0, or -EINVAL if new_mask has no active CPU
 * (nothing is changed then).
 */
int set_cpus_allowed_ptr(struct task_struct *p, const struct cpumask *new_mask)
{
	struct migration_arg arg = { p };
	unsigned long flags;
	struct rq *rq;
	int cpu, dest;

	if (!cpumask_intersects(new_mask, cpu_active_mask))
		return -EINVAL;
again:
	rq = task_rq_lock(p, &flags);
	if (!cpumask_intersects(new_mask, cpu_active_mask)) {
		task_rq_unlock(rq, p, flags);
		return -EINVAL;
	}
	do_set_cpus_allowed(p, new_mask);
	cpu = task_cpu(p);
	if (cpumask_test_cpu(cpu, new_mask) && cpu_active(cpu)) {
		task_rq_unlock(rq, p, flags);
		return 0;
	}
	dest = cpumask_any_and(new_mask, cpu_active_mask);
	if (task_on_cpu(p) || READ_ONCE(p->__state) == TASK_WAKING) {
		task_rq_unlock(rq, p, flags);
		if (p == current && !preemptible()) {
			WARN(1, "set_cpus_allowed_ptr on current in atomic context");
			return 0;
		}
		stop_one_cpu(cpu, migration_cpu_stop, &arg);
		return 0;
	}
	if (p->on_rq) {
		struct rq *dst = cpu_rq(dest);
		bool moved = false;

		raw_spin_unlock(&rq->lock);
		double_rq_lock(rq, dst);
		if (task_rq(p) == rq && p->on_rq && !task_on_cpu(p)) {
			move_queued_task_locked(rq, dst, p);
			moved = true;
		}
		double_rq_unlock(rq, dst);
		raw_spin_unlock_irqrestore(&p->pi_lock, flags);
		if (!moved)
			goto again;	/* it started running meanwhile: take the stopper path */
		return 0;
	}
	set_task_cpu(p, dest);	/* asleep: pi_lock held, not queued */
	task_rq_unlock(rq, p, flags);
	return 0;
}

/*
 * wait_task_inactive - wait until p has switched out while its state still
 * matches match_state (any state if 0).  A task that set its state but
 * was preempted before schedule() is still queued: wait for it too.
 * Context: may sleep.  Return: nonzero once p is off-CPU and dequeued in
 * the state; 0 if its state stopped matching.
 */
unsigned long wait_task_inactive(struct task_struct *p, unsigned int match_state)
{
	for (;;) {
		unsigned long flags;
		struct rq *rq;
		bool running, queued;
		unsigned int state;

		if (match_state && !(READ_ONCE(p->__state) & match_state))
			return 0;
		rq = task_rq_lock(p, &flags);
		running = task_on_cpu(p);
		queued = p->on_rq;
		state = READ_ONCE(p->__state);
		task_rq_unlock(rq, p, flags);
		if (match_state && !(state & match_state))
			return 0;
		/* TASK_WAKING: on a wake list, about to be queued (match_state 0) */
		if (!running && !queued && state != TASK_WAKING)
			return p->nvcsw | (1UL << 63);
		/* on its CPU, or preempted before it could sleep: let it get there */
		if (preemptible() && queued && !running)
			schedule_timeout_uninterruptible(1);
		else if (preemptible())
			yield_to_others();
		else
			cpu_relax();
	}
}

/* ---- idle ---- */

/* Make the CPU's idle task current (each CPU on itself, at start-up). */
void sched_init_idle(int cpu, void *stack)
{
	struct task_struct *t = idle_task(cpu);
	struct rq *rq = cpu_rq(cpu);

	if (cpu) {
		t->magic = TASK_MAGIC;
		t->flags = PF_KTHREAD | PF_IDLE;
		t->static_prio = t->prio = MAX_PRIO - 1;
		atomic_set(&t->usage, 1);
		t->real_parent = t->parent = &init_task;
		INIT_LIST_HEAD(&t->children);
		INIT_LIST_HEAD(&t->sibling);
		INIT_LIST_HEAD(&t->tasks);
		snprintf(t->comm, sizeof(t->comm), "swapper/%d", cpu);
	}
	raw_spin_lock_init(&t->pi_lock);
	kthread_init_idle(t, cpu);
	t->sched_class = &idle_sched_class;
	t->cpus_ptr = &t->cpus_mask;
	cpumask_copy(&t->cpus_mask, cpumask_of(cpu));
	t->nr_cpus_allowed = 1;
	t->cpu = cpu;
	t->stack = stack;
	t->on_cpu = 1;
	t->__state = TASK_RUNNING;
	rq->idle = t;
	rq->curr = t;
	this_cpu_write(pcpu_hot.current_task, t);
	this_cpu_write(pcpu_hot.top_of_stack, (unsigned long)stack + THREAD_SIZE);
}

/*
 * The idle loop of every CPU: halt with interrupts enabled until there is
 * work.  The check and the halt are atomic with respect to interrupts
 * ("sti; hlt"), so a reschedule IPI is never missed.
 */
void cpu_startup_entry(void)
{
	for (;;) {
		while (!need_resched()) {
			if (cpu_is_offline(smp_processor_id()))
				cpu_play_dead();
			local_irq_disable();
			sched_ttwu_pending();	/* never halt with wake-ups queued here */
			if (need_resched()) {
				local_irq_enable();
				break;
			}
			tick_nohz_idle_enter();
			ct_idle_enter();	/* RCU: a halted CPU is quiescent */
			arch_cpu_idle();
			local_irq_disable();
			ct_idle_exit();
			tick_nohz_idle_exit();
			watchdog_touch();	/* an idle CPU is not locked up */
			local_irq_enable();
		}
		schedule_idle();
	}
}

static void noop_idle(struct rq *rq, struct task_struct *p) { }
static void noop_idle_flags(struct rq *rq, struct task_struct *p, int flags) { }
static void noop_idle_rq(struct rq *rq) { }
static struct task_struct *pick_idle(struct rq *rq) { return rq->idle; }
static void noop_idle_migrate(struct task_struct *p, struct rq *from, struct rq *to) { }
static void check_preempt_idle(struct rq *rq, struct task_struct *p) { resched_curr(rq); }

const struct sched_class idle_sched_class = {
	.enqueue_task = noop_idle_flags,
	.dequeue_task = noop_idle_flags,
	.yield_task = noop_idle_rq,
	.check_preempt_curr = check_preempt_idle,
	.pick_next_task = pick_idle,
	.put_prev_task = noop_idle,
	.set_next_task = noop_idle,
	.task_tick = noop_idle,
	.migrate_task = noop_idle_migrate,
};

/* ---- misc API ---- */

void __might_sleep(const char *file, int line)
{
	if (!sched_running || READ_ONCE(oops_in_progress))
		return;
	if (preempt_count() || irqs_disabled()) {
		struct task_struct *t = current;
		__warn(file, line, "sleeping function called from invalid context: in_atomic(): %d, "
		       "irqs_disabled(): %d, pid: %d, name: %s", preempt_count() != 0,
		       irqs_disabled(), t->pid, t->comm);
	}
}

unsigned long nr_running(void)
{
	unsigned long n = 0;
	int cpu;

	for_each_online_cpu(cpu)
		n += READ_ONCE(cpu_rq(cpu)->nr_running);
	return n;
}

unsigned long cpu_nr_switches(int cpu)
{
	return READ_ONCE(cpu_rq(cpu)->nr_switches);
}

unsigned long long nr_context_switches(void)
{
	unsigned long long n = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		n += cpu_nr_switches(cpu);
	return n;
}

__weak void wq_worker_sleeping(struct task_struct *task) { }
__weak void wq_worker_running(struct task_struct *task) { }

/* ---- boot ---- */

void sched_init(void)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		struct rq *rq = cpu_rq(cpu);

		raw_spin_lock_init(&rq->lock);
		init_cfs_rq(&rq->cfs);
		init_rt_rq(&rq->rt);
		rq->cpu = cpu;
		rq->nr_running = 0;
		rq->next_balance = cpu;
	}
	cpu_rq(0)->online = true;
}

/* Called on each CPU as it comes online, before it schedules. */
int sched_cpu_activate(unsigned int cpu)
{
	struct rq *rq = cpu_rq(cpu);
	unsigned long flags;

	raw_spin_lock_irqsave(&rq->lock, flags);
	rq->online = true;
	raw_spin_unlock_irqrestore(&rq->lock, flags);
	set_cpu_active(cpu, true);
	return 0;
}

/* Preemption and the tick may switch tasks from now on. */
void sched_init_smp(void)
{
	WRITE_ONCE(sched_running, true);
}
