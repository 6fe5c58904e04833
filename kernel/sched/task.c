/*
 * Task creation, reference counting and exit.
 *
 *   create_task()      task_struct + guarded stack, pid, on the task list
 *                      (TASK_NEW); the caller makes it run with
 *                      wake_up_new_task()
 *   ... runs fn(arg) ...
 *   do_exit(code)      PF_EXITING, exit_code kept, vfork_done completed,
 *                      exit waiters woken, off the task list, TASK_DEAD,
 *                      one last schedule()
 *   finish_task_switch the next task drops the dead task's own reference
 *   put_task_struct    the last reference frees the stack and the struct
 *
 * References: a task holds one on itself from creation until it has been
 * switched out for the last time; anyone else who needs the struct after
 * the task may have exited takes one with get_task_struct().  A put below
 * zero is reported, never a double free.
 *
 * Locking: tasklist_lock (raw, irqsave) protects the task list (anchored
 * at init_task.tasks, as Linux's; the idle tasks are not on it), parent
 * and children/sibling links.  Lock order: tasklist_lock -> p->pi_lock.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/ktime.h>
#include <linux/completion.h>
#include <linux/wait.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/smp.h>
#include <linux/cpu.h>
#include <asm/switch_to.h>
#include "sched.h"
#include <kernel/sched.h>
#include <kernel/mm.h>

DEFINE_RAW_SPINLOCK(tasklist_lock);
static atomic_t last_pid = ATOMIC_INIT(0);
static struct kmem_cache *task_cache;
DECLARE_WAIT_QUEUE_HEAD(task_exit_wq);
atomic_t nr_tasks_alive;
static atomic_t nr_tasks_exiting;	/* between do_exit() and the final free */

static struct task_struct *alloc_task(void)
{
	if (!task_cache)
		task_cache = kmem_cache_create("task_struct", sizeof(struct task_struct), 64,
					       SLAB_PANIC, NULL);
	return kmem_cache_zalloc(task_cache, GFP_KERNEL);
}

void free_task(struct task_struct *p)
{
	if (p->flags & PF_EXITING)
		atomic_dec(&nr_tasks_exiting);
	p->magic = TASK_MAGIC_DEAD;
	free_kthread_struct(p);
	stack_free(p->stack);
	kmem_cache_free(task_cache, p);
	atomic_dec(&nr_tasks_alive);
}

void __put_task_struct(struct task_struct *t)
{
	if (WARN(t->magic != TASK_MAGIC, "put_task_struct: %px is not a live task (magic %#x)",
		 t, t->magic))
		return;
	WARN_ON(!(READ_ONCE(t->__state) & (TASK_DEAD | TASK_NEW)));
	free_task(t);
}

void put_task_struct(struct task_struct *t)
{
	int n = atomic_dec_return(&t->usage);

	if (likely(n > 0))
		return;
	if (n < 0) {
		atomic_inc(&t->usage);
		WARN(1, "put_task_struct: reference count of %s/%d below zero", t->comm, t->pid);
		return;
	}
	__put_task_struct(t);
}

/*
 * create_task - a new task that will run fn(arg).
 * It inherits the creator's nice value (not a FIFO policy), may run on all
 * CPUs, is a child of the creator, and is not queued until
 * wake_up_new_task().  flags are PF_* flags to set.
 * Context: may sleep.  Return: the task, or ERR_PTR(-ENOMEM).
 */
struct task_struct *create_task(int (*fn)(void *), void *arg, const char *name, unsigned int flags)
{
	struct task_struct *p = alloc_task(), *parent = current;
	unsigned long irqf;

	might_sleep();
	if (!p)
		return ERR_PTR(-ENOMEM);
	p->stack = stack_alloc();
	if (!p->stack) {
		kmem_cache_free(task_cache, p);
		return ERR_PTR(-ENOMEM);
	}
	if ((flags & PF_KTHREAD) && !set_kthread_struct(p)) {
		stack_free(p->stack);
		kmem_cache_free(task_cache, p);
		return ERR_PTR(-ENOMEM);
	}
	atomic_inc(&nr_tasks_alive);
	p->magic = TASK_MAGIC;
	p->__state = TASK_NEW;
	p->flags = flags;
	atomic_set(&p->usage, 1);
	raw_spin_lock_init(&p->pi_lock);
	strscpy(p->comm, name ? name : "task", sizeof(p->comm));
	p->policy = SCHED_NORMAL;
	p->static_prio = parent->sched_class == &fair_sched_class ? parent->static_prio : DEFAULT_PRIO;
	p->prio = p->static_prio;
	p->sched_class = &fair_sched_class;
	set_load_weight(p);
	INIT_LIST_HEAD(&p->se.run_node);
	INIT_LIST_HEAD(&p->rt.run_list);
	p->se.vruntime = 0;
	p->cpus_ptr = &p->cpus_mask;
	do_set_cpus_allowed(p, cpu_possible_mask);
	p->cpu = smp_processor_id();
	p->start_time = ktime_get_ns();
	INIT_LIST_HEAD(&p->children);
	arch_setup_task_stack(p, fn, arg);
	p->pid = atomic_inc_return(&last_pid);

