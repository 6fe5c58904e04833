/*
 * Read-copy update: grace periods and callbacks.
 *
 * Readers disable preemption (linux/rcupdate.h), so a CPU that passes
 * through any point outside a read section has finished every read
 * section it had begun.  Such points are quiescent states (QS), counted
 * per CPU in rcu_data.qs_ctr:
 *   - every pass through __schedule() (rcu_note_context_switch);
 *   - an interrupt (the tick, or the kick below) that finds preemption,
 *     softirqs and nested interrupts off in the code it interrupted
 *     (rcu_sched_clock_irq);
 *   - an extended QS: a CPU halted in its idle loop (or dead) has in_eqs
 *     set, so it counts as quiescent without being woken (tickless idle
 *     CPUs stay asleep); an interrupt out of the halt clears it.
 *
 * A grace period (GP) is run by the kthread rcu_gp:
 *
 *   idle (gp_seq even) --a callback asks for a later GP--> gp_seq odd:
 *   snapshot every online CPU's qs_ctr (a CPU in_eqs is done at once) ->
 *   wait until each one's counter moved, it is in_eqs, or it went
 *   offline (holdouts are kicked with a reschedule IPI after a jiffy, at
 *   once for an expedited GP) -> gp_seq even again -> invoke the
 *   callbacks whose GP has completed
 *
 * gp_seq counts GP starts and ends (Linux's rcu_seq): a callback queued
 * when gp_seq = s needs the GP ending at (s + 3) & ~1, the first GP that
 * starts after it was queued.  Full barriers order the updater's
 * unpublish before call_rcu()'s read of gp_seq, and the GP start before
 * the snapshot, so every reader that could still see the old data is
 * waited for.
 *
 * Callbacks wait on the queueing CPU's list, in up to RCU_NSEGS segments
 * of increasing target GP (oldest first: callbacks run in queue order
 * per CPU, which rcu_barrier() relies on).  They are invoked by rcu_gp in
 * process context with bottom halves disabled, as softirq-context
 * callbacks would run in Linux: they must not sleep.
 *
 * Locking: rcu_data.lock (raw, irqsave) protects that CPU's segments and
 * counts.  qs_ctr and in_eqs are written only by their CPU (interrupts
 * off) and read by rcu_gp with READ_ONCE.  gp_seq is written only by
 * rcu_gp.  gp_requested is raised with cmpxchg by anyone.  Nothing is
 * taken under rcu_data.lock.  rcu_barrier_mutex serialises barriers.
 */
#include <linux/kernel.h>
#include <linux/rcupdate.h>
#include <linux/context_tracking.h>
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/wait.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/cpumask.h>
#include <linux/percpu.h>
#include <linux/jiffies.h>
#include <linux/irqflags.h>
#include <linux/interrupt.h>
#include <linux/delay.h>
#include "../sched/sched.h"
#include "rcu.h"

#define RCU_NSEGS		3
#define RCU_STALL_JIFFIES	(21 * HZ)	/* Linux's default stall timeout */
#define RCU_KICK_JIFFIES	1		/* holdouts get a reschedule IPI after this */

struct rcu_seg {
	struct rcu_head *head, **tail;
	unsigned long target;		/* the gp_seq at which these may run */
};

struct rcu_data {
	unsigned long qs_ctr;		/* this CPU only: bumped at each QS */
	int in_eqs;			/* this CPU only: halted in idle or dead */
	bool wake_gp;			/* lock: rcu_gp must be woken from here */
	raw_spinlock_t lock;
	struct rcu_seg segs[RCU_NSEGS];	/* lock: oldest first, nsegs used */
	int nsegs;			/* lock */
	long ncbs;			/* lock: callbacks queued here */
	struct rcu_head barrier_head;	/* rcu_barrier_mutex */
};

/* The template every CPU's copy starts from (linux/percpu.h). */
static DEFINE_PER_CPU(struct rcu_data, rcu_data) = {
	.lock = __RAW_SPIN_LOCK_UNLOCKED(rcu_data.lock),
};

struct rcu_state rcu_state = {
	.gp_wq = __WAIT_QUEUE_HEAD_INITIALIZER(rcu_state.gp_wq),
};

static unsigned long rcu_snap[NR_CPUS];		/* rcu_gp only */
static DEFINE_MUTEX(rcu_barrier_mutex);
static atomic_t rcu_barrier_left;
static struct completion rcu_barrier_done;

#define ULONG_CMP_GE(a, b)	(ULONG_MAX / 2 >= (a) - (b))
#define ULONG_CMP_LT(a, b)	(ULONG_MAX / 2 < (a) - (b))

static unsigned long rcu_seq_snap(unsigned long s)
{
	return (s + 3) & ~1UL;
}

/* ---- quiescent states ---- */

