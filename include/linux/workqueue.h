#ifndef _LINUX_WORKQUEUE_H
#define _LINUX_WORKQUEUE_H

/*
 * Workqueues (kernel/workqueue.c), Linux's API and semantics: work items
 * (a function and a word of state) are queued on a workqueue and run in
 * process context by pooled kernel threads ("kworkers").  See the essay
 * at the top of kernel/workqueue.c for the design and the life cycles.
 *
 *   idle --queue_work()--> PENDING (queued) --a worker picks it--> running
 *    ^      (claims PENDING                     (PENDING cleared before
 *    |       atomically)                         the function is called)
 *    +------------------------ the function returns ----------------+
 *
 * A work item may be queued again while it runs (even by itself); it then
 * runs once more, after the current run, never concurrently with itself.
 */
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/timer.h>
#include <linux/threads.h>
#include <linux/cpumask.h>

struct workqueue_struct;
struct work_struct;
struct task_struct;
typedef void (*work_func_t)(struct work_struct *work);

/*
 * work->data: the low WORK_STRUCT_FLAG_BITS bits are flags; while the item
 * is queued the rest is its pool_workqueue's address (pwqs are aligned to
 * 1 << WORK_STRUCT_FLAG_BITS), otherwise the id of the pool it last ran
 * on, above the off-queue flags.
 */
enum {
	WORK_STRUCT_PENDING_BIT	= 0,	/* queued, or claimed by a queuer/canceller */
	WORK_STRUCT_INACTIVE_BIT = 1,	/* on a pwq's inactive list (max_active) */
	WORK_STRUCT_PWQ_BIT	= 2,	/* data holds a pwq pointer */
	WORK_STRUCT_LINKED_BIT	= 3,	/* the next item moves with this one */
	WORK_STRUCT_COLOR_SHIFT	= 4,	/* flush colour */
	WORK_STRUCT_COLOR_BITS	= 4,
	WORK_STRUCT_FLAG_BITS	= WORK_STRUCT_COLOR_SHIFT + WORK_STRUCT_COLOR_BITS,

	WORK_STRUCT_PENDING	= 1 << WORK_STRUCT_PENDING_BIT,
	WORK_STRUCT_INACTIVE	= 1 << WORK_STRUCT_INACTIVE_BIT,
	WORK_STRUCT_PWQ		= 1 << WORK_STRUCT_PWQ_BIT,
	WORK_STRUCT_LINKED	= 1 << WORK_STRUCT_LINKED_BIT,

	/* 15 flush colours; the 16th value is "no colour" (unused: barriers have one) */
	WORK_NR_COLORS		= (1 << WORK_STRUCT_COLOR_BITS) - 1,
	WORK_NO_COLOR		= WORK_NR_COLORS,

	/* off-queue: one flag, then the pool id */
	WORK_OFFQ_FLAG_BASE	= WORK_STRUCT_FLAG_BITS,
	WORK_OFFQ_CANCELING_BIT	= WORK_OFFQ_FLAG_BASE,
	WORK_OFFQ_CANCELING	= 1 << WORK_OFFQ_CANCELING_BIT,
	WORK_OFFQ_FLAG_BITS	= 1,
	WORK_OFFQ_POOL_SHIFT	= WORK_OFFQ_FLAG_BASE + WORK_OFFQ_FLAG_BITS,
	WORK_OFFQ_POOL_BITS	= 31,

	WORK_CPU_UNBOUND	= NR_CPUS,

	/* work_busy() */
	WORK_BUSY_PENDING	= 1 << 0,
	WORK_BUSY_RUNNING	= 1 << 1,

	WORKER_DESC_LEN		= 24,
};

#define WORK_OFFQ_POOL_NONE	((1UL << WORK_OFFQ_POOL_BITS) - 1)
#define WORK_STRUCT_FLAG_MASK	((1UL << WORK_STRUCT_FLAG_BITS) - 1)
#define WORK_STRUCT_WQ_DATA_MASK (~WORK_STRUCT_FLAG_MASK)
#define WORK_STRUCT_NO_POOL	(WORK_OFFQ_POOL_NONE << WORK_OFFQ_POOL_SHIFT)

/*
 * The debug magic: set by INIT_WORK/DECLARE_WORK, checked whenever an item
 * is queued, flushed or cancelled and whenever a worker takes it off a
 * queue, so an uninitialised item, or one freed (and poisoned) while
 * queued, is reported instead of corrupting a pool.
 */
