/*
 * Kernel threads: creation by kthreadd, bind, park/unpark, stop, exit.
 *
 * Creation.  kthread_create*() queues a request on kthread_create_list and
 * wakes kthreadd (pid 2, started by the boot CPU's idle task), which forks
 * every kthread from its own clean context: the new thread is kthreadd's
 * child, nice 0, allowed on all CPUs, whoever asked.  The child allocates
 * nothing on its own stack that outlives it: its struct kthread is
 * allocated by kthreadd and freed with the task_struct.
 *
 *   created --complete(done)--> UNINTERRUPTIBLE (never woken)
 *      |                             | wake_up_process() / kthread_park() /
 *      |                             | kthread_stop()
 *      v                             v
 *   should_stop?  yes: exit -EINTR, threadfn never runs
 *   should_park?  yes: park first (TASK_PARKED), then go on as below
 *   threadfn(data) ... kthread_parkme() <--> TASK_PARKED (kthread_park/unpark)
 *      | returns / kthread_exit(r)
 *      v
 *   result = r, exited completed, task freed when the last reference goes
 *
 * Stop.  kthread_stop() sets SHOULD_STOP, unparks, sets TIF_NOTIFY_SIGNAL
 * (so signal_pending() is true and every interruptible sleep of the
 * thread ends at once, from now on: Linux's semantics), wakes the thread
 * from any sleep and waits on the thread's own `exited` completion, then
 * returns the stored result.  There is no global lock: stops of different
 * threads run in parallel, and one that stops itself gets a WARN and
 * -EDEADLK instead of a deadlock.  `exited` is completed with
 * complete_all() at exit, so stopping a thread that already exited on its
 * own (the caller holding a reference) returns its result at once.
 *
 * Park.  kthread_park() returns 0 only once the thread has called
 * kthread_parkme() and has been switched out in TASK_PARKED (the parked
 * completion, then wait_task_inactive()).  TASK_PARKED is set under
 * pi_lock so a concurrent wake-up cannot overwrite it, and
 * wake_up_process() does not match it: only kthread_unpark() (with
 * TASK_PARKED) wakes a parked thread, after re-binding a per-CPU thread
 * to its CPU while it is still parked.
 *
 * Locking: kthread_create_lock (raw, irqsave) protects kthread_create_list.
 * struct kthread's flags are atomic bit operations; the rest is written
 * before the thread runs or by the thread itself.
 */
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/completion.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/bitops.h>
#include <kernel/trace.h>
#include <linux/thread_info.h>
#include "sched/sched.h"
#include <linux/sched/task.h>

enum KTHREAD_BITS {
	KTHREAD_IS_PER_CPU = 0,
	KTHREAD_SHOULD_STOP,
	KTHREAD_SHOULD_PARK,
};

/* For the GDB helpers (tools/gdb): the flag bits of struct kthread. */
const unsigned long gdb_const_KTHREAD_IS_PER_CPU __used = KTHREAD_IS_PER_CPU;
const unsigned long gdb_const_KTHREAD_SHOULD_STOP __used = KTHREAD_SHOULD_STOP;
const unsigned long gdb_const_KTHREAD_SHOULD_PARK __used = KTHREAD_SHOULD_PARK;

struct kthread {
	unsigned long flags;		/* atomic bits above */
	unsigned int cpu;		/* I (or set while bound): per-CPU target */
	int result;			/* written by the thread before exit */
	int (*threadfn)(void *);	/* I */
	void *data;			/* I */
	struct completion parked;
	struct completion exited;	/* complete_all at exit (vfork_done) */
	bool started;			/* threadfn was entered */
	char *full_name;		/* I: the untruncated name */
};

struct kthread_create_info {
	int (*threadfn)(void *data);
	void *data;
	char *full_name;
	struct task_struct *result;	/* the task or ERR_PTR */
	struct completion done;
	struct list_head list;		/* kthread_create_lock */
};

struct task_struct *kthreadd_task;
static DEFINE_RAW_SPINLOCK(kthread_create_lock);
static LIST_HEAD(kthread_create_list);	/* kthread_create_lock */