static inline void rcu_qs(void)
{
	this_cpu_inc(rcu_data.qs_ctr);
}

/* From __schedule(), rq->lock held, interrupts off. */
void rcu_note_context_switch(bool preempt)
{
	rcu_qs();
	(void)preempt;
}

static void rcu_wake_gp(void)
{
	if (READ_ONCE(rcu_state.gp_task))
		wake_up(&rcu_state.gp_wq);
}

/* A deferred wake-up of rcu_gp asked for on this CPU (interrupts off). */
static void rcu_check_deferred_wake(void)
{
	struct rcu_data *rdp = this_cpu_ptr(&rcu_data);

	if (unlikely(READ_ONCE(rdp->wake_gp))) {
		WRITE_ONCE(rdp->wake_gp, false);
		rcu_wake_gp();
	}
}

/*
 * From the scheduler tick, in hard-IRQ context: the interrupted code was
 * outside every read section if it had neither preemption nor softirqs
 * disabled and was not itself an interrupt.
 */
void rcu_sched_clock_irq(int user)
{
	unsigned long pc = preempt_count();

	if ((pc & (PREEMPT_MASK | SOFTIRQ_MASK)) == 0 && (pc & HARDIRQ_MASK) == HARDIRQ_OFFSET)
		rcu_qs();
	rcu_check_deferred_wake();
	(void)user;
}

/* The idle loop, interrupts off, right before it halts. */
void ct_idle_enter(void)
{
	rcu_check_deferred_wake();
	smp_mb();	/* everything before the halt is seen before in_eqs */
	this_cpu_write(rcu_data.in_eqs, 1);
}

static inline void rcu_eqs_exit(void)
{
	this_cpu_write(rcu_data.in_eqs, 0);
	rcu_qs();
	smp_mb();	/* the exit is seen before anything we read after */
}

/* The idle loop, interrupts off, after the halt. */
void ct_idle_exit(void)
{
	if (this_cpu_read(rcu_data.in_eqs))
		rcu_eqs_exit();
}

/* Interrupt entry (interrupts off): leave an extended QS first. */
void ct_irq_enter(void)
{
	if (unlikely(this_cpu_read(rcu_data.in_eqs)))
		rcu_eqs_exit();
}

int rcu_read_lock_held(void)
{
	return !READ_ONCE(rcu_state.gp_task) || preempt_count() != 0 || irqs_disabled();
}

/* ---- callbacks ---- */

static void rcu_request_gp(unsigned long target, bool may_wake)
{
	unsigned long old = READ_ONCE(rcu_state.gp_requested);

	while (ULONG_CMP_LT(old, target)) {
		if (__atomic_compare_exchange_n(&rcu_state.gp_requested, &old, target, false,
						__ATOMIC_SEQ_CST, __ATOMIC_RELAXED)) {
			if (may_wake) {
				rcu_wake_gp();
			} else {
				/* irqs off: a scheduler lock may be held; wake from the tick/idle */
				WRITE_ONCE(this_cpu_ptr(&rcu_data)->wake_gp, true);
			}
			return;
		}
	}
}

/* Queue head on cpu's list (the caller's own, or a barrier's target). */
static bool __call_rcu_cpu(int cpu, struct rcu_head *head, rcu_callback_t func,
			   bool only_if_busy, unsigned long *targetp)
{
	struct rcu_data *rdp = per_cpu_ptr(&rcu_data, cpu);
	struct rcu_seg *seg;
	unsigned long flags, target;

	head->func = func;
	head->next = NULL;
	raw_spin_lock_irqsave(&rdp->lock, flags);
	if (only_if_busy && !rdp->ncbs) {
		raw_spin_unlock_irqrestore(&rdp->lock, flags);
		return false;
	}
	smp_mb();	/* the caller's unpublish before the grace-period snapshot */
	target = rcu_seq_snap(READ_ONCE(rcu_state.gp_seq));
	seg = rdp->nsegs ? &rdp->segs[rdp->nsegs - 1] : NULL;
	if (!seg || seg->target != target) {
		if (rdp->nsegs == RCU_NSEGS) {
			/* cannot happen (targets span two GPs); waiting longer is safe */
			WARN_ON_ONCE(1);
		} else {
			seg = &rdp->segs[rdp->nsegs++];
			seg->head = NULL;
			seg->tail = &seg->head;
		}
		seg->target = target;
	}
	*seg->tail = head;
	seg->tail = &head->next;
	rdp->ncbs++;
	raw_spin_unlock_irqrestore(&rdp->lock, flags);
	atomic_long_inc(&rcu_state.ncbs);
	*targetp = target;
	return true;
}

/**
 * call_rcu - run func(head) after a grace period.
 * Context: any (also interrupts off or hard IRQ).  func runs in process
 * context with bottom halves off and must not sleep.
 */
