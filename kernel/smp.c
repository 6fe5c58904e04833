/*
 * Cross-CPU function calls.
 *
 * Each CPU has a call queue (cq->lock, raw, irqsave: a leaf lock) of
 * call_single_data records.  A caller queues a record on the target's
 * queue and sends CALL_FUNCTION_VECTOR only when the queue was empty (if
 * it was not, an IPI is already on its way and the handler drains the
 * whole queue under the lock).  The handler runs each function in hard-IRQ
 * context and then clears the record's LOCK flag, which is what a waiting
 * caller spins on and what a later caller reusing the record waits for.
 *
 * Records: waiting single calls use one on the caller's stack; everything
 * else uses the calling CPU's per-CPU records (one per target), reused
 * only after their LOCK flag has cleared.  Callers keep preemption off
 * while they own those.
 *
 * A waiting caller must have interrupts enabled: two CPUs each waiting
 * for the other with interrupts off would deadlock (WARNed, as Linux).
 */
#include <linux/kernel.h>
#include <linux/smp.h>
#include <linux/percpu.h>
#include <linux/spinlock.h>
#include <linux/irqflags.h>
#include <linux/sched.h>
#include <asm/smp.h>
#include <asm/irq.h>
#include <asm/processor.h>
#include <asm/exit.h>
#include <linux/delay.h>
#include <kernel/sched.h>
#include <kernel/smp.h>

#define CSD_LOCK 1

struct call_single_data {
	struct list_head list;		/* cq->lock of the target */
	smp_call_func_t func;
	void *info;
	unsigned int flags;		/* CSD_LOCK while queued or running */
};

struct call_queue {
	raw_spinlock_t lock;
	struct list_head list;
};

static DEFINE_PER_CPU(struct call_queue, call_queue);
static DEFINE_PER_CPU(struct call_single_data, cfd_csd[NR_CPUS]);
bool smp_ipis_ready;

static void csd_lock_wait(struct call_single_data *csd)
{
	while (smp_load_acquire(&csd->flags) & CSD_LOCK)
		cpu_relax();
}

static void csd_queue(int cpu, struct call_single_data *csd)
{
	struct call_queue *cq = per_cpu_ptr(&call_queue, cpu);
	unsigned long flags;
	bool was_empty;

	raw_spin_lock_irqsave(&cq->lock, flags);
	was_empty = list_empty(&cq->list);
	list_add_tail(&csd->list, &cq->list);
	raw_spin_unlock_irqrestore(&cq->lock, flags);
	if (was_empty)
		arch_send_call_function_ipi(cpu);
}

static void call_function_interrupt(struct pt_regs *regs)
{
	struct call_queue *cq = this_cpu_ptr(&call_queue);
	LIST_HEAD(batch);
	struct call_single_data *csd, *n;

	raw_spin_lock(&cq->lock);
	list_splice_init(&cq->list, &batch);
	raw_spin_unlock(&cq->lock);
	list_for_each_entry_safe(csd, n, &batch, list) {
		smp_call_func_t func = csd->func;
		void *info = csd->info;

		func(info);
		smp_store_release(&csd->flags, 0);	/* csd may be gone after this */
	}
}

static void check_wait_context(int wait)
{
	if (wait && smp_ipis_ready)
		WARN_ON_ONCE(irqs_disabled() && !panic_in_progress());
}

int smp_call_function_single(int cpu, smp_call_func_t func, void *info, int wait)
{
	struct call_single_data stack_csd, *csd;
	unsigned long flags;
	int this_cpu = get_cpu();

	if (cpu == this_cpu) {
		local_irq_save(flags);
		func(info);
		local_irq_restore(flags);
		put_cpu();
		return 0;
	}
	if ((unsigned int)cpu >= NR_CPUS || !cpu_online(cpu)) {
		put_cpu();
		return -ENXIO;
	}
	check_wait_context(wait);
	if (wait) {
		csd = &stack_csd;
	} else {
		csd = this_cpu_ptr(&cfd_csd[cpu]);
		csd_lock_wait(csd);
	}
	csd->func = func;
	csd->info = info;
	csd->flags = CSD_LOCK;
	csd_queue(cpu, csd);
	if (wait)
		csd_lock_wait(csd);
	put_cpu();
	return 0;
}

/* Run func on every CPU in mask except the caller's.  Preemption off. */
void smp_call_function_many(const struct cpumask *mask, smp_call_func_t func, void *info, bool wait)
{
	int this_cpu = get_cpu(), cpu;

	check_wait_context(wait);
	for_each_cpu_and(cpu, mask, cpu_online_mask) {
		struct call_single_data *csd = this_cpu_ptr(&cfd_csd[cpu]);

		if (cpu == this_cpu)
			continue;
		csd_lock_wait(csd);
		csd->func = func;
		csd->info = info;
		csd->flags = CSD_LOCK;
		csd_queue(cpu, csd);
	}
	if (wait)
		for_each_cpu_and(cpu, mask, cpu_online_mask)
			if (cpu != this_cpu)
				csd_lock_wait(this_cpu_ptr(&cfd_csd[cpu]));
	put_cpu();
}

void smp_call_function(smp_call_func_t func, void *info, int wait)
{
	smp_call_function_many(cpu_online_mask, func, info, wait);
}

void on_each_cpu_mask(const struct cpumask *mask, smp_call_func_t func, void *info, bool wait)
{
	unsigned long flags;
	int this_cpu = get_cpu();

	smp_call_function_many(mask, func, info, false);
	if (cpumask_test_cpu(this_cpu, mask)) {
		local_irq_save(flags);
		func(info);
		local_irq_restore(flags);
	}
	if (wait) {
		int cpu;
		for_each_cpu_and(cpu, mask, cpu_online_mask)
			if (cpu != this_cpu)
				csd_lock_wait(this_cpu_ptr(&cfd_csd[cpu]));
	}
	put_cpu();
}

void on_each_cpu(smp_call_func_t func, void *info, int wait)
{
	on_each_cpu_mask(cpu_online_mask, func, info, wait);
}

void smp_send_reschedule(int cpu)
{
	arch_send_reschedule(cpu);
}

/* Panic: stop every other CPU (NMI; each prints its backtrace first). */
void smp_send_stop(void)
{
	if (num_online_cpus() <= 1)
		return;
	arch_send_stop_all_but_self();
	mdelay(50 + 20 * num_online_cpus());	/* let them print */
}

/*
 * The reschedule IPI: activate the tasks other CPUs woke for this one;
 * need_resched is acted on at IRQ exit.
 */
static void reschedule_interrupt(struct pt_regs *regs)
{
	sched_ttwu_pending();
}

void smp_ipi_init(void)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		struct call_queue *cq = per_cpu_ptr(&call_queue, cpu);
		raw_spin_lock_init(&cq->lock);
		INIT_LIST_HEAD(&cq->list);
	}
	irq_set_handler(CALL_FUNCTION_VECTOR, call_function_interrupt);
	irq_set_handler(RESCHEDULE_VECTOR, reschedule_interrupt);
	smp_ipis_ready = true;
}