/* The idle tasks' struct kthread: they exist before the allocator. */
static struct kthread idle_kthreads[NR_CPUS];

static void kthread_struct_init(struct task_struct *p, struct kthread *kt)
{
	init_completion(&kt->parked);
	init_completion(&kt->exited);
	p->vfork_done = &kt->exited;
	p->worker_private = kt;
}

/*
 * set_kthread_struct - give a new PF_KTHREAD task its struct kthread
 * (create_task() calls it, as Linux's fork does since 5.17), so every
 * kthread has one.  Context: may sleep.  Return: true, false on no memory.
 */
bool set_kthread_struct(struct task_struct *p)
{
	struct kthread *kt;

	if (WARN_ON_ONCE(p->worker_private))
		return false;
	kt = kzalloc(sizeof(*kt), GFP_KERNEL);
	if (!kt)
		return false;
	kthread_struct_init(p, kt);
	return true;
}

/* The same for the idle task of cpu (static storage; never freed). */
void kthread_init_idle(struct task_struct *idle, int cpu)
{
	if (!idle->worker_private)
		kthread_struct_init(idle, &idle_kthreads[cpu]);
}

/* NULL (with a WARN) for a task that is not a kthread. */
static struct kthread *to_kthread(struct task_struct *k)
{
	if (WARN(!(k->flags & PF_KTHREAD) || !k->worker_private,
		 "%s/%d is not a kthread", k->comm, k->pid))
		return NULL;
	return k->worker_private;
}

/* Tolerant: NULL for tasks that are not kthreads. */
static struct kthread *__to_kthread(struct task_struct *k)
{
	return (k->flags & PF_KTHREAD) ? k->worker_private : NULL;
}

/*
 * The kthread of k if kthread_create() made k (it runs kthread()'s loop,
 * which alone honours park and stop requests); NULL, with a WARN naming
 * what, otherwise: kthreadd, kernel_init and the idle tasks are kthreads
 * but were not made that way.
 */
static struct kthread *to_created_kthread(struct task_struct *k, const char *what)
{
	struct kthread *kt = to_kthread(k);

	if (kt && WARN(!kt->threadfn, "%s: %s/%d was not made by kthread_create()", what,
		       k->comm, k->pid))
		return NULL;
	return kt;
}

void free_kthread_struct(struct task_struct *k)
{
	struct kthread *kt = k->worker_private;

	if (!kt || (k->flags & PF_IDLE))
		return;
	k->worker_private = NULL;
	k->vfork_done = NULL;
	kfree(kt->full_name);
	kfree(kt);
}

bool kthread_should_stop(void)
{
	struct kthread *kt = __to_kthread(current);

	return kt && test_bit(KTHREAD_SHOULD_STOP, &kt->flags);
}

bool kthread_should_park(void)
{
	struct kthread *kt = __to_kthread(current);

	return kt && test_bit(KTHREAD_SHOULD_PARK, &kt->flags);
}

bool kthread_should_stop_or_park(void)
{
	struct kthread *kt = __to_kthread(current);

	return kt && (READ_ONCE(kt->flags) &
		      (BIT(KTHREAD_SHOULD_STOP) | BIT(KTHREAD_SHOULD_PARK)));
}

bool kthread_freezable_should_stop(bool *was_frozen)
{
	if (was_frozen)
		*was_frozen = false;
	return kthread_should_stop();
}

void *kthread_func(struct task_struct *k)
{
	struct kthread *kt = __to_kthread(k);

	return kt ? kt->threadfn : NULL;
}

void *kthread_data(struct task_struct *k)
{
	struct kthread *kt = to_kthread(k);

	return kt ? kt->data : NULL;
}

void *kthread_probe_data(struct task_struct *k)
{
	struct kthread *kt = __to_kthread(k);

	return kt ? READ_ONCE(kt->data) : NULL;
}

bool kthread_is_per_cpu(struct task_struct *k)
{
	struct kthread *kt = __to_kthread(k);

	return kt && test_bit(KTHREAD_IS_PER_CPU, &kt->flags);
}

