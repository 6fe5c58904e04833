/*
 * A small lock-order checker (debug builds): Linux's lockdep idea, for
 * spinlocks and mutexes.
 *
 * Every spinlock belongs to a class named by its initialisation site (the
 * name DEFINE_SPINLOCK / spin_lock_init records, e.g. "&rq->lock": all run
 * queue locks are one class).  Each CPU keeps the stack of classes it
 * holds (spinlocks are held with preemption off, so a per-CPU stack is the
 * holder's).  Taking B while holding A records the edge A -> B with the
 * backtrace where it was first seen.  If B already reaches A through
 * recorded edges, the two orders can deadlock: the first such inversion
 * is reported with both backtraces.  Nesting two locks of the same class
 * (double_rq_lock's ordered pairs) is not an edge.  A trylock cannot
 * deadlock, so it records no edge (but its lock is held for later ones).
 * Releasing a lock this CPU does not hold is reported by the spinlock
 * code itself; sleeping with a spinlock held by might_sleep().
 *
 * Mutexes are held across sleeps and migrations, so each task keeps the
 * classes of the mutexes it holds (task->held_mutex).  Taking mutex B
 * while holding mutex A records A -> B the same way, and the check is
 * made before the caller can block on B, so a real AB-BA deadlock is
 * reported before it hangs.  Mutex -> spinlock edges are not recorded: a
 * cycle through them would need a mutex taken under a spinlock, which
 * might_sleep() already reports.  Releasing a mutex one does not own is
 * reported by the mutex code.
 *
 * Locking: graph_lock, a bare test-and-set flag (not a checked spinlock),
 * protects the class table and the graph; it is taken with interrupts
 * off, and only for new classes and new edges.
 */
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include "mutex.h"
#include <linux/sched.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/irqflags.h>
#include <asm/stacktrace.h>
#include <asm/processor.h>

#ifdef CONFIG_DEBUG_KERNEL

#define MAX_CLASSES	256
#define MAX_HELD	24
#define MAX_EDGE_TRACES	1024
#define TRACE_DEPTH	8

struct held_stack {
	u16 cls[MAX_HELD];
	int depth;
};

struct edge_trace {
	u16 from, to;
	unsigned long trace[TRACE_DEPTH];
	int n;
};

static const char *class_name[MAX_CLASSES];		/* graph_lock */
static int nr_classes;					/* graph_lock */
static unsigned long edges[MAX_CLASSES][MAX_CLASSES / BITS_PER_LONG];	/* graph_lock */
static struct edge_trace traces[MAX_EDGE_TRACES];	/* graph_lock */
static int nr_traces;					/* graph_lock */
static int graph_lock;
static bool lockdep_off;
static DEFINE_PER_CPU(struct held_stack, held_locks);
static DEFINE_PER_CPU(int, in_lockdep);	/* our own locks (printk's) are not checked */
unsigned long lockdep_reports;
unsigned long lockdep_reports_expected;

static void graph_acquire(void)
{
	while (__atomic_exchange_n(&graph_lock, 1, __ATOMIC_ACQUIRE))
		cpu_relax();
}

static void graph_release(void)
{
	__atomic_store_n(&graph_lock, 0, __ATOMIC_RELEASE);
}

/* Class id + 1 of a lock, by its name (0: none).  Context: interrupts off. */
static u16 name_class(u16 *class_id, const char *name)
{
	u16 c = READ_ONCE(*class_id);

	if (c)
		return c;
	graph_acquire();
	for (int i = 0; i < nr_classes; i++) {
		if (class_name[i] == name || (name && class_name[i] &&
					      !strcmp(class_name[i], name))) {
			c = i + 1;
			break;
		}
	}
	if (!c && nr_classes < MAX_CLASSES) {
		class_name[nr_classes++] = name;
		c = nr_classes;
	}
	graph_release();
	WRITE_ONCE(*class_id, c);
	return c;
}

static u16 lock_class(raw_spinlock_t *lock)
{
	return name_class(&lock->class_id, lock->name);
}

static bool edge(int a, int b)
{
	return test_bit(b, edges[a]);
}

/* Is there a path from a to b?  Iterative DFS.  Context: graph_lock. */
static bool reaches(int a, int b)
{
	static unsigned long seen[BITS_TO_LONGS(MAX_CLASSES)];
	static u16 stack[MAX_CLASSES];
	int sp = 0;

	memset(seen, 0, sizeof(seen));
	stack[sp++] = a;
	__set_bit(a, seen);
	while (sp) {
		int x = stack[--sp];

		if (x == b)
			return true;
		for (int y = 0; y < nr_classes; y++)
			if (edge(x, y) && !test_bit(y, seen)) {
				__set_bit(y, seen);
				stack[sp++] = y;
			}
	}
	return false;
}