void call_rcu(struct rcu_head *head, rcu_callback_t func)
{
	unsigned long target;
	bool may_wake = !irqs_disabled();
	int cpu;

	cpu = get_cpu();
	__call_rcu_cpu(cpu, head, func, false, &target);
	put_cpu();
	rcu_request_gp(target, may_wake);
}

void call_rcu_hurry(struct rcu_head *head, rcu_callback_t func)
{
	call_rcu(head, func);
}

/* Take the segments whose GP has completed off every CPU's list. */
static long rcu_take_done(struct rcu_head **list)
{
	unsigned long done = READ_ONCE(rcu_state.gp_seq);
	struct rcu_head **tail = list;
	long total = 0;
	int cpu;

	for_each_possible_cpu(cpu) {
		struct rcu_data *rdp = per_cpu_ptr(&rcu_data, cpu);
		unsigned long flags;
		int i = 0;

		raw_spin_lock_irqsave(&rdp->lock, flags);
		while (i < rdp->nsegs && ULONG_CMP_GE(done, rdp->segs[i].target)) {
			struct rcu_seg *seg = &rdp->segs[i++];

			for (struct rcu_head *h = seg->head; h; h = h->next)
				rdp->ncbs--, total++;
			if (seg->head) {
				*tail = seg->head;
				tail = seg->tail;
			}
		}
		if (i) {
			for (int j = i; j < rdp->nsegs; j++) {
				rdp->segs[j - i] = rdp->segs[j];
				if (!rdp->segs[j - i].head)	/* moved: repoint the tail */
					rdp->segs[j - i].tail = &rdp->segs[j - i].head;
			}
			rdp->nsegs -= i;
		}
		raw_spin_unlock_irqrestore(&rdp->lock, flags);
	}
	*tail = NULL;
	return total;
}

/* Run the callbacks as softirq-context code would run (BH off, no sleeping). */
static void rcu_invoke(struct rcu_head *list, long n)
{
	long i = 0;

	while (list) {
		struct rcu_head *next = list->next;
		unsigned long f = (unsigned long)list->func;

		local_bh_disable();
		if (__is_kvfree_rcu_offset(f))
			kfree((char *)list - f);
		else
			list->func(list);
		local_bh_enable();
		list = next;
		if (++i % 64 == 0)
			cond_resched();
	}
	atomic_long_sub(n, &rcu_state.ncbs);
	rcu_state.nr_invoked += n;
}

/* ---- grace periods ---- */

static bool rcu_gp_wanted(void)
{
	return ULONG_CMP_LT(READ_ONCE(rcu_state.gp_seq), READ_ONCE(rcu_state.gp_requested));
}

static void rcu_report_stall(const struct cpumask *holdouts, unsigned long start)
{
	int cpu;

	pr_err("rcu: INFO: rcu_sched detected stalls on CPUs/tasks: grace period %lu, %lu jiffies\n",
	       rcu_state.gp_seq, jiffies - start);
	for_each_cpu(cpu, holdouts)
		pr_err("rcu:     cpu %d: running %s/%d\n", cpu, READ_ONCE(cpu_rq(cpu)->curr)->comm,
		       READ_ONCE(cpu_rq(cpu)->curr)->pid);
}

static void rcu_gp_one(void)
{
	struct cpumask holdouts;
	unsigned long start = jiffies, kicked = 0;
	bool stalled = false;
	int cpu, me;

	WRITE_ONCE(rcu_state.gp_seq, rcu_state.gp_seq + 1);	/* odd: under way */
	smp_mb();	/* the start before the snapshot */
	cpumask_copy(&holdouts, cpu_online_mask);
	me = raw_smp_processor_id();
	cpumask_clear_cpu(me, &holdouts);	/* we are in no read section */
	for_each_cpu(cpu, &holdouts) {
		rcu_snap[cpu] = READ_ONCE(per_cpu(rcu_data, cpu).qs_ctr);
		if (READ_ONCE(per_cpu(rcu_data, cpu).in_eqs))
			cpumask_clear_cpu(cpu, &holdouts);
	}
	for (;;) {
		for_each_cpu(cpu, &holdouts) {
			struct rcu_data *rdp = per_cpu_ptr(&rcu_data, cpu);

			if (!cpu_online(cpu) || READ_ONCE(rdp->in_eqs) ||
			    READ_ONCE(rdp->qs_ctr) != rcu_snap[cpu])
				cpumask_clear_cpu(cpu, &holdouts);
		}
		if (cpumask_empty(&holdouts))
			break;
		if (atomic_read(&rcu_state.expedite) ||
		    time_after(jiffies, start + RCU_KICK_JIFFIES + kicked * 10)) {
			/* a reschedule passes through __schedule(): a QS */
			for_each_cpu(cpu, &holdouts)
				resched_cpu(cpu);
			kicked++;
		}
		if (!stalled && time_after(jiffies, start + RCU_STALL_JIFFIES)) {
			stalled = true;
			rcu_report_stall(&holdouts, start);
		}
		schedule_timeout_idle(1);
	}
	smp_mb();	/* every QS seen before the end is published */
	WRITE_ONCE(rcu_state.gp_seq, rcu_state.gp_seq + 1);	/* even: done */
	rcu_state.nr_gps++;
}