	raw_spin_lock_irqsave(&tasklist_lock, irqf);
	p->real_parent = p->parent = parent;
	list_add_tail(&p->sibling, &parent->children);
	list_add_tail(&p->tasks, &init_task.tasks);
	raw_spin_unlock_irqrestore(&tasklist_lock, irqf);
	return p;
}

pid_t kernel_thread(int (*fn)(void *), void *arg, const char *name, unsigned long flags)
{
	struct task_struct *p = create_task(fn, arg, name, (unsigned int)flags | PF_KTHREAD);

	if (IS_ERR(p))
		return PTR_ERR(p);
	wake_up_new_task(p);
	return p->pid;
}

/*
 * do_exit - end the current task with exit code `code`.
 * Its children go to init_task; waiters on vfork_done and task_exit_wq
 * are woken; the struct and stack are freed after the final switch.
 */
void do_exit(long code)
{
	struct task_struct *p = current, *c, *n;
	unsigned long flags;

	if (WARN_ON(is_idle_task(p)))
		for (;;)
			schedule_idle();
	WARN(preempt_count(), "do_exit with preempt_count %#x", preempt_count());
	if (WARN(p->cpus_read_depth, "%s/%d exits holding cpus_read_lock()", p->comm, p->pid)) {
		p->cpus_read_depth = 1;		/* release it, or hotplug waits for good */
		cpus_read_unlock();
	}
	atomic_inc(&nr_tasks_exiting);
	p->flags |= PF_EXITING;
	p->exit_code = (int)code;

	raw_spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry_safe(c, n, &p->children, sibling) {
		c->real_parent = c->parent = &init_task;
		list_move_tail(&c->sibling, &init_task.children);
	}
	list_del_init(&p->tasks);
	list_del_init(&p->sibling);
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);

	raw_spin_lock_irqsave(&p->pi_lock, flags);
	p->exit_state = EXIT_DEAD;
	raw_spin_unlock_irqrestore(&p->pi_lock, flags);
	if (p->vfork_done)
		complete_all(p->vfork_done);
	wake_up_all(&task_exit_wq);
	do_task_dead();
}

/* Find a live task by pid and take a reference on it (put it after use). */
struct task_struct *find_task_by_pid(pid_t pid)
{
	struct task_struct *p, *found = NULL;
	unsigned long flags;
	if (pid == 0)
		return get_task_struct(&init_task);
	raw_spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &init_task.tasks, tasks) {
		if (p->pid == pid) {
			found = get_task_struct(p);
			break;
		}
	}
	raw_spin_unlock_irqrestore(&tasklist_lock, flags);
	return found;
}

/*
 * Wait until every task that has called do_exit() has also been freed,
 * i.e. no dead task is still waiting for its last reference to go (tests
 * use it before reading memory counters).  Only tasks whose last
 * reference is held elsewhere keep it from settling.
 * Context: may sleep.  Return: 0, or -ETIMEDOUT after timeout_ms.
 */
int wait_for_dead_tasks(unsigned int timeout_ms)
{
	u64 deadline = ktime_get_ns() + (u64)timeout_ms * NSEC_PER_MSEC;

	while (atomic_read(&nr_tasks_exiting)) {
		if (ktime_get_ns() > deadline)
			return -ETIMEDOUT;
		msleep(1);
	}
	return 0;
}

char *__get_task_comm(char *buf, size_t size, struct task_struct *tsk)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&tsk->pi_lock, flags);
	strscpy(buf, tsk->comm, size);
	raw_spin_unlock_irqrestore(&tsk->pi_lock, flags);
	return buf;
}

void set_task_comm(struct task_struct *tsk, const char *name)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&tsk->pi_lock, flags);
	strscpy(tsk->comm, name, sizeof(tsk->comm));
	raw_spin_unlock_irqrestore(&tsk->pi_lock, flags);
}