#define WORK_MAGIC		0x3c0de5a1UL

struct work_struct {
	atomic_long_t data;		/* PENDING and friends, pwq or last pool */
	struct list_head entry;		/* on a pool or pwq list while queued */
	work_func_t func;
	unsigned long magic;		/* WORK_MAGIC once initialised */
};

#define WORK_DATA_INIT()	ATOMIC_INIT((long)WORK_STRUCT_NO_POOL)

#define __WORK_INITIALIZER(n, f) {					\
	.data = WORK_DATA_INIT(),					\
	.entry = { &(n).entry, &(n).entry },				\
	.func = (f),							\
	.magic = WORK_MAGIC,						\
	}

#define DECLARE_WORK(n, f)	struct work_struct n = __WORK_INITIALIZER(n, f)

#define __INIT_WORK(_work, _func) do {					\
	atomic_long_set(&(_work)->data, (long)WORK_STRUCT_NO_POOL);	\
	INIT_LIST_HEAD(&(_work)->entry);				\
	(_work)->func = (_func);					\
	(_work)->magic = WORK_MAGIC;					\
} while (0)
#define INIT_WORK(_work, _func)		__INIT_WORK((_work), (_func))
#define INIT_WORK_ONSTACK(_work, _func)	__INIT_WORK((_work), (_func))
#define PREPARE_WORK(_work, _func)	do { (_work)->func = (_func); } while (0)

/* The end of an on-stack item's life: it must be idle. */
static inline void destroy_work_on_stack(struct work_struct *work)
{
	work->magic = 0;
}

#define work_data_bits(work)	((unsigned long *)(&(work)->data))
#define work_pending(work)	test_bit(WORK_STRUCT_PENDING_BIT, work_data_bits(work))

/* A work item queued by a timer after a delay (TIMER_IRQSAFE timer). */
struct delayed_work {
	struct work_struct work;
	struct timer_list timer;
	struct workqueue_struct *wq;	/* target, while the timer is pending */
	int cpu;			/* target CPU or WORK_CPU_UNBOUND */
};

void delayed_work_timer_fn(struct timer_list *t);

#define __DELAYED_WORK_INITIALIZER(n, f, tflags) {			\
	.work = __WORK_INITIALIZER((n).work, (f)),			\
	.timer = __TIMER_INITIALIZER(delayed_work_timer_fn, (tflags) | TIMER_IRQSAFE), \
	}
#define DECLARE_DELAYED_WORK(n, f) \
	struct delayed_work n = __DELAYED_WORK_INITIALIZER(n, f, 0)
#define DECLARE_DEFERRABLE_WORK(n, f) \
	struct delayed_work n = __DELAYED_WORK_INITIALIZER(n, f, TIMER_DEFERRABLE)

#define __INIT_DELAYED_WORK(_work, _func, _tflags) do {			\
	INIT_WORK(&(_work)->work, (_func));				\
	timer_setup(&(_work)->timer, delayed_work_timer_fn, (_tflags) | TIMER_IRQSAFE); \
	(_work)->wq = NULL;						\
	(_work)->cpu = WORK_CPU_UNBOUND;				\
} while (0)
#define INIT_DELAYED_WORK(_work, _func)		__INIT_DELAYED_WORK(_work, _func, 0)
#define INIT_DELAYED_WORK_ONSTACK(_work, _func)	__INIT_DELAYED_WORK(_work, _func, 0)
#define INIT_DEFERRABLE_WORK(_work, _func)	__INIT_DELAYED_WORK(_work, _func, TIMER_DEFERRABLE)

static inline struct delayed_work *to_delayed_work(struct work_struct *work)
{
	return container_of(work, struct delayed_work, work);
}

static inline void destroy_delayed_work_on_stack(struct delayed_work *work)
{
	destroy_timer_on_stack(&work->timer);
	destroy_work_on_stack(&work->work);
}

#define delayed_work_pending(w)	work_pending(&(w)->work)

/*
 * Workqueue flags (Linux's values).  WQ_MEM_RECLAIM, WQ_FREEZABLE, WQ_SYSFS
 * and WQ_POWER_EFFICIENT are accepted: this kernel has no memory reclaim,
 * no suspend and no sysfs, so they change nothing.
 */