static int rcu_gp_kthread(void *unused)
{
	for (;;) {
		struct rcu_head *list;
		long n;

		wait_event_idle(rcu_state.gp_wq, rcu_gp_wanted());
		rcu_gp_one();
		n = rcu_take_done(&list);
		if (n)
			rcu_invoke(list, n);
	}
	return 0;
}

/* ---- waiting ---- */

struct rcu_synchronize {
	struct rcu_head head;
	struct completion done;
};

static void wakeme_after_rcu(struct rcu_head *head)
{
	complete(&container_of(head, struct rcu_synchronize, head)->done);
}

/*
 * With one CPU online, a caller that may sleep is outside every read
 * section, and no other CPU runs one: that alone is a grace period.
 */
static bool rcu_blocking_is_gp(void)
{
	return num_online_cpus() <= 1 && preemptible();
}

/**
 * synchronize_rcu - wait until every read section begun before the call
 * has ended.  Context: may sleep; not inside a read section.
 */
void synchronize_rcu(void)
{
	struct rcu_synchronize rs;

	might_sleep();
	if (WARN_ONCE(!preemptible() && READ_ONCE(rcu_state.gp_task),
		      "synchronize_rcu() in atomic context"))
		return;
	if (rcu_blocking_is_gp())
		return;
	init_completion(&rs.done);
	call_rcu(&rs.head, wakeme_after_rcu);
	wait_for_completion(&rs.done);
}

/** synchronize_rcu_expedited - synchronize_rcu(), kicking every CPU at once. */
void synchronize_rcu_expedited(void)
{
	atomic_inc(&rcu_state.expedite);
	synchronize_rcu();
	atomic_dec(&rcu_state.expedite);
}

static void rcu_barrier_callback(struct rcu_head *head)
{
	if (atomic_dec_and_test(&rcu_barrier_left))
		complete(&rcu_barrier_done);
}

/**
 * rcu_barrier - wait until every callback queued before the call has run.
 * Context: may sleep.
 */
void rcu_barrier(void)
{
	unsigned long target;
	int cpu;

	might_sleep();
	mutex_lock(&rcu_barrier_mutex);
	init_completion(&rcu_barrier_done);
	atomic_set(&rcu_barrier_left, 1);
	for_each_possible_cpu(cpu) {
		atomic_inc(&rcu_barrier_left);
		if (__call_rcu_cpu(cpu, &per_cpu(rcu_data, cpu).barrier_head,
				   rcu_barrier_callback, true, &target))
			rcu_request_gp(target, true);
		else
			atomic_dec(&rcu_barrier_left);
	}
	if (!atomic_dec_and_test(&rcu_barrier_left))
		wait_for_completion(&rcu_barrier_done);
	mutex_unlock(&rcu_barrier_mutex);
}

/* kvfree_call_rcu(head, ptr): kfree(ptr) after a GP (head NULL: wait here). */
void kvfree_call_rcu(struct rcu_head *head, void *ptr)
{
	if (!head) {
		might_sleep();
		synchronize_rcu();
		kfree(ptr);
		return;
	}
	call_rcu(head, (rcu_callback_t)((char *)head - (char *)ptr));
}

unsigned long get_state_synchronize_rcu(void)
{
	smp_mb();	/* the caller's updates before the snapshot */
	return rcu_seq_snap(READ_ONCE(rcu_state.gp_seq));
}

unsigned long start_poll_synchronize_rcu(void)
{
	unsigned long s = get_state_synchronize_rcu();

	rcu_request_gp(s, !irqs_disabled());
	return s;
}

bool poll_state_synchronize_rcu(unsigned long oldstate)
{
	if (ULONG_CMP_GE(READ_ONCE(rcu_state.gp_seq), oldstate)) {
		smp_mb();	/* the GP's end before the caller's later accesses */
		return true;
	}
	return false;
}

void cond_synchronize_rcu(unsigned long oldstate)
{
	if (!poll_state_synchronize_rcu(oldstate))
		synchronize_rcu();
}

/* ---- start-up ---- */

/* From kernel_init, once kthreadd runs: the grace-period kthread. */
int rcu_spawn_gp_kthread(void)
{
	struct task_struct *t = kthread_create(rcu_gp_kthread, NULL, "rcu_gp");

	if (IS_ERR(t))
		return PTR_ERR(t);
	WRITE_ONCE(rcu_state.gp_task, t);
	wake_up_process(t);
	return 0;
}
