/*
 * Scheduler core.  For now (the foundation issue): the per-CPU idle tasks
 * that `current` names in reports, and the hooks the tick and interrupt
 * exit call.  The scheduler issue replaces the hooks with run queues.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/percpu.h>
#include <asm/ptrace.h>
#include <asm/irq.h>

struct task_struct init_task = {
	.magic = TASK_MAGIC,
	.__state = TASK_RUNNING,
	.flags = PF_KTHREAD | PF_IDLE,
	.pid = 0,
	.comm = "swapper/0",
};
static struct task_struct idle_tasks[NR_CPUS];

struct task_struct *idle_task(int cpu)
{
	return cpu == 0 ? &init_task : &idle_tasks[cpu];
}

/* Make the CPU's idle task current (called on each CPU as it starts). */
void sched_init_idle(int cpu, void *stack)
{
	struct task_struct *t = idle_task(cpu);

	if (cpu) {
		t->magic = TASK_MAGIC;
		t->flags = PF_KTHREAD | PF_IDLE;
		snprintf(t->comm, sizeof(t->comm), "swapper/%d", cpu);
	}
	t->cpu = cpu;
	t->stack = stack;
	t->stack_size = (16 * 1024);
	this_cpu_write(pcpu_hot.current_task, t);
}

void scheduler_tick(void)
{
}

void run_local_timers(void)
{
}

void preempt_schedule(void)
{
	this_cpu_write(pcpu_hot.need_resched, 0);
}

void irq_exit_check_resched(struct pt_regs *regs)
{
}