enum {
	WQ_UNBOUND		= 1 << 1,	/* not bound to any CPU */
	WQ_FREEZABLE		= 1 << 2,
	WQ_MEM_RECLAIM		= 1 << 3,
	WQ_HIGHPRI		= 1 << 4,	/* workers at nice -20 */
	WQ_CPU_INTENSIVE	= 1 << 5,	/* not counted by concurrency management */
	WQ_SYSFS		= 1 << 6,
	WQ_POWER_EFFICIENT	= 1 << 7,

	__WQ_DESTROYING		= 1 << 15,	/* internal */
	__WQ_DRAINING		= 1 << 16,	/* internal */
	__WQ_ORDERED		= 1 << 17,	/* internal: one item at a time, in order */
	__WQ_LEGACY		= 1 << 18,	/* internal: create*_workqueue() */

	WQ_MAX_ACTIVE		= 512,
	WQ_UNBOUND_MAX_ACTIVE	= WQ_MAX_ACTIVE,
	WQ_DFL_ACTIVE		= WQ_MAX_ACTIVE / 2,
};

/* Attributes of an unbound pool: workqueues with equal ones share a pool. */
struct workqueue_attrs {
	int nice;			/* of the workers */
	struct cpumask cpumask;		/* where the workers may run */
};

struct workqueue_attrs *alloc_workqueue_attrs(void);
void free_workqueue_attrs(struct workqueue_attrs *attrs);
int apply_workqueue_attrs(struct workqueue_struct *wq, const struct workqueue_attrs *attrs);

/* The system workqueues (created by workqueue_init()). */
extern struct workqueue_struct *system_wq;		/* "events", per-CPU */
extern struct workqueue_struct *system_highpri_wq;	/* "events_highpri" */
extern struct workqueue_struct *system_long_wq;		/* "events_long" */
extern struct workqueue_struct *system_unbound_wq;	/* "events_unbound" */
extern struct workqueue_struct *system_freezable_wq;
extern struct workqueue_struct *system_power_efficient_wq;
extern struct workqueue_struct *system_freezable_power_efficient_wq;