void kthread_set_per_cpu(struct task_struct *k, int cpu)
{
	struct kthread *kt = __to_kthread(k);

	if (!kt)
		return;
	WARN_ON_ONCE(!(k->flags & PF_NO_SETAFFINITY));
	if (cpu < 0) {
		clear_bit(KTHREAD_IS_PER_CPU, &kt->flags);
		return;
	}
	kt->cpu = cpu;
	set_bit(KTHREAD_IS_PER_CPU, &kt->flags);
}

void get_kthread_comm(char *buf, size_t buf_size, struct task_struct *tsk)
{
	struct kthread *kt = __to_kthread(tsk);

	if (!kt || !kt->full_name) {
		__get_task_comm(buf, buf_size, tsk);
		return;
	}
	strscpy(buf, kt->full_name, buf_size);
}

/* "S", "P", "C" (should-stop, should-park, per-CPU) for ps-like dumps. */
void kthread_flags_describe(struct task_struct *k, char *buf, size_t size)
{
	struct kthread *kt = __to_kthread(k);
	unsigned long f = kt ? READ_ONCE(kt->flags) : 0;

	snprintf(buf, size, "%s%s%s", (f & BIT(KTHREAD_SHOULD_STOP)) ? "S" : "",
		 (f & BIT(KTHREAD_SHOULD_PARK)) ? "P" : "",
		 (f & BIT(KTHREAD_IS_PER_CPU)) ? "C" : "");
}

/* ---- park ---- */

static void set_parked_state(void)
{
	unsigned long flags;

	/* a "special" state: set under pi_lock so no wake-up overwrites it */
	raw_spin_lock_irqsave(&current->pi_lock, flags);
	WRITE_ONCE(current->__state, TASK_PARKED);
	raw_spin_unlock_irqrestore(&current->pi_lock, flags);
	smp_mb();
}

static void __kthread_parkme(struct kthread *self)
{
	for (;;) {
		set_parked_state();
		if (!test_bit(KTHREAD_SHOULD_PARK, &self->flags))
			break;
		/* no preemption between telling the parker and switching out */
		preempt_disable();
		complete(&self->parked);
		schedule_preempt_disabled();
		preempt_enable();
	}
	__set_current_state(TASK_RUNNING);
}

void kthread_parkme(void)
{
	struct kthread *kt = to_kthread(current);

	if (kt)
		__kthread_parkme(kt);
}

/*
 * kthread_park - ask k to park and wait until it is parked off-CPU.
 * Context: may sleep.  Return: 0; -ENOSYS if k has exited; -EBUSY (with a
 * WARN) if a park is already pending; -EINVAL (with a WARN) if
 * kthread_create() did not make k.  Parking current only sets the flag.
 */
int kthread_park(struct task_struct *k)
{
	struct kthread *kt = to_created_kthread(k, "kthread_park");

	if (!kt)
		return -EINVAL;
	if (WARN_ON(k->flags & PF_EXITING))
		return -ENOSYS;
	if (WARN_ON_ONCE(test_bit(KTHREAD_SHOULD_PARK, &kt->flags)))
		return -EBUSY;
	/* a completion left over from an earlier park must not satisfy this one */
	reinit_completion(&kt->parked);
	set_bit(KTHREAD_SHOULD_PARK, &kt->flags);
	trace_event(TRACE_KTHREAD_PARK, k, 0);
	if (k != current) {
		wake_up_process(k);
		wait_for_completion(&kt->parked);
		WARN_ON_ONCE(!wait_task_inactive(k, TASK_PARKED));
	}
	return 0;
}

static void __kthread_bind_mask(struct task_struct *p, const struct cpumask *mask,
				unsigned int state)
{
	unsigned long flags;

	if (!wait_task_inactive(p, state)) {
		WARN(1, "kthread_bind: %s/%d has started; affinity not changed", p->comm, p->pid);
		return;
	}
	raw_spin_lock_irqsave(&p->pi_lock, flags);
	do_set_cpus_allowed(p, mask);
	p->flags |= PF_NO_SETAFFINITY;
	raw_spin_unlock_irqrestore(&p->pi_lock, flags);
}

