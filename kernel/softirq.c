/*
 * Softirqs: per-CPU bits raised in hard-IRQ context and run on the way
 * out of the outermost interrupt (irq_exit_softirq), or at
 * local_bh_enable(), with interrupts enabled and SOFTIRQ_OFFSET in
 * preempt_count: they run on the raising CPU, cannot sleep and are not
 * preempted, and hold no scheduler lock.  A burst is bounded (10 rounds);
 * what is left stays pending for the next interrupt exit (the tick comes
 * every millisecond, so nothing waits long).
 *
 * softirq_pending is only touched by its own CPU with interrupts off.
 */
#include <linux/kernel.h>
#include <linux/interrupt.h>
#include <linux/percpu.h>
#include <linux/irqflags.h>
#include <linux/bitops.h>
#include <kernel/softirq.h>

static DEFINE_PER_CPU(unsigned long, softirq_pending);
static void (*softirq_vec[NR_SOFTIRQS])(void);	/* I */

void open_softirq(int nr, void (*action)(void))
{
	softirq_vec[nr] = action;
}

void raise_softirq_irqoff(unsigned int nr)
{
	this_cpu_write(softirq_pending, this_cpu_read(softirq_pending) | (1UL << nr));
}

void raise_softirq(unsigned int nr)
{
	unsigned long flags;

	local_irq_save(flags);
	raise_softirq_irqoff(nr);
	local_irq_restore(flags);
}

/* Context: interrupts off, not in interrupt context.  Returns with them off. */
static void __do_softirq(void)
{
	int rounds = 10;
	unsigned long pending;

	preempt_count_add(SOFTIRQ_OFFSET);
	while ((pending = this_cpu_read(softirq_pending)) && rounds--) {
		this_cpu_write(softirq_pending, 0);
		local_irq_enable();
		while (pending) {
			int nr = __ffs(pending);

			pending &= pending - 1;
			if (softirq_vec[nr])
				softirq_vec[nr]();
		}
		local_irq_disable();
	}
	preempt_count_sub(SOFTIRQ_OFFSET);
}

void do_softirq(void)
{
	unsigned long flags;

	if (in_interrupt())
		return;
	local_irq_save(flags);
	if (this_cpu_read(softirq_pending))
		__do_softirq();
	local_irq_restore(flags);
}

/* Interrupt exit, hard-IRQ count already dropped, interrupts off. */
void irq_exit_softirq(void)
{
	if (!in_interrupt() && this_cpu_read(softirq_pending))
		__do_softirq();
}

void local_bh_enable(void)
{
	preempt_count_sub(SOFTIRQ_OFFSET);
	if (!in_interrupt() && this_cpu_read(softirq_pending))
		do_softirq();
	preempt_check_resched();
}