static void report_inversion(int held, int cls)
{
	unsigned long now[TRACE_DEPTH];
	int n = stack_trace_save_from(read_rbp(), now, TRACE_DEPTH);
	struct edge_trace *t = NULL;

	/* the recorded order that this acquisition inverts: some cls -> ... -> held */
	for (int i = 0; i < nr_traces && !t; i++)
		if (traces[i].from == cls)
			t = &traces[i];
	lockdep_reports++;
	printk(KERN_WARNING "======================================================\n");
	printk(KERN_WARNING "WARNING: possible circular locking dependency detected (CPU %d)\n",
	       smp_processor_id());
	printk(KERN_WARNING "taking %s while holding %s, but the opposite order was seen:\n",
	       class_name[cls], class_name[held]);
	if (t) {
		printk(KERN_WARNING "  %s -> %s first taken at:\n", class_name[t->from],
		       class_name[t->to]);
		for (int i = 0; i < t->n; i++)
			printk(KERN_WARNING "    %pS\n", (void *)t->trace[i]);
	}
	printk(KERN_WARNING "  %s -> %s now taken at:\n", class_name[held], class_name[cls]);
	for (int i = 0; i < n; i++)
		printk(KERN_WARNING "    %pS\n", (void *)now[i]);
	printk(KERN_WARNING "======================================================\n");
}

/*
 * Holding class a, taking class b: record a -> b, or report the inversion
 * if b already reaches a.  Context: interrupts off, in_lockdep set.
 */
static void check_edge(int a, int b)
{
	if (a == b || edge(a, b))
		return;
	graph_acquire();
	if (!edge(a, b)) {
		if (reaches(b, a)) {
			report_inversion(a, b);
		} else {
			__set_bit(b, edges[a]);
			if (nr_traces < MAX_EDGE_TRACES) {
				struct edge_trace *t = &traces[nr_traces++];

				t->from = a;
				t->to = b;
				t->n = stack_trace_save_from(read_rbp(), t->trace, TRACE_DEPTH);
			}
		}
	}
	graph_release();
}

/* After lock was taken on this CPU (interrupts may be on: we turn them off). */
void lockdep_acquired(raw_spinlock_t *lock, bool trylock)
{
	unsigned long flags;
	struct held_stack *hs;
	u16 c;

	if (READ_ONCE(lockdep_off) || !lock->name)
		return;
	local_irq_save(flags);
	if (this_cpu_read(in_lockdep)) {
		local_irq_restore(flags);
		return;
	}
	this_cpu_write(in_lockdep, 1);
	c = lock_class(lock);
	hs = this_cpu_ptr(&held_locks);
	if (!c || hs->depth >= MAX_HELD) {
		this_cpu_write(in_lockdep, 0);
		local_irq_restore(flags);
		return;
	}
	if (!trylock)
		for (int i = 0; i < hs->depth; i++)
			check_edge(hs->cls[i] - 1, c - 1);
	hs->cls[hs->depth++] = c;
	this_cpu_write(in_lockdep, 0);
	local_irq_restore(flags);
}

void lockdep_released(raw_spinlock_t *lock)
{
	unsigned long flags;
	struct held_stack *hs;
	u16 c = READ_ONCE(lock->class_id);

	if (!c)
		return;
	local_irq_save(flags);
	if (this_cpu_read(in_lockdep)) {
		local_irq_restore(flags);
		return;
	}
	hs = this_cpu_ptr(&held_locks);
	for (int i = hs->depth - 1; i >= 0; i--) {
		if (hs->cls[i] == c) {
			memmove(&hs->cls[i], &hs->cls[i + 1], (hs->depth - i - 1) * sizeof(u16));
			hs->depth--;
			break;
		}
	}
	local_irq_restore(flags);
}

/*
 * Before current may block on a mutex: check the order against the
 * mutexes it holds.  Context: process context.
 */
void lockdep_mutex_acquire(struct mutex *lock)
{
	struct task_struct *t = current;
	unsigned long flags;
	u16 c;

	if (READ_ONCE(lockdep_off) || !lock->name)
		return;
	local_irq_save(flags);
	if (!this_cpu_read(in_lockdep)) {
		this_cpu_write(in_lockdep, 1);
		c = name_class(&lock->class_id, lock->name);
		for (int i = 0; c && i < t->nr_held_mutex; i++)
			check_edge(t->held_mutex[i] - 1, c - 1);
		this_cpu_write(in_lockdep, 0);
	}
	local_irq_restore(flags);
}

/* current now owns lock (after a check, or a trylock: no check). */
void lockdep_mutex_acquired(struct mutex *lock)
{
	struct task_struct *t = current;
	u16 c = READ_ONCE(lock->class_id);

	if (!c && lock->name && !READ_ONCE(lockdep_off)) {
		unsigned long flags;

		local_irq_save(flags);
		c = name_class(&lock->class_id, lock->name);
		local_irq_restore(flags);
	}
	if (c && t->nr_held_mutex < (int)ARRAY_SIZE(t->held_mutex))
		t->held_mutex[t->nr_held_mutex++] = c;
}

void lockdep_mutex_released(struct mutex *lock)
{
	struct task_struct *t = current;
	u16 c = READ_ONCE(lock->class_id);

	for (int i = t->nr_held_mutex - 1; c && i >= 0; i--) {
		if (t->held_mutex[i] == c) {
			memmove(&t->held_mutex[i], &t->held_mutex[i + 1],
				(t->nr_held_mutex - i - 1) * sizeof(u16));
			t->nr_held_mutex--;
			break;
		}
	}
}

/* Panic and tests: stop recording (reports stay). */
void lockdep_disable(void)
{
	WRITE_ONCE(lockdep_off, true);
}

int lockdep_nr_classes(void)
{
	return READ_ONCE(nr_classes);
}

#endif