/*
 * kthread_unpark - let a parked k run again.  A per-CPU thread is bound
 * back to its CPU first, while still parked, so its first instruction
 * after kthread_parkme() runs there.  A thread not asked to park is left
 * alone.  Context: may sleep.
 */
void kthread_unpark(struct task_struct *k)
{
	struct kthread *kt = to_kthread(k);

	if (!kt || !test_bit(KTHREAD_SHOULD_PARK, &kt->flags))
		return;
	if (test_bit(KTHREAD_IS_PER_CPU, &kt->flags))
		__kthread_bind_mask(k, cpumask_of(kt->cpu), TASK_PARKED);
	clear_bit(KTHREAD_SHOULD_PARK, &kt->flags);
	trace_event(TRACE_KTHREAD_UNPARK, k, 0);
	wake_up_state(k, TASK_PARKED);
}

/* ---- bind ---- */

/* Only for a thread not yet woken; WARN and no change otherwise. */
void kthread_bind_mask(struct task_struct *p, const struct cpumask *mask)
{
	struct kthread *kt = to_created_kthread(p, "kthread_bind");

	if (!kt || WARN_ON_ONCE(kt->started))
		return;
	__kthread_bind_mask(p, mask, TASK_UNINTERRUPTIBLE);
}

void kthread_bind(struct task_struct *p, unsigned int cpu)
{
	kthread_bind_mask(p, cpumask_of(cpu));
}

/* ---- exit and stop ---- */

void kthread_exit(long result)
{
	struct kthread *kt = to_kthread(current);

	if (kt)
		kt->result = (int)result;
	do_exit(0);
}

void kthread_complete_and_exit(struct completion *comp, long code)
{
	if (comp)
		complete(comp);
	kthread_exit(code);
}

/*
 * kthread_stop - make k's kthread_should_stop() true, wake it, wait for it
 * to exit.  The caller must guarantee k is still a valid task (it has not
 * exited, or the caller holds a reference).
 * Context: may sleep.  Return: threadfn's result, -EINTR if threadfn never
 * ran, -EDEADLK (with a WARN) when k is the caller, -EINVAL (with a WARN)
 * if kthread_create() did not make k.
 */
int kthread_stop(struct task_struct *k)
{
	struct kthread *kt;
	int ret;

	if (WARN(k == current, "kthread_stop: %s/%d would wait for itself", k->comm, k->pid))
		return -EDEADLK;
	kt = to_created_kthread(k, "kthread_stop");
	if (!kt)
		return -EINVAL;
	get_task_struct(k);
	set_bit(KTHREAD_SHOULD_STOP, &kt->flags);
	trace_event(TRACE_KTHREAD_STOP, k, 0);
	kthread_unpark(k);
	/* as Linux: its interruptible sleeps end from now on (signal_pending) */
	set_tsk_thread_flag(k, TIF_NOTIFY_SIGNAL);
	wake_up_process(k);
	wait_for_completion(&kt->exited);
	ret = kt->result;
	put_task_struct(k);
	return ret;
}

int kthread_stop_put(struct task_struct *k)
{
	int ret = kthread_stop(k);

	put_task_struct(k);
	return ret;
}

/* ---- creation ---- */

/* The first code of every kthread. */
static int kthread(void *_create)
{
	struct kthread_create_info *create = _create;
	int (*threadfn)(void *) = create->threadfn;
	void *data = create->data;
	struct kthread *self = to_kthread(current);
	int ret;

	self->threadfn = threadfn;
	self->data = data;
	create->result = current;
	/* sleep until the first wake-up; the creator may bind us meanwhile */
	preempt_disable();
	__set_current_state(TASK_UNINTERRUPTIBLE);
	complete(&create->done);
	schedule_preempt_disabled();
	preempt_enable();

	/* as Linux: once past the first sleep without a stop, threadfn runs
	 * (after parking if asked), even if a stop arrives while parked */
	ret = -EINTR;
	if (!test_bit(KTHREAD_SHOULD_STOP, &self->flags)) {
		__kthread_parkme(self);
		WRITE_ONCE(self->started, true);
		ret = threadfn(data);
	}
	kthread_exit(ret);
}