__printf(1, 4)
struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags, int max_active, ...);
#define alloc_ordered_workqueue(fmt, flags, args...) \
	alloc_workqueue(fmt, WQ_UNBOUND | __WQ_ORDERED | (flags), 1, ##args)
#define create_workqueue(name) \
	alloc_workqueue("%s", __WQ_LEGACY | WQ_MEM_RECLAIM, 1, (name))
#define create_freezable_workqueue(name) \
	alloc_workqueue("%s", __WQ_LEGACY | WQ_FREEZABLE | WQ_UNBOUND | WQ_MEM_RECLAIM, 1, (name))
#define create_singlethread_workqueue(name) \
	alloc_ordered_workqueue("%s", __WQ_LEGACY | WQ_MEM_RECLAIM, (name))
void destroy_workqueue(struct workqueue_struct *wq);

bool queue_work_on(int cpu, struct workqueue_struct *wq, struct work_struct *work);
bool queue_work_node(int node, struct workqueue_struct *wq, struct work_struct *work);
bool queue_delayed_work_on(int cpu, struct workqueue_struct *wq, struct delayed_work *work,
			   unsigned long delay);
bool mod_delayed_work_on(int cpu, struct workqueue_struct *wq, struct delayed_work *dwork,
			 unsigned long delay);

void flush_workqueue(struct workqueue_struct *wq);
#define __flush_workqueue(wq)	flush_workqueue(wq)
void drain_workqueue(struct workqueue_struct *wq);
bool flush_work(struct work_struct *work);
bool flush_delayed_work(struct delayed_work *dwork);
bool cancel_work(struct work_struct *work);
bool cancel_work_sync(struct work_struct *work);
bool cancel_delayed_work(struct delayed_work *dwork);
bool cancel_delayed_work_sync(struct delayed_work *dwork);
int schedule_on_each_cpu(work_func_t func);
long work_on_cpu(int cpu, long (*fn)(void *), void *arg);

void workqueue_set_max_active(struct workqueue_struct *wq, int max_active);
bool workqueue_congested(int cpu, struct workqueue_struct *wq);
unsigned int work_busy(struct work_struct *work);
struct work_struct *current_work(void);
bool current_is_workqueue_rescuer(void);
__printf(1, 2) void set_worker_desc(const char *fmt, ...);

/* Queue work on a workqueue (on the local CPU for per-CPU workqueues). */
static inline bool queue_work(struct workqueue_struct *wq, struct work_struct *work)
{
	return queue_work_on(WORK_CPU_UNBOUND, wq, work);
}

static inline bool queue_delayed_work(struct workqueue_struct *wq, struct delayed_work *dwork,
				      unsigned long delay)
{
	return queue_delayed_work_on(WORK_CPU_UNBOUND, wq, dwork, delay);
}

static inline bool mod_delayed_work(struct workqueue_struct *wq, struct delayed_work *dwork,
				    unsigned long delay)
{
	return mod_delayed_work_on(WORK_CPU_UNBOUND, wq, dwork, delay);
}

static inline bool schedule_work_on(int cpu, struct work_struct *work)
{
	return queue_work_on(cpu, system_wq, work);
}

static inline bool schedule_work(struct work_struct *work)
{
	return queue_work(system_wq, work);
}

static inline bool schedule_delayed_work_on(int cpu, struct delayed_work *dwork,
					    unsigned long delay)
{
	return queue_delayed_work_on(cpu, system_wq, dwork, delay);
}

static inline bool schedule_delayed_work(struct delayed_work *dwork, unsigned long delay)
{
	return queue_delayed_work(system_wq, dwork, delay);
}

/* Deprecated in Linux (it waits for everyone's work); kept for old code. */
static inline void flush_scheduled_work(void)
{
	flush_workqueue(system_wq);
}

/* Boot: pools, workers, system workqueues, hotplug hooks.  Return: 0 or -errno. */
int workqueue_init(void);

/* Scheduler hooks (also declared in linux/sched.h). */
void wq_worker_sleeping(struct task_struct *task);
void wq_worker_running(struct task_struct *task);

/*
 * Debugging and tests (not Linux API).  The lists are for debug tools
 * (GDB helpers, the serial monitor): every workqueue is on `workqueues`
 * (wq_pool_mutex), every pool on `wq_all_pools` (wq_pools_lock).
 */
extern struct list_head workqueues;
extern struct list_head wq_all_pools;
void show_all_workqueues(void);
void wq_show(__printf(1, 2) void (*pr)(const char *fmt, ...));

struct wq_pool_info {
	int id;			/* pool id (kworker/u<id>:N for unbound pools) */
	int cpu;		/* -1 for unbound */
	int nice;
	int refcnt;		/* unbound pools: workqueue references */
	int nr_workers;		/* attached and not dying */
	int nr_idle;
	int nr_running;		/* counted by concurrency management */
	int nr_attached;	/* on pool->workers, dying ones included */
	int nr_pending;		/* items on the pool's worklist */
	bool disassociated;
	bool manager_active;
};

/*
 * workqueue_pool_info - snapshot the pool serving wq on cpu (any cpu for
 * an unbound workqueue).  Context: may sleep.  Return: 0, -EINVAL.
 */
int workqueue_pool_info(struct workqueue_struct *wq, int cpu, struct wq_pool_info *info);

/*
 * Test hooks.  workqueue_set_idle_timeout() sets IDLE_WORKER_TIMEOUT (in
 * jiffies, at least 1) for idle timers armed from now on and returns the
 * old value; workqueue_set_watchdog_thresh() does the same for the stall
 * watchdog's 30 s.  wq_dying_worker_hook, when set, is called by every
 * dying worker after it has renamed itself and freed its id, before it
 * detaches from its pool.  workqueue_pool_trim() destroys idle workers of
 * the pool serving wq on cpu, newest (highest id) first, until at most
 * keep remain (ignoring the two-idle rule) and waits until they have
 * detached; tests use it to put per-CPU pools back as they found them.
 */
unsigned long workqueue_set_idle_timeout(unsigned long timeout);
unsigned long workqueue_set_watchdog_thresh(unsigned long thresh);
extern void (*wq_dying_worker_hook)(struct task_struct *task, int id);
int workqueue_pool_trim(struct workqueue_struct *wq, int cpu, int keep);

struct wq_stats {
	atomic_long_t workers_created;
	atomic_long_t workers_destroyed;
	atomic_long_t create_failures;	/* worker creation attempts that failed */
	atomic_long_t watchdog_reports;
	atomic_long_t corrupt_items;	/* bad-magic items taken off a queue */
	void *watchdog_last_func;	/* the running function last reported */
};
extern struct wq_stats wq_stats;

#endif