/* kthreadd: fork one requested kthread (create_task gives it its struct kthread). */
static void create_kthread(struct kthread_create_info *create)
{
	struct task_struct *p;
	struct kthread *kt;

	p = create_task(kthread, create, create->full_name, PF_KTHREAD);
	if (IS_ERR(p)) {
		create->result = p;
		complete(&create->done);
		return;
	}
	kt = p->worker_private;
	kt->full_name = create->full_name;	/* ownership moves to the thread */
	create->full_name = NULL;
	/* the clean context: nice 0, every CPU (kthreadd itself runs at -5) */
	p->static_prio = p->prio = DEFAULT_PRIO;
	set_load_weight(p);
	trace_event(TRACE_KTHREAD_CREATE, p, 0);
	wake_up_new_task(p);
}

/*
 * kthreadd: the parent of every kthread.  It sets its state before
 * looking at the list, so a request queued (and kthreadd woken) between
 * the check and schedule() is never missed.
 */
int kthreadd(void *unused)
{
	struct task_struct *tsk = current;

	set_task_comm(tsk, "kthreadd");
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (list_empty(&kthread_create_list))
			schedule();
		__set_current_state(TASK_RUNNING);

		raw_spin_lock_irq(&kthread_create_lock);
		while (!list_empty(&kthread_create_list)) {
			struct kthread_create_info *create;

			create = list_first_entry(&kthread_create_list,
						  struct kthread_create_info, list);
			list_del_init(&create->list);
			raw_spin_unlock_irq(&kthread_create_lock);
			create_kthread(create);
			raw_spin_lock_irq(&kthread_create_lock);
		}
		raw_spin_unlock_irq(&kthread_create_lock);
	}
	return 0;
}

static struct task_struct *__kthread_create_on_node(int (*threadfn)(void *data), void *data,
						    int node, const char namefmt[], va_list args)
{
	struct kthread_create_info *create;
	struct task_struct *task;

	might_sleep();
	create = kmalloc(sizeof(*create), GFP_KERNEL);
	if (!create)
		return ERR_PTR(-ENOMEM);
	create->threadfn = threadfn;
	create->data = data;
	create->result = NULL;
	init_completion(&create->done);
	create->full_name = kvasprintf(GFP_KERNEL, namefmt, args);
	if (!create->full_name) {
		kfree(create);
		return ERR_PTR(-ENOMEM);
	}
	raw_spin_lock_irq(&kthread_create_lock);
	list_add_tail(&create->list, &kthread_create_list);
	raw_spin_unlock_irq(&kthread_create_lock);
	wake_up_process(kthreadd_task);
	wait_for_completion(&create->done);
	task = create->result;
	kfree(create->full_name);	/* NULL unless creation failed */
	kfree(create);
	return task;
}

/*
 * kthread_create_on_node - a new kthread running threadfn(data), asleep
 * until its first wake-up.  comm is the formatted name truncated to 15
 * characters (get_kthread_comm() has the full one).
 * Context: may sleep.  Return: the task or ERR_PTR(-ENOMEM).
 */
struct task_struct *kthread_create_on_node(int (*threadfn)(void *data), void *data, int node,
					   const char namefmt[], ...)
{
	struct task_struct *task;
	va_list args;

	va_start(args, namefmt);
	task = __kthread_create_on_node(threadfn, data, node, namefmt, args);
	va_end(args);
	return task;
}

/* As kthread_create, bound to cpu; namefmt gets the CPU number. */
struct task_struct *kthread_create_on_cpu(int (*threadfn)(void *data), void *data,
					  unsigned int cpu, const char *namefmt)
{
	struct task_struct *p;

	p = kthread_create_on_node(threadfn, data, NUMA_NO_NODE, namefmt, cpu);
	if (IS_ERR(p))
		return p;
	kthread_bind(p, cpu);
	to_kthread(p)->cpu = cpu;
	return p;
}
