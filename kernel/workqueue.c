/*
 * Workqueues: Linux's deferred-work API on shared pools of kernel threads.
 *
 * What it does.  A work item (struct work_struct: a function and a word of
 * state) is queued on a workqueue and later run, in process context, by a
 * kworker.  Workqueues do not own threads.  Every possible CPU has two
 * worker pools (normal, and high priority at nice -20) whose workers are
 * bound to that CPU; unbound pools (cpu -1) are created on demand for a
 * set of attributes (nice, cpumask) and shared, reference counted, by
 * every workqueue with equal attributes.  A pool_workqueue (pwq) joins a
 * workqueue to a pool and carries the per-pair state: max_active and the
 * inactive list of items over it, the flush colours, a reference count.
 *
 * Life of a work item (work->data, see linux/workqueue.h):
 *
 *            queue_work(): test_and_set PENDING (a full barrier either way)
 *   idle ---------------------------------------------------> pending
 *   (data: last pool id)                          (data: pwq | PENDING | colour)
 *    ^                                                 |  on pool->worklist, or on
 *    |   cancel: grab PENDING, take it off its list    |  pwq->inactive_works while
 *    +<------------------------------------------------+  max_active items are active
 *    |                                                 | a worker takes it: PENDING
 *    |        function returns                         v cleared (data: pool id)
 *    +------------------------------------------- running (may be queued again
 *                                                  meanwhile: it runs once more,
 *                                                  after, on the same worker)
 *
 * Life of a worker:
 *
 *   create_worker (manager): id, kthread, bind (before the first wake-up),
 *   attach to pool->workers --> IDLE (on pool->idle_list)
 *      |  ^ no more work                         | destroy_worker(): idle timer,
 *      v  |                                      | pool teardown, trim: WORKER_DIE,
 *    BUSY (process_one_work; in busy_hash)       v off the idle list, wake it
 *                                                  (once the lock is dropped)
 *                                              DYING: renames itself "kworker/dying",
 *                                              frees its id (reusable at once),
 *                                              detaches (the last one completes the
 *                                              pool's detach_completion), frees its
 *                                              struct, returns: the kthread exits
 *
 * Destroying a worker never waits for it (the seed "workqueue: async
 * worker destruction"): destroy_worker() runs under the pool lock, from
 * the idle timer too.  Only pool teardown waits: it takes the manager role
 * (so no worker can be created), destroys every idle worker, and, if
 * pool->workers is still not empty, sleeps on a completion that the last
 * worker to detach completes.  "List empty?" (the detaching worker) and
 * "set the completion" (teardown) are both decided under the pool lock,
 * so the wake-up cannot be missed; after detaching, a worker never
 * touches its pool again.  Linux detaches under its attach mutex; here a
 * detach needs only the pool lock, so a pool's dying workers do not queue
 * up on a sleeping lock one wake-up after another (that convoy made pool
 * teardown ten times slower on 8 vCPUs).  The attach mutex still
 * serialises attaching with CPU hotplug, which walks pool->workers with
 * POOL_HOTPLUG_WALK set: detaches wait for the walk to end.
 *
 * Concurrency management (per-CPU pools).  nr_running counts the pool's
 * workers that are running work and not flagged NOT_RUNNING.  A new item
 * wakes an idle worker only when nr_running is 0; the scheduler calls
 * wq_worker_sleeping() when a busy worker blocks (it drops nr_running and,
 * if work is pending and no one else runs, wakes the next idle worker) and
 * wq_worker_running() when it runs again.  So one CPU-bound item holds its
 * pool back and a blocking one lets the next run.  Unbound pools (and
 * per-CPU pools whose CPU is down) flag every worker UNBOUND: nr_running
 * stays 0 and every pending item gets a worker.  When no idle worker is
 * left, one worker at a time (POOL_MANAGER_ACTIVE) becomes the manager and
 * creates workers, retrying after CREATE_COOLDOWN on failure (the work
 * stays queued).  The idle timer destroys the oldest idle workers while
 * too_many_workers() (more than two idle, and idle - 2 at least a quarter
 * of busy), each after IDLE_WORKER_TIMEOUT of idleness.
 *
 * Flushing.  flush_work() queues a barrier item right behind the target
 * (linked to it) or at the head of the worker running it, and waits for
 * it: it waits for the last queued instance only.  flush_workqueue() uses
 * flush colours: each queued item carries its pwq's current colour; a
 * flusher advances the workqueue's colour and waits until every item of
 * the old colour has retired, so work queued later never holds it up.
 * Barriers take their target's colour (and never count towards
 * max_active), so a flush_workqueue(), and destroy's final checks, also
 * wait for flush_work() barriers still in flight (as Linux since 5.16).
 *
 * Lookups without references.  Code that holds no reference may still
 * read a pool or pwq pointer from a work item's data (flush, cancel,
 * queue's non-reentrancy check) or an unbound workqueue's current pwq.
 * It does so in a lookup section (wq_lookup_begin/end: this CPU's
 * wq_lookup_lock, interrupts off) and locks the pool before it leaves the
 * section; whoever frees an unbound pool or a pwq first unpublishes it,
 * then waits for every CPU's lookup section (wq_lookup_sync()), then frees
 * it.  Per-CPU pools are never freed.
 *
 * CPU hotplug.  Before a CPU goes down its pools are disassociated: every
 * worker is flagged UNBOUND and allowed on every CPU, nr_running is reset,
 * pending work is kicked; the pools then behave as unbound ones and
 * nothing is lost.  When the CPU is back, workers are bound to it again
 * and UNBOUND becomes REBOUND, which each worker clears on its next round,
 * re-entering concurrency management.
 *
 * Safety nets: queueing to a destroyed or draining workqueue (except
 * chained work from the workqueue's own items while draining) is reported
 * and dropped; flushing a workqueue or an item from the item that would
 * have to finish first is reported instead of deadlocking; a watchdog
 * reports a pool whose pending work has not progressed for 30 s; items
 * whose magic is bad (never initialised, or freed while queued) are
 * reported and taken off the queues without being touched, and the pool's
 * counts are rebuilt (pool_recount) so flushes and destroy still finish.
 *
 * Lock legend (struct fields):
 *   I   set before the object is visible, then read-only
 *   L   pool->lock (raw, interrupts off)
 *   A   wq_pool_attach_mutex
 *   LA  both to write, either to read
 *   W   pool->workers: attach holds A and L, detach holds L and waits
 *       while POOL_HOTPLUG_WALK is set; walked under L, or under A with
 *       POOL_HOTPLUG_WALK set
 *   PM  wq_pool_mutex
 *   PL  wq_pools_lock (raw, irqsave)
 *   WQ  wq->mutex
 *   WL  wq->mutex and pool->lock to write, either to read
 *   R   readable in a lookup section; freed only after wq_lookup_sync()
 *   O   only the worker itself
 *   X   atomic
 *
 * Lock order (outermost first):
 *   cpu_hotplug_lock (hotplug callbacks) -> wq_pool_attach_mutex
 *   wq_pool_mutex -> wq_pool_attach_mutex (a new unbound pool's first worker)
 *   wq_pool_mutex and wq->mutex are never held together
 *   any of the mutexes -> wq_lookup_lock (this CPU's, interrupts off)
 *     -> pool->lock of an unbound pool
 *       -> pool->lock of a per-CPU pool (only: queueing a pwq's release work)
 *         -> scheduler locks (p->pi_lock, rq->lock), timer base locks
 *   wq_pools_lock -> pool->lock (the watchdog)
 *   wq_cancel_waitq.lock, wq_manager_wait.lock: taken alone
 * Whoever waits for lookups (wq_lookup_sync) holds no spinlock.
 */
#include <linux/kernel.h>
#include <linux/workqueue.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/mutex.h>
#include <linux/completion.h>
#include <linux/wait.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/jiffies.h>
#include <linux/timer.h>
#include <linux/delay.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/irqflags.h>
#include <linux/preempt.h>
#include <linux/spinlock.h>
#include <linux/errno.h>
#include <kernel/trace.h>
#include <asm/processor.h>
#include <linux/sched/task.h>
#include <kernel/time.h>

enum {
	/* pool->flags */
	POOL_MANAGER_ACTIVE	= 1 << 0,	/* a worker (or teardown) is the manager */
	POOL_DISASSOCIATED	= 1 << 2,	/* unbound, or its CPU is down */
	POOL_HOTPLUG_WALK	= 1 << 3,	/* hotplug walks pool->workers unlocked */

	/* worker->flags */
	WORKER_DIE		= 1 << 1,	/* asked to exit */
	WORKER_IDLE		= 1 << 2,	/* on the idle list */
	WORKER_PREP		= 1 << 3,	/* between work rounds */
	WORKER_CPU_INTENSIVE	= 1 << 6,	/* running a WQ_CPU_INTENSIVE item */
	WORKER_UNBOUND		= 1 << 7,	/* of an unbound or disassociated pool */
	WORKER_REBOUND		= 1 << 8,	/* bound again, not counted yet */
	WORKER_NOT_RUNNING	= WORKER_PREP | WORKER_CPU_INTENSIVE |
				  WORKER_UNBOUND | WORKER_REBOUND,

	NR_STD_WORKER_POOLS	= 2,		/* normal and highpri, per CPU */
	BUSY_WORKER_HASH_ORDER	= 5,
	MAX_IDLE_WORKERS_RATIO	= 4,		/* 1/4 of busy may stay idle */
	IDLE_WORKER_TIMEOUT	= 300 * HZ,
	CREATE_COOLDOWN		= HZ / 10,	/* between failed creations */
	WQ_WATCHDOG_THRESH	= 30 * HZ,

	WQ_MAX_POOLS		= 1024,		/* pool ids */
	WQ_FIRST_UNBOUND_ID	= NR_CPUS * NR_STD_WORKER_POOLS,
	WQ_MAX_WORKER_IDS	= 1024,		/* worker ids per pool */
	WQ_NAME_LEN		= 32,
};

#define POOL_MAGIC	0x9001c0deU
#define WORKER_MAGIC	0x30bcafe5U
#define WQ_MAGIC	0x77c0ffeeU
#define WQ_MAGIC_DEAD	0x77dead77U

struct worker_pool {
	/* what a queuer and the workers both touch per item: one cache line */
	raw_spinlock_t lock;		/* the pool lock, L */
	unsigned int flags;		/* L; DISASSOCIATED: LA */
	int nr_running;			/* L: workers counted by concurrency management */
	int nr_idle;			/* L */
	int nr_workers;			/* L: attached and not dying */
	bool recount;			/* L: a corrupt item was dropped */
	unsigned long watchdog_ts;	/* L: last forward progress (jiffies) */
	struct list_head worklist;	/* L: pending work */
	struct list_head idle_list;	/* L: idle workers, most recent first */

	unsigned int magic;		/* I: POOL_MAGIC */
	int cpu;			/* I: the CPU, -1 for unbound pools */
	int id;				/* I: index in pool_table */
	struct timer_list idle_timer;	/* L: culls idle workers */
	struct hlist_head busy_hash[1 << BUSY_WORKER_HASH_ORDER];	/* L: by work address */
	struct worker *manager;		/* L: the worker holding the manager role */
	unsigned long worker_ids[BITS_TO_LONGS(WQ_MAX_WORKER_IDS)];	/* L: id allocator */

	struct list_head workers;	/* W: every attached worker, dying ones included */
	struct completion *detach_completion;	/* L: teardown waits for the last detach */

	struct workqueue_attrs attrs;	/* I */
	struct list_head pwqs;		/* L: pwqs on this pool */
	struct list_head unbound_node;	/* PM: on unbound_pools */
	struct list_head all_node;	/* PL: on wq_all_pools */
	int refcnt;			/* PM: unbound pools, one per pwq */
} __aligned(64);

/*
 * A pwq's address is stored in work->data, so it is aligned to leave the
 * flag bits free (kmalloc aligns power-of-two sizes naturally).
 */
struct pool_workqueue {
	/* the first cache line holds what queueing and retiring touch */
	struct worker_pool *pool;	/* I */
	struct workqueue_struct *wq;	/* I */
	int refcnt;			/* L: base (while installed) + one per item */
	int work_color;			/* WL: colour of newly queued items */
	int nr_active;			/* L: active items (running or on the worklist) */
	int max_active;			/* L */
	struct list_head inactive_works;	/* L: items over max_active */
	int flush_color;		/* WL: colour being flushed, or -1 */
	bool base_ref;			/* L: still installed in its workqueue */
	int nr_in_flight[WORK_NR_COLORS];	/* L: queued and running, per colour */
	struct list_head pwqs_node;	/* WQ: on wq->pwqs */
	struct list_head pool_node;	/* L: on pool->pwqs */
	struct work_struct release_work;	/* frees a replaced unbound pwq */
} __aligned(1 << WORK_STRUCT_FLAG_BITS);

/* One flush_workqueue() caller. */
struct wq_flusher {
	struct list_head list;		/* WQ: on flusher_queue or flusher_overflow */
	int flush_color;		/* WQ */
	struct completion done;
};

struct workqueue_struct {
	unsigned int magic;		/* WQ_MAGIC while alive, read locklessly */
	unsigned int flags;		/* WQ to write (__WQ_DRAINING/DESTROYING), read locklessly */
	struct list_head pwqs;		/* WQ: every pwq */
	struct list_head list;		/* PM: on workqueues */
	struct mutex mutex;		/* protects WQ */

	int work_color;			/* WQ: colour of new items */
	int flush_color;		/* WQ: colour being flushed */
	atomic_t nr_pwqs_to_flush;	/* X: pwqs the first flusher waits for */
	struct wq_flusher *first_flusher;	/* WQ; read under pool->lock by the last retiring item */
	struct list_head flusher_queue;	/* WQ: flushers with a colour */
	struct list_head flusher_overflow;	/* WQ: flushers waiting for a colour */
	int nr_drainers;		/* WQ */
	int saved_max_active;		/* WQ */

	struct pool_workqueue *dfl_pwq;	/* WQ to write, R: unbound workqueues */
	char name[WQ_NAME_LEN];		/* I */
	struct pool_workqueue *cpu_pwq[];	/* I: per-CPU workqueues, by CPU */
};

struct worker {
	struct list_head entry;		/* L: on pool->idle_list while idle */
	struct hlist_node hentry;	/* L: in pool->busy_hash while busy */
	struct work_struct *current_work;	/* L */
	work_func_t current_func;	/* L */
	struct pool_workqueue *current_pwq;	/* L */
	unsigned long current_data;	/* L: current_work's data when it was taken */
	struct list_head scheduled;	/* L: items this worker runs next */

	struct task_struct *task;	/* I */
	struct worker_pool *pool;	/* I while attached */
	struct list_head node;		/* W: on pool->workers */
	unsigned long last_active;	/* L: when it last went idle */
	unsigned int flags;		/* L; written by the worker or under LA */
	int id;				/* I */
	int sleeping;			/* O: counted out by wq_worker_sleeping() */
	unsigned int magic;		/* I: WORKER_MAGIC */
	work_func_t last_func;		/* L: for debugging */
	char desc[WORKER_DESC_LEN];	/* O: set_worker_desc() */
};

struct wq_barrier {
	struct work_struct work;
	struct completion done;
};

/* ---- global state ---- */

static DEFINE_MUTEX(wq_pool_mutex);
static DEFINE_MUTEX(wq_pool_attach_mutex);
static DEFINE_RAW_SPINLOCK(wq_pools_lock);

LIST_HEAD(workqueues);				/* PM */
LIST_HEAD(wq_all_pools);			/* PL */
static LIST_HEAD(unbound_pools);		/* PM */
static struct worker_pool *pool_table[WQ_MAX_POOLS];	/* PL to write, R */
static unsigned long pool_ids[BITS_TO_LONGS(WQ_MAX_POOLS)];	/* PL */
static struct worker_pool *cpu_pools[NR_CPUS][NR_STD_WORKER_POOLS];	/* I */
static struct workqueue_attrs unbound_std_attrs[NR_STD_WORKER_POOLS];	/* I */
static const int std_nice[NR_STD_WORKER_POOLS] = { 0, MIN_NICE };

static DEFINE_PER_CPU(raw_spinlock_t, wq_lookup_lock);
static DEFINE_PER_CPU(int, wq_lookup_depth);	/* this CPU only, interrupts off */

static bool wq_online;				/* workers may be created */
static unsigned long wq_idle_timeout = IDLE_WORKER_TIMEOUT;
static unsigned long wq_watchdog_thresh = WQ_WATCHDOG_THRESH;
static DECLARE_WAIT_QUEUE_HEAD(wq_manager_wait);	/* MANAGER_ACTIVE or HOTPLUG_WALK cleared */
static DECLARE_WAIT_QUEUE_HEAD(wq_cancel_waitq);	/* a WORK_OFFQ_CANCELING ended */

struct workqueue_struct *system_wq;
struct workqueue_struct *system_highpri_wq;
struct workqueue_struct *system_long_wq;
struct workqueue_struct *system_unbound_wq;
struct workqueue_struct *system_freezable_wq;
struct workqueue_struct *system_power_efficient_wq;
struct workqueue_struct *system_freezable_power_efficient_wq;

void (*wq_dying_worker_hook)(struct task_struct *task, int id);
struct wq_stats wq_stats;

static void wq_watchdog_fn(struct timer_list *t);
static DEFINE_TIMER(wq_watchdog_timer, wq_watchdog_fn);

static void pool_recount(struct worker_pool *pool, struct worker *self);
static void put_pwq(struct pool_workqueue *pwq);

#ifdef CONFIG_DEBUG_KERNEL
#define assert_pool_locked(pool)	lockdep_assert_held(&(pool)->lock)
#else
#define assert_pool_locked(pool)	do { } while (0)
#endif

/* ---- lookup sections ---- */

/*
 * wq_lookup_begin/end - bracket the reading of a pool or pwq pointer that
 * no reference pins, up to taking that pool's lock.  They nest.
 * Context: interrupts disabled (and kept disabled in between).
 */
static void wq_lookup_begin(void)
{
	int *depth = this_cpu_ptr(&wq_lookup_depth);

	if ((*depth)++ == 0)
		raw_spin_lock(this_cpu_ptr(&wq_lookup_lock));
}

static void wq_lookup_end(void)
{
	int *depth = this_cpu_ptr(&wq_lookup_depth);

	if (--(*depth) == 0)
		raw_spin_unlock(this_cpu_ptr(&wq_lookup_lock));
}

/*
 * wq_lookup_sync - wait until every lookup section that might have seen
 * an unpublished pool or pwq has ended.  Context: may sleep; no spinlock
 * held.
 */
static void wq_lookup_sync(void)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		raw_spinlock_t *l = per_cpu_ptr(&wq_lookup_lock, cpu);

		raw_spin_lock_irq(l);
		raw_spin_unlock_irq(l);
	}
}

/* ---- work->data ---- */

static inline void set_work_data(struct work_struct *work, unsigned long data)
{
	atomic_long_set(&work->data, (long)data);
}

static inline unsigned long work_data(struct work_struct *work)
{
	return (unsigned long)atomic_long_read(&work->data);
}

static inline struct pool_workqueue *data_pwq(unsigned long data)
{
	return (data & WORK_STRUCT_PWQ) ? (void *)(data & WORK_STRUCT_WQ_DATA_MASK) : NULL;
}

static inline int data_color(unsigned long data)
{
	return (data >> WORK_STRUCT_COLOR_SHIFT) & ((1 << WORK_STRUCT_COLOR_BITS) - 1);
}

static inline unsigned long color_flags(int color)
{
	return (unsigned long)color << WORK_STRUCT_COLOR_SHIFT;
}

static inline int next_color(int color)
{
	return (color + 1) % WORK_NR_COLORS;
}

static inline struct pool_workqueue *get_work_pwq(struct work_struct *work)
{
	return data_pwq(work_data(work));
}

static void set_work_pwq(struct work_struct *work, struct pool_workqueue *pwq,
			 unsigned long extra)
{
	set_work_data(work, (unsigned long)pwq | WORK_STRUCT_PENDING | WORK_STRUCT_PWQ | extra);
}

static void set_work_pool_and_keep_pending(struct work_struct *work, int pool_id)
{
	set_work_data(work, ((unsigned long)pool_id << WORK_OFFQ_POOL_SHIFT) | WORK_STRUCT_PENDING);
}

/*
 * Clear PENDING and record the pool: the next queuer may claim the item.
 * The barrier after it orders the clearing before the function's loads,
 * so a queuer whose test_and_set failed (its stores came before that
 * full barrier) has its stores seen by this run.
 */
static void set_work_pool_and_clear_pending(struct work_struct *work, int pool_id)
{
	smp_wmb();
	set_work_data(work, (unsigned long)pool_id << WORK_OFFQ_POOL_SHIFT);
	smp_mb();
}

static void clear_work_data(struct work_struct *work)
{
	smp_wmb();
	set_work_data(work, WORK_STRUCT_NO_POOL);
	smp_mb();
}

/* The pool id of an item not on a queue (data holds no pwq). */
static unsigned long offq_pool_id(unsigned long data)
{
	return data >> WORK_OFFQ_POOL_SHIFT;
}

static bool work_is_canceling(struct work_struct *work)
{
	unsigned long data = work_data(work);

	return !(data & WORK_STRUCT_PWQ) && (data & WORK_OFFQ_CANCELING);
}

/* Context: the caller owns PENDING and the item is off-queue. */
static void mark_work_canceling(struct work_struct *work)
{
	unsigned long id = offq_pool_id(work_data(work));

	set_work_data(work, (id << WORK_OFFQ_POOL_SHIFT) | WORK_OFFQ_CANCELING |
		      WORK_STRUCT_PENDING);
}

static struct worker_pool *lookup_pool(unsigned long id)
{
	return id < WQ_MAX_POOLS ? READ_ONCE(pool_table[id]) : NULL;
}

/*
 * get_work_pool - the pool the item is queued on or last ran on.
 * Context: lookup section.  Return: the pool or NULL (never queued).
 */
static struct worker_pool *get_work_pool(struct work_struct *work)
{
	unsigned long data = work_data(work);
	struct pool_workqueue *pwq = data_pwq(data);

	if (pwq)
		return READ_ONCE(pwq->pool);
	return lookup_pool(offq_pool_id(data));
}

/* Is the item initialised (and not freed)?  WARN with a backtrace if not. */
static bool work_is_sane(struct work_struct *work, const char *what)
{
	if (likely(work && READ_ONCE(work->magic) == WORK_MAGIC && work->func))
		return true;
	WARN(1, "workqueue: %s of work item %px that is not initialised (magic %#lx, func %ps)",
	     what, work, work ? READ_ONCE(work->magic) : 0UL, work ? (void *)work->func : NULL);
	return false;
}

static bool wq_is_alive(struct workqueue_struct *wq)
{
	return wq && READ_ONCE(wq->magic) == WQ_MAGIC;
}

/* ---- workers: flags, predicates, the busy hash ---- */

static struct worker *current_wq_worker(void)
{
	if (in_task() && (current->flags & PF_WQ_WORKER))
		return kthread_data(current);
	return NULL;
}

static inline unsigned int busy_hash_idx(struct work_struct *work)
{
	return ((unsigned long)work * 0x9E3779B97F4A7C15UL) >> (64 - BUSY_WORKER_HASH_ORDER);
}

/*
 * find_worker_executing_work - the worker of pool running work, matched
 * by address and function (an item freed and reused for something else
 * is not a match).  Context: pool->lock.  Return: the worker or NULL.
 */
static struct worker *find_worker_executing_work(struct worker_pool *pool,
						 struct work_struct *work)
{
	struct worker *worker;

	hlist_for_each_entry(worker, &pool->busy_hash[busy_hash_idx(work)], hentry)
		if (worker->current_work == work && worker->current_func == work->func)
			return worker;
	return NULL;
}

/* Set flags; entering NOT_RUNNING leaves nr_running.  Context: pool->lock, by the worker. */
static inline void worker_set_flags(struct worker *worker, unsigned int flags)
{
	struct worker_pool *pool = worker->pool;

	if ((flags & WORKER_NOT_RUNNING) && !(worker->flags & WORKER_NOT_RUNNING))
		pool->nr_running--;
	WRITE_ONCE(worker->flags, worker->flags | flags);
}

/* Clear flags; leaving NOT_RUNNING enters nr_running.  Context: pool->lock, by the worker. */
static inline void worker_clr_flags(struct worker *worker, unsigned int flags)
{
	struct worker_pool *pool = worker->pool;
	unsigned int oflags = worker->flags;

	WRITE_ONCE(worker->flags, oflags & ~flags);
	if ((flags & WORKER_NOT_RUNNING) && (oflags & WORKER_NOT_RUNNING) &&
	    !(worker->flags & WORKER_NOT_RUNNING))
		pool->nr_running++;
}

/* Work is pending and no worker is running it: someone must wake up. */
static inline bool need_more_worker(struct worker_pool *pool)
{
	return !list_empty(&pool->worklist) && !pool->nr_running;
}

static inline bool may_start_working(struct worker_pool *pool)
{
	return pool->nr_idle;
}

/* Another round for this worker: work left and at most itself running. */
static inline bool keep_working(struct worker_pool *pool)
{
	return !list_empty(&pool->worklist) && pool->nr_running <= 1;
}

static inline bool need_to_create_worker(struct worker_pool *pool)
{
	return need_more_worker(pool) && !may_start_working(pool);
}

/* Linux's rule: more than two idle, and idle - 2 at least a quarter of busy. */
static bool too_many_workers(struct worker_pool *pool)
{
	bool managing = pool->flags & POOL_MANAGER_ACTIVE;
	int nr_idle = pool->nr_idle + managing;
	int nr_busy = pool->nr_workers - nr_idle;

	return nr_idle > 2 && (nr_idle - 2) * MAX_IDLE_WORKERS_RATIO >= nr_busy;
}

static struct worker *first_idle_worker(struct worker_pool *pool)
{
	return list_first_entry_or_null(&pool->idle_list, struct worker, entry);
}

/*
 * kick_pool - wake the most recently idle worker if work is pending and
 * nobody runs.  A worker still on the idle list whose state is no longer
 * TASK_IDLE has been woken (TASK_WAKING while on a remote CPU's wake
 * list, then TASK_RUNNING) and has not yet taken the lock: it will look
 * at the worklist, so it is not woken again.
 * Context: pool->lock.  Return: whether a worker was (or is being) woken.
 */
static bool kick_pool(struct worker_pool *pool)
{
	struct worker *worker;

	assert_pool_locked(pool);
	if (!need_more_worker(pool))
		return false;
	worker = first_idle_worker(pool);
	if (!worker)
		return false;
	if (READ_ONCE(worker->task->__state) == TASK_IDLE)
		wake_up_process(worker->task);
	return true;
}

/* ---- the watchdog ---- */

/* Arm the stall watchdog (it stays armed while some pool has pending work). */
static void wq_watchdog_arm(void)
{
	if (!timer_pending(&wq_watchdog_timer))
		mod_timer(&wq_watchdog_timer,
			  jiffies + max(READ_ONCE(wq_watchdog_thresh) / 4, 1UL));
}

/* Report a stalled pool.  Context: pool->lock (softirq). */
static void wq_watchdog_report(struct worker_pool *pool, unsigned long stuck)
{
	struct work_struct *first = list_first_entry(&pool->worklist, struct work_struct, entry);
	struct worker *worker;
	void *running = NULL;
	int bkt;

	if (pool->cpu >= 0)
		pr_emerg("workqueue lockup: pool %d (cpu %d%s%s) has not made progress for %lu s\n",
			 pool->id, pool->cpu, pool->attrs.nice < 0 ? ", highpri" : "",
			 (pool->flags & POOL_DISASSOCIATED) ? ", disassociated" : "",
			 stuck / HZ);
	else
		pr_emerg("workqueue lockup: pool %d (unbound, nice %d) has not made progress for %lu s\n",
			 pool->id, pool->attrs.nice, stuck / HZ);
	for (bkt = 0; bkt < (1 << BUSY_WORKER_HASH_ORDER); bkt++)
		hlist_for_each_entry(worker, &pool->busy_hash[bkt], hentry) {
			pr_emerg("workqueue lockup:   %s (pid %d) is running %ps\n",
				 worker->task->comm, worker->task->pid, worker->current_func);
			if (!running)
				running = worker->current_func;
		}
	if (READ_ONCE(first->magic) == WORK_MAGIC)
		pr_emerg("workqueue lockup:   first pending: %ps\n", first->func);
	pr_emerg("workqueue lockup:   %d workers, %d idle, %d running\n", pool->nr_workers,
		 pool->nr_idle, pool->nr_running);
	wq_stats.watchdog_last_func = running;
	atomic_long_inc(&wq_stats.watchdog_reports);
}

/*
 * The stall watchdog: a pool with pending work whose watchdog_ts (touched
 * when its worklist becomes non-empty and whenever a worker takes an
 * item) is older than the threshold is reported, once per threshold.
 * Context: softirq (timer).
 */
static void wq_watchdog_fn(struct timer_list *t)
{
	unsigned long thresh = READ_ONCE(wq_watchdog_thresh), flags, now = jiffies;
	struct worker_pool *pool;
	bool pending = false;

	raw_spin_lock_irqsave(&wq_pools_lock, flags);
	list_for_each_entry(pool, &wq_all_pools, all_node) {
		raw_spin_lock(&pool->lock);
		if (!list_empty(&pool->worklist)) {
			pending = true;
			if (time_after(now, pool->watchdog_ts + thresh)) {
				wq_watchdog_report(pool, now - pool->watchdog_ts);
				pool->watchdog_ts = now;
			}
		}
		raw_spin_unlock(&pool->lock);
	}
	raw_spin_unlock_irqrestore(&wq_pools_lock, flags);
	if (pending)
		wq_watchdog_arm();
}

/* ---- queues: corruption checks ---- */

static inline bool entry_is_work(const struct list_head *n)
{
	return READ_ONCE(container_of(n, struct work_struct, entry)->magic) == WORK_MAGIC;
}

/*
 * worklist_unlink_corrupt - bad, a node of the list at head, is not a work
 * item any more (freed and poisoned, or overwritten, while queued).  Link
 * its neighbours to each other, found by walking from head both ways
 * (never through bad), so nothing is written into its memory; a second
 * bad node met on the way is dropped along with it.  The pool's counts
 * are rebuilt later (pool->recount).  Context: pool->lock.
 */
static void worklist_unlink_corrupt(struct worker_pool *pool, struct list_head *head,
				    struct list_head *bad)
{
	struct list_head *pred = head, *succ = head, *n;

	WARN(1, "workqueue: item %px on pool %d has a bad magic %#lx: freed or overwritten while queued; dropped",
	     container_of(bad, struct work_struct, entry), pool->id,
	     READ_ONCE(container_of(bad, struct work_struct, entry)->magic));
	for (n = head->next; n != bad && n != head && entry_is_work(n); n = n->next)
		pred = n;
	for (n = head->prev; n != bad && n != head && entry_is_work(n); n = n->prev)
		succ = n;
	pred->next = succ;
	succ->prev = pred;
	pool->recount = true;
	atomic_long_inc(&wq_stats.corrupt_items);
}

/*
 * first_work - the first item of head (pool->worklist or an inactive
 * list), checked, and its successor checked (unlinking the first writes
 * into it).  Context: pool->lock.  Return: the item or NULL.
 */
static struct work_struct *first_work(struct worker_pool *pool, struct list_head *head)
{
	for (;;) {
		struct list_head *first = head->next, *second;

		if (first == head)
			return NULL;
		if (unlikely(!entry_is_work(first))) {
			worklist_unlink_corrupt(pool, head, first);
			continue;
		}
		second = first->next;
		if (unlikely(second != head && !entry_is_work(second))) {
			worklist_unlink_corrupt(pool, head, second);
			continue;
		}
		return container_of(first, struct work_struct, entry);
	}
}

/* Check the tail before appending after it.  Context: pool->lock. */
static inline void worklist_check_tail(struct worker_pool *pool, struct list_head *head)
{
	if (unlikely(head->prev != head && !entry_is_work(head->prev)))
		worklist_unlink_corrupt(pool, head, head->prev);
}

/* ---- pool_workqueue accounting ---- */

static inline void get_pwq(struct pool_workqueue *pwq)
{
	pwq->refcnt++;
}

/*
 * move_linked_works - move work and the items linked behind it (flush
 * barriers) to the tail of head.  nextp (if set) gets the item after the
 * last one moved.  Context: pool->lock.
 */
static void move_linked_works(struct work_struct *work, struct list_head *head,
			      struct work_struct **nextp)
{
	struct work_struct *n;

	for (;;) {
		unsigned long data = work_data(work);

		n = list_next_entry(work, entry);
		list_move_tail(&work->entry, head);
		if (!(data & WORK_STRUCT_LINKED))
			break;
		work = n;
	}
	if (nextp)
		*nextp = n;
}

/* Append to the pool's worklist, touching the watchdog.  Context: pool->lock. */
static void pool_worklist_prepare(struct worker_pool *pool)
{
	worklist_check_tail(pool, &pool->worklist);
	if (list_empty(&pool->worklist)) {
		pool->watchdog_ts = jiffies;
		wq_watchdog_arm();
	}
}

/* An inactive item becomes active (with its linked barriers).  Context: pool->lock. */
static void pwq_activate_work(struct pool_workqueue *pwq, struct work_struct *work)
{
	pool_worklist_prepare(pwq->pool);
	move_linked_works(work, &pwq->pool->worklist, NULL);
	/*
	 * Non-atomic: the only concurrent writer of a queued item's data is
	 * a queuer's test_and_set of PENDING, which is already set.
	 */
	__clear_bit(WORK_STRUCT_INACTIVE_BIT, work_data_bits(work));
	pwq->nr_active++;
}

static bool pwq_activate_first_inactive(struct pool_workqueue *pwq)
{
	struct work_struct *work = first_work(pwq->pool, &pwq->inactive_works);

	if (!work)
		return false;
	pwq_activate_work(pwq, work);
	return true;
}

/* The last item of the flushed colour on this pwq retired.  Context: pool->lock. */
static void pwq_flush_color_done(struct pool_workqueue *pwq)
{
	pwq->flush_color = -1;
	if (atomic_dec_and_test(&pwq->wq->nr_pwqs_to_flush))
		complete(&pwq->wq->first_flusher->done);
}

/*
 * pwq_dec_nr_in_flight - an item (data: its data word when taken) left
 * the pwq: retire it from nr_active (activating the next inactive item)
 * and from its colour (finishing the colour's flush on this pwq), and
 * drop its reference.  Context: pool->lock.
 */
static void pwq_dec_nr_in_flight(struct pool_workqueue *pwq, unsigned long data)
{
	int color = data_color(data);

	if (color != WORK_NO_COLOR) {
		if (!(data & WORK_STRUCT_INACTIVE)) {
			pwq->nr_active--;
			if (!list_empty(&pwq->inactive_works) && pwq->nr_active < pwq->max_active)
				pwq_activate_first_inactive(pwq);
		}
		pwq->nr_in_flight[color]--;
		if (unlikely(pwq->flush_color == color) && !pwq->nr_in_flight[color])
			pwq_flush_color_done(pwq);
	}
	put_pwq(pwq);
}

static void pwq_release_workfn(struct work_struct *work);
static void __queue_work(int req_cpu, struct workqueue_struct *wq, struct work_struct *work);

/*
 * put_pwq - drop a reference.  The last one of a replaced unbound pwq
 * hands it to system_wq for release (freeing it sleeps).  Per-CPU pwqs
 * and installed ones keep their base reference until destroy.
 * Context: pool->lock.
 */
static void put_pwq(struct pool_workqueue *pwq)
{
	assert_pool_locked(pwq->pool);
	if (likely(--pwq->refcnt))
		return;
	if (WARN_ON_ONCE(!(pwq->wq->flags & WQ_UNBOUND)))
		return;
	/* a fresh item: __queue_work takes no lookup section nor other pool for it */
	if (!test_and_set_bit(WORK_STRUCT_PENDING_BIT, work_data_bits(&pwq->release_work)))
		__queue_work(WORK_CPU_UNBOUND, system_wq, &pwq->release_work);
}

/* ---- queueing ---- */

/*
 * insert_work - put work (whose PENDING the caller owns) on head with
 * pwq's data and take a pwq reference; kick the pool if asked.
 * Context: pool->lock.
 */
static void insert_work(struct pool_workqueue *pwq, struct work_struct *work,
			struct list_head *head, unsigned long extra, bool kick)
{
	set_work_pwq(work, pwq, extra);
	list_add_tail(&work->entry, head);
	get_pwq(pwq);
	if (kick)
		kick_pool(pwq->pool);
}

/* Is current running an item of wq (chained queueing)? */
static bool is_chained_work(struct workqueue_struct *wq)
{
	struct worker *worker = current_wq_worker();

	return worker && worker->current_pwq && worker->current_pwq->wq == wq;
}

/* Give PENDING back: the queueing attempt is dropped. */
static void drop_pending(struct work_struct *work)
{
	smp_mb__before_atomic();
	clear_bit(WORK_STRUCT_PENDING_BIT, work_data_bits(work));
}

/*
 * __queue_work - queue work, whose PENDING the caller owns, on wq.
 * The pwq: the unbound workqueue's, or req_cpu's (the local CPU's for
 * WORK_CPU_UNBOUND).  If the item is still running on the pool it last
 * ran on, for this workqueue, it goes to that pwq instead, so it runs
 * after, on the same worker (non-reentrancy).
 * Context: interrupts disabled; any context.
 */
static void __queue_work(int req_cpu, struct workqueue_struct *wq, struct work_struct *work)
{
	struct pool_workqueue *pwq;
	struct worker_pool *pool;
	unsigned long data, last_id, extra;
	bool looked_up = false;
	int cpu;

	if (unlikely(!wq_is_alive(wq))) {
		WARN(1, "workqueue: cannot queue %ps on workqueue %px: destroyed or never allocated",
		     work->func, wq);
		drop_pending(work);
		return;
	}
	if (unlikely(READ_ONCE(wq->flags) & (__WQ_DRAINING | __WQ_DESTROYING)) &&
	    WARN(!is_chained_work(wq), "workqueue: cannot queue %ps on wq %s: it is %s",
		 work->func, wq->name,
		 (READ_ONCE(wq->flags) & __WQ_DESTROYING) ? "being destroyed" : "draining")) {
		drop_pending(work);
		return;
	}
retry:
	if (wq->flags & WQ_UNBOUND) {
		if (!looked_up) {
			wq_lookup_begin();
			looked_up = true;
		}
		pwq = READ_ONCE(wq->dfl_pwq);
	} else {
		cpu = req_cpu == WORK_CPU_UNBOUND ? raw_smp_processor_id() : req_cpu;
		if (unlikely((unsigned int)cpu >= nr_cpu_ids || !wq->cpu_pwq[cpu])) {
			WARN_ONCE(1, "workqueue: queue_work_on(%d) for %s: no such CPU\n", cpu, wq->name);
			cpu = raw_smp_processor_id();
		}
		pwq = wq->cpu_pwq[cpu];
	}
	if (unlikely(!pwq)) {
		WARN(1, "workqueue: %s has no pwq (being destroyed)", wq->name);
		goto drop;
	}
	pool = pwq->pool;

	/* non-reentrancy: still running where it last ran? */
	data = work_data(work);
	last_id = offq_pool_id(data);
	if (last_id != WORK_OFFQ_POOL_NONE && last_id != (unsigned long)pool->id) {
		struct worker_pool *last_pool;

		if (!looked_up) {
			wq_lookup_begin();
			looked_up = true;
		}
		last_pool = lookup_pool(last_id);
		if (last_pool) {
			struct worker *worker;

			raw_spin_lock(&last_pool->lock);
			worker = find_worker_executing_work(last_pool, work);
			if (worker && worker->current_pwq->wq == wq) {
				pwq = worker->current_pwq;
				pool = last_pool;
				goto locked;
			}
			raw_spin_unlock(&last_pool->lock);
		}
	}
	raw_spin_lock(&pool->lock);
locked:
	if (unlikely(!pwq->refcnt)) {
		/* an unbound pwq just replaced by apply_workqueue_attrs(): reread */
		raw_spin_unlock(&pool->lock);
		if ((wq->flags & WQ_UNBOUND) && !(READ_ONCE(wq->flags) & __WQ_DESTROYING)) {
			cpu_relax();
			goto retry;
		}
		WARN(1, "workqueue: %s: queueing %ps on a released pwq", wq->name, work->func);
		goto drop;
	}

	trace_event(TRACE_WQ_QUEUE, current, work->func);
	extra = color_flags(pwq->work_color);
	if (likely(pwq->nr_active < pwq->max_active && list_empty(&pwq->inactive_works))) {
		pool_worklist_prepare(pool);
		if (unlikely(pool->recount))
			pool_recount(pool, NULL);
		pwq->nr_in_flight[pwq->work_color]++;
		pwq->nr_active++;
		insert_work(pwq, work, &pool->worklist, extra, true);
	} else {
		worklist_check_tail(pool, &pwq->inactive_works);
		if (unlikely(pool->recount))
			pool_recount(pool, NULL);
		pwq->nr_in_flight[pwq->work_color]++;
		insert_work(pwq, work, &pwq->inactive_works, extra | WORK_STRUCT_INACTIVE, false);
	}
	raw_spin_unlock(&pool->lock);
	if (looked_up)
		wq_lookup_end();
	return;
drop:
	if (looked_up)
		wq_lookup_end();
	drop_pending(work);
}

/**
 * queue_work_on - queue work on wq, on cpu for a per-CPU workqueue.
 * Claims PENDING with a fully ordered test-and-set: every store before
 * the call is seen by the run that is pending after it, whether this
 * call queued it or it was already pending.
 * Context: any (interrupts may be off).  Return: true if queued, false if
 * it was already pending (or the call was refused with a WARN).
 */
bool queue_work_on(int cpu, struct workqueue_struct *wq, struct work_struct *work)
{
	unsigned long flags;
	bool ret = false;

	if (unlikely(!work_is_sane(work, "queue_work")))
		return false;
	local_irq_save(flags);
	if (!test_and_set_bit(WORK_STRUCT_PENDING_BIT, work_data_bits(work))) {
		__queue_work(cpu, wq, work);
		ret = true;
	}
	local_irq_restore(flags);
	return ret;
}

/* No NUMA here: any node means "the unbound workqueue picks". */
bool queue_work_node(int node, struct workqueue_struct *wq, struct work_struct *work)
{
	WARN_ON_ONCE(wq && !(wq->flags & WQ_UNBOUND));
	return queue_work_on(WORK_CPU_UNBOUND, wq, work);
}

/* ---- delayed work ---- */

/* The timer of a delayed item: queue it now.  Context: timer (interrupts off: IRQSAFE). */
void delayed_work_timer_fn(struct timer_list *t)
{
	struct delayed_work *dwork = from_timer(dwork, t, timer);

	__queue_work(dwork->cpu, dwork->wq, &dwork->work);
}

/* Context: interrupts off, the caller owns PENDING. */
static void __queue_delayed_work(int cpu, struct workqueue_struct *wq,
				 struct delayed_work *dwork, unsigned long delay)
{
	struct timer_list *timer = &dwork->timer;
	struct work_struct *work = &dwork->work;

	WARN_ON_ONCE(timer->function != delayed_work_timer_fn);
	WARN_ON_ONCE(timer_pending(timer));
	WARN_ON_ONCE(!list_empty(&work->entry));
	if (!delay) {
		__queue_work(cpu, wq, work);
		return;
	}
	dwork->wq = wq;
	dwork->cpu = cpu;
	/*
	 * The delay counts from now: a tick the host delayed may have left
	 * jiffies behind ktime (schedule_timeout() does the same).
	 */
	jiffies_refresh();
	timer->expires = jiffies + delay;
	if (cpu == WORK_CPU_UNBOUND)
		add_timer(timer);
	else
		add_timer_on(timer, cpu);
}

/**
 * queue_delayed_work_on - queue dwork on wq after delay jiffies (now if
 * 0).  A pending item keeps its expiry.
 * Context: any.  Return: true if queued, false if already pending.
 */
bool queue_delayed_work_on(int cpu, struct workqueue_struct *wq, struct delayed_work *dwork,
			   unsigned long delay)
{
	unsigned long flags;
	bool ret = false;

	if (unlikely(!work_is_sane(&dwork->work, "queue_delayed_work")))
		return false;
	local_irq_save(flags);
	if (!test_and_set_bit(WORK_STRUCT_PENDING_BIT, work_data_bits(&dwork->work))) {
		__queue_delayed_work(cpu, wq, dwork, delay);
		ret = true;
	}
	local_irq_restore(flags);
	return ret;
}

/*
 * try_to_grab_pending - take PENDING of work from whoever has it queued.
 * Return, with interrupts saved in *flags and left off when >= 0:
 *   1        it was pending (timer or queue) and is now ours, off any list;
 *   0        it was idle and PENDING is now ours;
 *   -EAGAIN  PENDING is held by a queuer or timer about to queue: retry;
 *   -ENOENT  another task is cancelling it.
 * Context: any.
 */
static int try_to_grab_pending(struct work_struct *work, bool is_dwork, unsigned long *flags)
{
	struct worker_pool *pool;
	struct pool_workqueue *pwq;

	local_irq_save(*flags);
	if (is_dwork) {
		struct delayed_work *dwork = to_delayed_work(work);

		/* the timer is IRQSAFE: it cannot be running on this CPU now */
		if (likely(del_timer(&dwork->timer)))
			return 1;
	}
	if (!test_and_set_bit(WORK_STRUCT_PENDING_BIT, work_data_bits(work)))
		return 0;

	wq_lookup_begin();
	pool = get_work_pool(work);
	if (!pool)
		goto fail;
	raw_spin_lock(&pool->lock);
	/* queued on this pool?  (data cannot change while we hold its lock) */
	pwq = get_work_pwq(work);
	if (pwq && pwq->pool == pool) {
		unsigned long data = work_data(work);

		/* activate first, so linked barriers go to the worklist with it */
		if (data & WORK_STRUCT_INACTIVE)
			pwq_activate_work(pwq, work);
		list_del_init(&work->entry);
		pwq_dec_nr_in_flight(pwq, work_data(work));
		set_work_pool_and_keep_pending(work, pool->id);
		kick_pool(pool);
		if (unlikely(pool->recount))
			pool_recount(pool, NULL);
		raw_spin_unlock(&pool->lock);
		wq_lookup_end();
		return 1;
	}
	raw_spin_unlock(&pool->lock);
fail:
	wq_lookup_end();
	local_irq_restore(*flags);
	if (work_is_canceling(work))
		return -ENOENT;
	cpu_relax();
	return -EAGAIN;
}

/**
 * mod_delayed_work_on - queue dwork after delay, or change the expiry of
 * a pending one (0: run as soon as possible).
 * Context: any.  Return: false if it was idle (now queued), true if it
 * was pending (or is being cancelled: then nothing is queued).
 */
bool mod_delayed_work_on(int cpu, struct workqueue_struct *wq, struct delayed_work *dwork,
			 unsigned long delay)
{
	unsigned long flags;
	int ret;

	if (unlikely(!work_is_sane(&dwork->work, "mod_delayed_work")))
		return false;
	do {
		ret = try_to_grab_pending(&dwork->work, true, &flags);
	} while (unlikely(ret == -EAGAIN));
	if (likely(ret >= 0)) {
		__queue_delayed_work(cpu, wq, dwork, delay);
		local_irq_restore(flags);
	}
	return ret;	/* -ENOENT: being cancelled, counts as pending */
}

/* ---- workers: idle, creation, destruction ---- */

/* Context: pool->lock, by the worker (or create_worker before the first wake-up). */
static void worker_enter_idle(struct worker *worker)
{
	struct worker_pool *pool = worker->pool;

	if (WARN_ON_ONCE(worker->flags & WORKER_IDLE) || WARN_ON_ONCE(!list_empty(&worker->entry)))
		return;
	WRITE_ONCE(worker->flags, worker->flags | WORKER_IDLE);
	pool->nr_idle++;
	worker->last_active = jiffies;
	list_add(&worker->entry, &pool->idle_list);
	if (too_many_workers(pool) && !timer_pending(&pool->idle_timer))
		mod_timer(&pool->idle_timer, jiffies + READ_ONCE(wq_idle_timeout));
	/* everyone idle: nobody can be counted as running */
	WARN_ON_ONCE(pool->nr_workers == pool->nr_idle && pool->nr_running);
}

static void worker_leave_idle(struct worker *worker)
{
	struct worker_pool *pool = worker->pool;

	if (WARN_ON_ONCE(!(worker->flags & WORKER_IDLE)))
		return;
	worker_clr_flags(worker, WORKER_IDLE);
	pool->nr_idle--;
	list_del_init(&worker->entry);
}

/*
 * Workers destroyed under the pool lock are woken after it is dropped:
 * a worker woken earlier runs straight into the lock that its destroyer
 * still holds (and, under QEMU with more vCPUs than host cores, spins
 * there while the holder's vCPU waits for a host core).  Waking them
 * under the lock, as Linux does, made the seed stress 35-50% slower on
 * 8 vCPUs (6.7 s -> 8-11 s).  A task reference keeps each one valid
 * until then (it may see WORKER_DIE and exit before it is woken).
 */
#define WQ_DYING_BATCH	16

struct dying_workers {
	struct task_struct *task[WQ_DYING_BATCH];
	int nr;
};

static inline bool dying_full(struct dying_workers *dw)
{
	return dw->nr == WQ_DYING_BATCH;
}

/* Wake the batch (no lock held; any context). */
static void dying_wake(struct dying_workers *dw)
{
	int i;

	for (i = 0; i < dw->nr; i++) {
		wake_up_process(dw->task[i]);
		put_task_struct(dw->task[i]);
	}
	dw->nr = 0;
}

/*
 * destroy_worker - ask an idle worker to exit, without waiting: flag it
 * WORKER_DIE, take it off the idle list, and wake it (in dying_wake(),
 * once the lock is dropped).  It detaches and frees itself (worker_die()).
 * Context: pool->lock (any context); dw not full.
 */
static void destroy_worker(struct worker *worker, struct dying_workers *dw)
{
	struct worker_pool *pool = worker->pool;

	assert_pool_locked(pool);
	if (WARN_ON(worker->current_work) || WARN_ON(!list_empty(&worker->scheduled)) ||
	    WARN_ON(!(worker->flags & WORKER_IDLE)) || WARN_ON(dying_full(dw)))
		return;
	pool->nr_workers--;
	pool->nr_idle--;
	list_del_init(&worker->entry);
	WRITE_ONCE(worker->flags, worker->flags | WORKER_DIE);
	atomic_long_inc(&wq_stats.workers_destroyed);
	dw->task[dw->nr++] = get_task_struct(worker->task);
}

/* The idle timer: destroy the oldest idle workers past their timeout. */
static void idle_worker_timeout(struct timer_list *t)
{
	struct worker_pool *pool = from_timer(pool, t, idle_timer);
	struct dying_workers dw = { .nr = 0 };
	bool more;

	do {
		more = false;
		raw_spin_lock_irq(&pool->lock);
		while (too_many_workers(pool)) {
			struct worker *worker = list_last_entry(&pool->idle_list, struct worker,
								entry);
			unsigned long expires = worker->last_active + READ_ONCE(wq_idle_timeout);

			if (time_before(jiffies, expires)) {
				mod_timer(&pool->idle_timer, expires);
				break;
			}
			if (dying_full(&dw)) {
				more = true;
				break;
			}
			destroy_worker(worker, &dw);
		}
		raw_spin_unlock_irq(&pool->lock);
		dying_wake(&dw);
	} while (more);
}

static int worker_id_alloc(struct worker_pool *pool)
{
	unsigned long id = find_first_zero_bit(pool->worker_ids, WQ_MAX_WORKER_IDS);

	if (id >= WQ_MAX_WORKER_IDS)
		return -ENOSPC;
	__set_bit(id, pool->worker_ids);
	return (int)id;
}

static void worker_id_free(struct worker_pool *pool, int id)
{
	WARN_ON_ONCE(!__test_and_clear_bit(id, pool->worker_ids));
}

/*
 * worker_attach_to_pool - bind a new, never woken worker like its pool's
 * workers (its CPU, or every CPU while the pool is disassociated) and put
 * it on pool->workers.  Context: may sleep.
 */
static void worker_attach_to_pool(struct worker *worker, struct worker_pool *pool)
{
	mutex_lock(&wq_pool_attach_mutex);
	/* DISASSOCIATED changes only under the attach mutex too */
	if (pool->flags & POOL_DISASSOCIATED) {
		kthread_bind_mask(worker->task, pool->cpu >= 0 ? cpu_possible_mask
							       : &pool->attrs.cpumask);
		worker->flags |= WORKER_UNBOUND;
	} else {
		kthread_bind_mask(worker->task, &pool->attrs.cpumask);
		kthread_set_per_cpu(worker->task, pool->cpu);
	}
	worker->pool = pool;
	raw_spin_lock_irq(&pool->lock);
	list_add_tail(&worker->node, &pool->workers);
	raw_spin_unlock_irq(&pool->lock);
	mutex_unlock(&wq_pool_attach_mutex);
}

/*
 * worker_detach_from_pool - the worker leaves pool->workers; the last one
 * completes the teardown's detach_completion.  The worker must not touch
 * the pool afterwards.  Context: the worker itself, may sleep.
 */
static void worker_detach_from_pool(struct worker *worker)
{
	struct worker_pool *pool = worker->pool;
	struct completion *detach_completion = NULL;

	raw_spin_lock_irq(&pool->lock);
	while (unlikely(pool->flags & POOL_HOTPLUG_WALK)) {
		raw_spin_unlock_irq(&pool->lock);
		wait_event(wq_manager_wait, !(READ_ONCE(pool->flags) & POOL_HOTPLUG_WALK));
		raw_spin_lock_irq(&pool->lock);
	}
	list_del(&worker->node);
	worker->pool = NULL;
	if (list_empty(&pool->workers))
		detach_completion = pool->detach_completion;
	/* the unlock is this worker's last access to the pool */
	raw_spin_unlock_irq(&pool->lock);

	kthread_set_per_cpu(worker->task, -1);
	worker->flags &= ~(WORKER_UNBOUND | WORKER_REBOUND);
	if (detach_completion)
		complete(detach_completion);
}

static int worker_thread(void *__worker);

/*
 * create_worker - a new idle worker for pool, woken.
 * Context: may sleep (no spinlock held).  Return: the worker or NULL
 * (out of memory or ids); the caller retries later.
 */
static struct worker *create_worker(struct worker_pool *pool)
{
	struct worker *worker = NULL;
	struct task_struct *task;
	int id;

	raw_spin_lock_irq(&pool->lock);
	id = worker_id_alloc(pool);
	raw_spin_unlock_irq(&pool->lock);
	if (id < 0)
		goto fail_noid;

	worker = kzalloc(sizeof(*worker), GFP_KERNEL);
	if (!worker)
		goto fail;
	INIT_LIST_HEAD(&worker->entry);
	INIT_LIST_HEAD(&worker->scheduled);
	INIT_LIST_HEAD(&worker->node);
	worker->flags = WORKER_PREP;
	worker->id = id;
	worker->magic = WORKER_MAGIC;

	if (pool->cpu >= 0)
		task = kthread_create_on_node(worker_thread, worker, NUMA_NO_NODE, "kworker/%d:%d%s",
					      pool->cpu, id, pool->attrs.nice < 0 ? "H" : "");
	else
		task = kthread_create_on_node(worker_thread, worker, NUMA_NO_NODE, "kworker/u%d:%d",
					      pool->id, id);
	if (IS_ERR(task))
		goto fail;
	worker->task = task;
	if (pool->attrs.nice)
		set_user_nice(task, pool->attrs.nice);
	worker_attach_to_pool(worker, pool);

	raw_spin_lock_irq(&pool->lock);
	pool->nr_workers++;
	worker_enter_idle(worker);
	wake_up_process(task);
	raw_spin_unlock_irq(&pool->lock);
	atomic_long_inc(&wq_stats.workers_created);
	trace_event(TRACE_WORKER_CREATE, task, pool->id);
	return worker;

fail:
	raw_spin_lock_irq(&pool->lock);
	worker_id_free(pool, id);
	raw_spin_unlock_irq(&pool->lock);
	kfree(worker);
fail_noid:
	atomic_long_inc(&wq_stats.create_failures);
	return NULL;
}

/*
 * maybe_create_worker - as the manager, create workers while work is
 * pending and no worker is idle; on failure, cool down and retry: the
 * work stays queued.  Context: pool->lock held; dropped and retaken.
 */
static void maybe_create_worker(struct worker_pool *pool)
{
restart:
	raw_spin_unlock_irq(&pool->lock);
	for (;;) {
		if (create_worker(pool) || !need_to_create_worker(pool))
			break;
		schedule_timeout_interruptible(CREATE_COOLDOWN);
		if (!need_to_create_worker(pool))
			break;
	}
	raw_spin_lock_irq(&pool->lock);
	if (need_to_create_worker(pool))
		goto restart;
}

/*
 * manage_workers - take the manager role if free and create workers.
 * Context: pool->lock (dropped and retaken when true is returned).
 * Return: false if another worker is the manager (the caller just goes
 * on working: that manager guarantees progress), true otherwise.
 */
static bool manage_workers(struct worker *worker)
{
	struct worker_pool *pool = worker->pool;

	if (pool->flags & POOL_MANAGER_ACTIVE)
		return false;
	pool->flags |= POOL_MANAGER_ACTIVE;
	pool->manager = worker;
	maybe_create_worker(pool);
	pool->manager = NULL;
	pool->flags &= ~POOL_MANAGER_ACTIVE;
	wake_up(&wq_manager_wait);
	return true;
}

/* ---- running work ---- */

/*
 * process_one_work - run one item.  If another worker of the pool is
 * running it already, hand it (and its linked items) to that worker.
 * PENDING is cleared, and the pool recorded, before the function runs;
 * the function may free the item, so nothing touches it afterwards.
 * Context: pool->lock held on entry and exit, dropped around the call.
 */
static void process_one_work(struct worker *worker, struct work_struct *work)
{
	struct worker_pool *pool = worker->pool;
	unsigned long data = work_data(work);
	struct pool_workqueue *pwq = data_pwq(data);
	struct worker *collision;
	work_func_t func;

	collision = find_worker_executing_work(pool, work);
	if (unlikely(collision)) {
		move_linked_works(work, &collision->scheduled, NULL);
		return;
	}
	hlist_add_head(&worker->hentry, &pool->busy_hash[busy_hash_idx(work)]);
	func = work->func;
	worker->current_work = work;
	worker->current_func = func;
	worker->current_pwq = pwq;
	worker->current_data = data;
	list_del_init(&work->entry);
	if (unlikely(pwq->wq->flags & WQ_CPU_INTENSIVE))
		worker_set_flags(worker, WORKER_CPU_INTENSIVE);
	/* unbound/disassociated pools: chain the next item to another worker */
	if (need_more_worker(pool))
		kick_pool(pool);
	set_work_pool_and_clear_pending(work, pool->id);
	raw_spin_unlock_irq(&pool->lock);

	trace_event(TRACE_WQ_EXEC_START, current, func);
	func(work);
	trace_event(TRACE_WQ_EXEC_END, current, func);

	if (unlikely(preempt_count() || irqs_disabled())) {
		WARN(1, "workqueue: %ps returned in atomic context (preempt_count %#x, irqs %s)",
		     func, preempt_count(), irqs_disabled() ? "off" : "on");
		local_irq_enable();
	}
	/*
	 * No cond_resched() here (Linux has one for kernels without full
	 * preemption): this kernel preempts at every preempt_enable() and
	 * interrupt exit, so a self-requeueing item cannot hog the CPU.
	 */

	raw_spin_lock_irq(&pool->lock);
	if (unlikely(worker->flags & WORKER_CPU_INTENSIVE))
		worker_clr_flags(worker, WORKER_CPU_INTENSIVE);
	worker->last_func = func;
	hlist_del_init(&worker->hentry);
	worker->current_work = NULL;
	worker->current_func = NULL;
	worker->current_pwq = NULL;
	pwq_dec_nr_in_flight(pwq, data);
	if (unlikely(pool->recount))
		pool_recount(pool, worker);
}

static void process_scheduled_works(struct worker *worker)
{
	while (!list_empty(&worker->scheduled)) {
		struct work_struct *work = list_first_entry(&worker->scheduled,
							    struct work_struct, entry);
		process_one_work(worker, work);
	}
}

/*
 * worker_die - the end of a worker asked to die: renamed, its id freed
 * (a new worker may take it while this one is still exiting), detached,
 * its struct freed.  Context: the worker, PF_WQ_WORKER already cleared.
 */
static void worker_die(struct worker *worker)
{
	struct worker_pool *pool = worker->pool;
	void (*hook)(struct task_struct *, int) = READ_ONCE(wq_dying_worker_hook);

	trace_event(TRACE_WORKER_DIE, current, pool->id);
	set_task_comm(current, "kworker/dying");
	raw_spin_lock_irq(&pool->lock);
	worker_id_free(pool, worker->id);
	raw_spin_unlock_irq(&pool->lock);
	if (unlikely(hook))
		hook(current, worker->id);
	worker_detach_from_pool(worker);
	worker->magic = 0;
	kfree(worker);
}

/*
 * worker_thread - the kworker loop.  Sleeps idle in TASK_IDLE; the state
 * is set under the pool lock, which every waker holds while it looks at
 * the idle list, so no wake-up is lost between the unlock and schedule().
 */
static int worker_thread(void *__worker)
{
	struct worker *worker = __worker;
	struct worker_pool *pool = worker->pool;

	/* tell the scheduler: its sleep/wake hooks apply from now on */
	current->flags |= PF_WQ_WORKER;
woke_up:
	raw_spin_lock_irq(&pool->lock);
	if (unlikely(worker->flags & WORKER_DIE)) {
		raw_spin_unlock_irq(&pool->lock);
		WARN_ON_ONCE(!list_empty(&worker->entry));
		current->flags &= ~PF_WQ_WORKER;
		worker_die(worker);
		return 0;
	}
	worker_leave_idle(worker);
recheck:
	if (!need_more_worker(pool))
		goto sleep;
	if (unlikely(!may_start_working(pool)) && manage_workers(worker))
		goto recheck;
	WARN_ON_ONCE(!list_empty(&worker->scheduled));
	/* from here on this worker counts in nr_running (per-CPU pools) */
	worker_clr_flags(worker, WORKER_PREP | WORKER_REBOUND);
	do {
		struct work_struct *work = first_work(pool, &pool->worklist);

		if (unlikely(pool->recount)) {
			pool_recount(pool, worker);
			work = first_work(pool, &pool->worklist);
		}
		if (!work)
			break;
		pool->watchdog_ts = jiffies;
		if (likely(!(work_data(work) & WORK_STRUCT_LINKED))) {
			process_one_work(worker, work);
			if (unlikely(!list_empty(&worker->scheduled)))
				process_scheduled_works(worker);
		} else {
			move_linked_works(work, &worker->scheduled, NULL);
			process_scheduled_works(worker);
		}
	} while (keep_working(pool));
	worker_set_flags(worker, WORKER_PREP);
sleep:
	worker_enter_idle(worker);
	__set_current_state(TASK_IDLE);
	raw_spin_unlock_irq(&pool->lock);
	schedule();
	goto woke_up;
}

/* ---- scheduler hooks (concurrency management) ---- */

/**
 * wq_worker_sleeping - a busy worker is about to block: it no longer
 * counts as running; if it was the last one and work is pending, wake
 * the next idle worker.
 * Context: schedule(), preemption disabled, no scheduler lock held.
 */
void wq_worker_sleeping(struct task_struct *task)
{
	struct worker *worker = kthread_data(task);
	struct worker_pool *pool;
	unsigned long flags;

	if (READ_ONCE(worker->flags) & WORKER_NOT_RUNNING)
		return;
	if (worker->sleeping)	/* preempted inside schedule() before the wake hook */
		return;
	pool = worker->pool;
	raw_spin_lock_irqsave(&pool->lock, flags);
	/* re-check: CPU hot-unplug may have unbound it meanwhile (nr_running reset) */
	if (!(worker->flags & WORKER_NOT_RUNNING)) {
		worker->sleeping = 1;
		pool->nr_running--;
		kick_pool(pool);
	}
	raw_spin_unlock_irqrestore(&pool->lock, flags);
}

/**
 * wq_worker_running - a worker counted out by wq_worker_sleeping() runs
 * again: count it back unless it became NOT_RUNNING meanwhile.  Only the
 * call from the task itself (after schedule()) does anything; the one
 * from try_to_wake_up(), on the waker's side under p->pi_lock, returns
 * at once (the pool lock nests outside pi_lock).
 * Context: schedule() return, or try_to_wake_up().
 */
void wq_worker_running(struct task_struct *task)
{
	struct worker *worker;
	unsigned long flags;

	if (task != current)
		return;
	worker = kthread_data(task);
	if (!worker->sleeping)
		return;
	raw_spin_lock_irqsave(&worker->pool->lock, flags);
	if (!(worker->flags & WORKER_NOT_RUNNING))
		worker->pool->nr_running++;
	worker->sleeping = 0;
	raw_spin_unlock_irqrestore(&worker->pool->lock, flags);
}

/* ---- recount after a corrupt item was dropped ---- */

static void recount_item(unsigned long data, int *inflight, int *active, int *items)
{
	int color = data_color(data);

	(*items)++;
	if (color == WORK_NO_COLOR)
		return;
	inflight[color]++;
	if (!(data & WORK_STRUCT_INACTIVE))
		(*active)++;
}

static void recount_list(struct list_head *head, struct pool_workqueue *pwq,
			 int *inflight, int *active, int *items)
{
	struct work_struct *work;

	list_for_each_entry(work, head, entry) {
		unsigned long data = work_data(work);

		if (data_pwq(data) == pwq)
			recount_item(data, inflight, active, items);
	}
}

/*
 * pool_recount - rebuild every pwq's counts on pool from the items that
 * are really there (a dropped corrupt item took its colour, its
 * nr_active and its reference with it): then flushes of the colour end,
 * inactive items get activated, and the pwq can be released.
 * self: the calling worker if it is between items (its scheduled list
 * is counted; busy workers are found in the busy hash).
 * Context: pool->lock, every count consistent (no update half done).
 */
static void pool_recount(struct worker_pool *pool, struct worker *self)
{
	struct pool_workqueue *pwq;
	int pass;

	for (pass = 0; pool->recount && pass < 8; pass++) {
		pool->recount = false;
		list_for_each_entry(pwq, &pool->pwqs, pool_node) {
			int inflight[WORK_NR_COLORS] = { 0 }, active = 0, items = 0, lost, c, bkt;
			struct worker *w;

			recount_list(&pool->worklist, pwq, inflight, &active, &items);
			recount_list(&pwq->inactive_works, pwq, inflight, &active, &items);
			for (bkt = 0; bkt < (1 << BUSY_WORKER_HASH_ORDER); bkt++)
				hlist_for_each_entry(w, &pool->busy_hash[bkt], hentry) {
					if (w->current_pwq == pwq)
						recount_item(w->current_data, inflight, &active, &items);
					recount_list(&w->scheduled, pwq, inflight, &active, &items);
				}
			if (self && !self->current_work)
				recount_list(&self->scheduled, pwq, inflight, &active, &items);
			for (c = 0; c < WORK_NR_COLORS; c++)
				pwq->nr_in_flight[c] = inflight[c];
			pwq->nr_active = active;
			lost = pwq->refcnt - (pwq->base_ref ? 1 : 0) - items;
			if (lost > 0)
				pr_warn("workqueue: %s: %d item(s) lost from pool %d, counts rebuilt\n",
					pwq->wq->name, lost, pool->id);
			if (pwq->flush_color >= 0 && !pwq->nr_in_flight[pwq->flush_color])
				pwq_flush_color_done(pwq);
			while (pwq->nr_active < pwq->max_active && !list_empty(&pwq->inactive_works))
				if (!pwq_activate_first_inactive(pwq))
					break;
			if (lost > 0) {
				pwq->refcnt -= lost - 1;
				put_pwq(pwq);
			}
		}
	}
	kick_pool(pool);
}

/* ---- flushing and cancelling items ---- */

static void wq_barrier_func(struct work_struct *work)
{
	struct wq_barrier *barr = container_of(work, struct wq_barrier, work);

	complete(&barr->done);
}

/*
 * insert_wq_barrier - queue barr to run right after target: at the head
 * of worker's scheduled list if worker runs target, else behind target,
 * linked to it (so they move together).  A barrier takes the target's
 * flush colour, so flush_workqueue() (and drain, and destroy's checks)
 * wait for it as well, and is flagged INACTIVE: it never counts towards
 * max_active.  Context: pool->lock.
 */
static void insert_wq_barrier(struct pool_workqueue *pwq, struct wq_barrier *barr,
			      struct work_struct *target, struct worker *worker)
{
	struct list_head *head;
	unsigned long linked = 0;
	int color;

	INIT_WORK_ONSTACK(&barr->work, wq_barrier_func);
	__set_bit(WORK_STRUCT_PENDING_BIT, work_data_bits(&barr->work));
	init_completion(&barr->done);
	if (worker) {
		head = worker->scheduled.next;
		color = data_color(worker->current_data);
	} else {
		unsigned long *bits = work_data_bits(target);

		head = target->entry.next;
		linked = *bits & WORK_STRUCT_LINKED;
		color = data_color(*bits);
		set_bit(WORK_STRUCT_LINKED_BIT, bits);
	}
	/* in flight in the target's colour: flush_workqueue waits for it too */
	pwq->nr_in_flight[color]++;
	insert_work(pwq, &barr->work, head,
		    color_flags(color) | linked | WORK_STRUCT_INACTIVE, false);
}

/*
 * start_flush_work - queue a barrier behind the last instance of work.
 * A flush that could only end after the caller's own item (its own item,
 * or an item behind it on a one-at-a-time pwq) is reported and skipped.
 * Context: may sleep.  Return: true if a barrier was queued.
 */
static bool start_flush_work(struct work_struct *work, struct wq_barrier *barr)
{
	struct worker *self = current_wq_worker(), *worker = NULL;
	struct worker_pool *pool;
	struct pool_workqueue *pwq;

	might_sleep();
	local_irq_disable();
	wq_lookup_begin();
	pool = get_work_pool(work);
	if (!pool)
		goto gone;
	raw_spin_lock(&pool->lock);
	pwq = get_work_pwq(work);
	if (pwq) {
		if (unlikely(pwq->pool != pool))
			goto gone_locked;
		if (unlikely(self && ((self->current_work == work && self->current_func == work->func) ||
				      (self->current_pwq == pwq && pwq->max_active == 1)))) {
			WARN(1, "workqueue: flush_work(%ps) from %ps on %s would wait for itself",
			     work->func, self->current_func, pwq->wq->name);
			goto gone_locked;
		}
	} else {
		worker = find_worker_executing_work(pool, work);
		if (!worker)
			goto gone_locked;
		if (unlikely(worker == self)) {
			WARN(1, "workqueue: flush_work(%ps) from the item itself would wait forever",
			     work->func);
			goto gone_locked;
		}
		pwq = worker->current_pwq;
	}
	insert_wq_barrier(pwq, barr, work, worker);
	raw_spin_unlock(&pool->lock);
	wq_lookup_end();
	local_irq_enable();
	return true;
gone_locked:
	raw_spin_unlock(&pool->lock);
gone:
	wq_lookup_end();
	local_irq_enable();
	return false;
}

/**
 * flush_work - wait for the last queued instance of work to finish.
 * Context: may sleep.  Return: true if it waited, false if work was idle.
 */
bool flush_work(struct work_struct *work)
{
	struct wq_barrier barr;

	if (!work_is_sane(work, "flush_work"))
		return false;
	if (WARN_ON(!READ_ONCE(wq_online)))
		return false;
	if (!start_flush_work(work, &barr))
		return false;
	wait_for_completion(&barr.done);
	destroy_work_on_stack(&barr.work);
	return true;
}

/**
 * flush_delayed_work - queue dwork now if its timer is pending, then
 * wait for it as flush_work().  Context: may sleep.  Return: as flush_work().
 */
bool flush_delayed_work(struct delayed_work *dwork)
{
	if (!work_is_sane(&dwork->work, "flush_delayed_work"))
		return false;
	local_irq_disable();
	if (del_timer_sync(&dwork->timer))
		__queue_work(dwork->cpu, dwork->wq, &dwork->work);
	local_irq_enable();
	return flush_work(&dwork->work);
}

/*
 * __cancel_work - take work off its queue (or timer) if pending; it may
 * still be running.  Context: any.  Return: true if it was pending.
 */
static bool __cancel_work(struct work_struct *work, bool is_dwork)
{
	unsigned long flags;
	int ret;

	if (!work_is_sane(work, "cancel_work"))
		return false;
	do {
		ret = try_to_grab_pending(work, is_dwork, &flags);
	} while (unlikely(ret == -EAGAIN));
	if (unlikely(ret < 0))
		return false;
	set_work_pool_and_clear_pending(work, (int)offq_pool_id(work_data(work)));
	local_irq_restore(flags);
	return ret;
}

bool cancel_work(struct work_struct *work)
{
	return __cancel_work(work, false);
}

bool cancel_delayed_work(struct delayed_work *dwork)
{
	return __cancel_work(&dwork->work, true);
}

/*
 * __cancel_work_sync - cancel work and wait for a running instance.
 * PENDING is held, marked CANCELING, across the wait: any queueing
 * attempt (a self-requeue included) fails meanwhile.  A second canceller
 * sleeps until the first is done, then does its own (idle) cancel.
 * Context: may sleep.  Return: true if it was pending.
 */
static bool __cancel_work_sync(struct work_struct *work, bool is_dwork)
{
	unsigned long flags;
	int ret;

	might_sleep();
	if (!work_is_sane(work, "cancel_work_sync"))
		return false;
	do {
		ret = try_to_grab_pending(work, is_dwork, &flags);
		if (unlikely(ret == -ENOENT)) {
			DEFINE_WAIT(wait);

			prepare_to_wait(&wq_cancel_waitq, &wait, TASK_UNINTERRUPTIBLE);
			if (work_is_canceling(work))
				schedule();
			finish_wait(&wq_cancel_waitq, &wait);
		}
	} while (unlikely(ret < 0));

	mark_work_canceling(work);
	local_irq_restore(flags);
	if (READ_ONCE(wq_online))
		flush_work(work);
	clear_work_data(work);
	/* clear_work_data's barrier orders the clearing before this check */
	if (waitqueue_active(&wq_cancel_waitq))
		wake_up_all(&wq_cancel_waitq);
	return ret;
}

bool cancel_work_sync(struct work_struct *work)
{
	return __cancel_work_sync(work, false);
}

bool cancel_delayed_work_sync(struct delayed_work *dwork)
{
	return __cancel_work_sync(&dwork->work, true);
}

/**
 * work_busy - WORK_BUSY_PENDING and/or WORK_BUSY_RUNNING; advisory only
 * (the answer may be stale at once).  Context: any.
 */
unsigned int work_busy(struct work_struct *work)
{
	struct worker_pool *pool;
	unsigned long flags;
	unsigned int ret = 0;

	if (work_pending(work))
		ret |= WORK_BUSY_PENDING;
	local_irq_save(flags);
	wq_lookup_begin();
	pool = get_work_pool(work);
	if (pool) {
		raw_spin_lock(&pool->lock);
		if (find_worker_executing_work(pool, work))
			ret |= WORK_BUSY_RUNNING;
		raw_spin_unlock(&pool->lock);
	}
	wq_lookup_end();
	local_irq_restore(flags);
	return ret;
}

/* The item current is running, or NULL if current is not a kworker. */
struct work_struct *current_work(void)
{
	struct worker *worker = current_wq_worker();

	return worker ? worker->current_work : NULL;
}

bool current_is_workqueue_rescuer(void)
{
	return false;	/* no rescuers: WQ_MEM_RECLAIM is accepted and ignored */
}

void set_worker_desc(const char *fmt, ...)
{
	struct worker *worker = current_wq_worker();
	va_list args;

	if (!worker)
		return;
	va_start(args, fmt);
	vsnprintf(worker->desc, sizeof(worker->desc), fmt, args);
	va_end(args);
}

/* ---- flushing and draining workqueues ---- */

/* Would flushing wq from here wait for the caller's own item?  Then WARN. */
static bool wq_flush_would_deadlock(struct workqueue_struct *wq, const char *what)
{
	struct worker *self = current_wq_worker();

	if (likely(!self || !self->current_pwq || self->current_pwq->wq != wq))
		return false;
	WARN(1, "workqueue: %s(%s%s) from its own work item %ps would wait for itself",
	     what, (wq->flags & __WQ_ORDERED) ? "ordered " : "", wq->name, self->current_func);
	return true;
}

/*
 * flush_workqueue_prep_pwqs - arm the pwqs for flushing flush_color (if
 * >= 0) and move their work colour to work_color (if >= 0).
 * Context: wq->mutex.  Return: true if some pwq has items of flush_color
 * (the first flusher is completed when the last of them retires).
 */
static bool flush_workqueue_prep_pwqs(struct workqueue_struct *wq, int flush_color,
				      int work_color)
{
	struct pool_workqueue *pwq;
	bool wait = false;

	if (flush_color >= 0) {
		WARN_ON_ONCE(atomic_read(&wq->nr_pwqs_to_flush));
		atomic_set(&wq->nr_pwqs_to_flush, 1);
	}
	list_for_each_entry(pwq, &wq->pwqs, pwqs_node) {
		struct worker_pool *pool = pwq->pool;

		raw_spin_lock_irq(&pool->lock);
		if (flush_color >= 0) {
			WARN_ON_ONCE(pwq->flush_color != -1);
			if (pwq->nr_in_flight[flush_color]) {
				pwq->flush_color = flush_color;
				atomic_inc(&wq->nr_pwqs_to_flush);
				wait = true;
			}
		}
		if (work_color >= 0) {
			WARN_ON_ONCE(work_color != next_color(pwq->work_color));
			pwq->work_color = work_color;
		}
		raw_spin_unlock_irq(&pool->lock);
	}
	if (flush_color >= 0 && atomic_dec_and_test(&wq->nr_pwqs_to_flush))
		complete(&wq->first_flusher->done);
	return wait;
}

/**
 * flush_workqueue - wait until every item queued on wq before the call
 * has finished.  Items queued later get the next colour and are not
 * waited for.  Concurrent flushers queue behind the first one, which
 * hands the role on as colours finish; when all colours are taken,
 * flushers wait for one on the overflow list.
 * Context: may sleep.
 */
void flush_workqueue(struct workqueue_struct *wq)
{
	struct wq_flusher this_flusher = {
		.list = LIST_HEAD_INIT(this_flusher.list),
		.flush_color = -1,
	};
	int next;

	might_sleep();
	if (WARN(!wq_is_alive(wq), "flush_workqueue: %px is not a live workqueue", wq))
		return;
	if (wq_flush_would_deadlock(wq, "flush_workqueue"))
		return;
	init_completion(&this_flusher.done);

	mutex_lock(&wq->mutex);
	next = next_color(wq->work_color);
	if (next != wq->flush_color) {
		/* a colour is free: everything queued so far gets it flushed */
		WARN_ON_ONCE(!list_empty(&wq->flusher_overflow));
		this_flusher.flush_color = wq->work_color;
		wq->work_color = next;
		if (!wq->first_flusher) {
			WARN_ON_ONCE(wq->flush_color != this_flusher.flush_color);
			wq->first_flusher = &this_flusher;
			if (!flush_workqueue_prep_pwqs(wq, wq->flush_color, wq->work_color)) {
				/* nothing in flight: done */
				wq->flush_color = next;
				wq->first_flusher = NULL;
				goto out_unlock;
			}
		} else {
			WARN_ON_ONCE(wq->flush_color == this_flusher.flush_color);
			list_add_tail(&this_flusher.list, &wq->flusher_queue);
			flush_workqueue_prep_pwqs(wq, -1, wq->work_color);
		}
	} else {
		/* every colour is being flushed: wait for one */
		list_add_tail(&this_flusher.list, &wq->flusher_overflow);
	}
	mutex_unlock(&wq->mutex);

	wait_for_completion(&this_flusher.done);

	/* the first flusher hands on: complete same-colour flushers, arm the next */
	if (READ_ONCE(wq->first_flusher) != &this_flusher)
		return;
	mutex_lock(&wq->mutex);
	if (wq->first_flusher != &this_flusher)
		goto out_unlock;
	WRITE_ONCE(wq->first_flusher, NULL);
	WARN_ON_ONCE(!list_empty(&this_flusher.list));
	WARN_ON_ONCE(wq->flush_color != this_flusher.flush_color);

	for (;;) {
		struct wq_flusher *f, *tmp;

		list_for_each_entry_safe(f, tmp, &wq->flusher_queue, list) {
			if (f->flush_color != wq->flush_color)
				break;
			list_del_init(&f->list);
			complete(&f->done);
		}
		WARN_ON_ONCE(!list_empty(&wq->flusher_overflow) &&
			     wq->flush_color != next_color(wq->work_color));
		wq->flush_color = next_color(wq->flush_color);

		/* a colour was freed: the overflowed flushers share the next one */
		if (!list_empty(&wq->flusher_overflow)) {
			list_for_each_entry(tmp, &wq->flusher_overflow, list)
				tmp->flush_color = wq->work_color;
			wq->work_color = next_color(wq->work_color);
			list_splice_tail_init(&wq->flusher_overflow, &wq->flusher_queue);
			flush_workqueue_prep_pwqs(wq, -1, wq->work_color);
		}
		if (list_empty(&wq->flusher_queue)) {
			WARN_ON_ONCE(wq->flush_color != wq->work_color);
			break;
		}
		WARN_ON_ONCE(wq->flush_color == wq->work_color);
		f = list_first_entry(&wq->flusher_queue, struct wq_flusher, list);
		WARN_ON_ONCE(wq->flush_color != f->flush_color);
		list_del_init(&f->list);
		wq->first_flusher = f;
		if (flush_workqueue_prep_pwqs(wq, wq->flush_color, -1))
			break;
		/* that colour had nothing in flight (prep completed f): go on */
		wq->first_flusher = NULL;
	}
out_unlock:
	mutex_unlock(&wq->mutex);
}

/**
 * drain_workqueue - flush wq until it is empty.  Meanwhile only chained
 * work (queued by wq's own items) is accepted; anything else is reported
 * and dropped.  Context: may sleep.
 */
void drain_workqueue(struct workqueue_struct *wq)
{
	unsigned int flush_cnt = 0;
	struct pool_workqueue *pwq;

	if (WARN(!wq_is_alive(wq), "drain_workqueue: %px is not a live workqueue", wq))
		return;
	if (wq_flush_would_deadlock(wq, "drain_workqueue"))
		return;
	mutex_lock(&wq->mutex);
	if (!wq->nr_drainers++)
		WRITE_ONCE(wq->flags, wq->flags | __WQ_DRAINING);
	mutex_unlock(&wq->mutex);
reflush:
	flush_workqueue(wq);
	mutex_lock(&wq->mutex);
	list_for_each_entry(pwq, &wq->pwqs, pwqs_node) {
		bool drained;

		raw_spin_lock_irq(&pwq->pool->lock);
		drained = !pwq->nr_active && list_empty(&pwq->inactive_works);
		raw_spin_unlock_irq(&pwq->pool->lock);
		if (drained)
			continue;
		if (++flush_cnt == 10 || (flush_cnt % 100 == 0 && flush_cnt <= 1000))
			pr_warn("workqueue %s: drain_workqueue() isn't complete after %u tries\n",
				wq->name, flush_cnt);
		mutex_unlock(&wq->mutex);
		goto reflush;
	}
	if (!--wq->nr_drainers)
		WRITE_ONCE(wq->flags, wq->flags & ~__WQ_DRAINING);
	mutex_unlock(&wq->mutex);
}

/* ---- pools and pwqs: creation and release ---- */

static void init_worker_pool(struct worker_pool *pool)
{
	raw_spin_lock_init(&pool->lock);
	pool->magic = POOL_MAGIC;
	pool->id = -1;
	pool->cpu = -1;
	pool->watchdog_ts = jiffies;
	INIT_LIST_HEAD(&pool->worklist);
	INIT_LIST_HEAD(&pool->idle_list);
	INIT_LIST_HEAD(&pool->workers);
	INIT_LIST_HEAD(&pool->pwqs);
	INIT_LIST_HEAD(&pool->unbound_node);
	INIT_LIST_HEAD(&pool->all_node);
	timer_setup(&pool->idle_timer, idle_worker_timeout, 0);
	pool->refcnt = 1;
}

/* Give pool an id (a free one if id < 0) and make it findable.  Return: 0, -ENOSPC. */
static int pool_publish(struct worker_pool *pool, int id)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&wq_pools_lock, flags);
	if (id < 0) {
		id = (int)find_next_zero_bit(pool_ids, WQ_MAX_POOLS, WQ_FIRST_UNBOUND_ID);
		if (id >= WQ_MAX_POOLS) {
			raw_spin_unlock_irqrestore(&wq_pools_lock, flags);
			return -ENOSPC;
		}
	}
	__set_bit(id, pool_ids);
	pool->id = id;
	list_add_tail(&pool->all_node, &wq_all_pools);
	smp_store_release(&pool_table[id], pool);
	raw_spin_unlock_irqrestore(&wq_pools_lock, flags);
	return 0;
}

/*
 * put_unbound_pool - drop a reference; the last one tears the pool down:
 * unpublish it, become its manager (no worker can be created any more),
 * destroy every idle worker, wait until the last one (idle-timer victims
 * included) has detached, then free it.
 * Context: wq_pool_mutex held, may sleep.
 */
static void put_unbound_pool(struct worker_pool *pool)
{
	DECLARE_COMPLETION_ONSTACK(detach_completion);
	struct dying_workers dw = { .nr = 0 };
	struct worker *worker;
	unsigned long flags;
	bool published = pool->id >= 0, wait;

	lockdep_assert_held(&wq_pool_mutex);
	if (--pool->refcnt)
		return;
	if (WARN_ON(pool->cpu >= 0) || WARN_ON(!list_empty(&pool->worklist)) ||
	    WARN_ON(!list_empty(&pool->pwqs)))
		return;
	list_del_init(&pool->unbound_node);
	if (published) {
		raw_spin_lock_irqsave(&wq_pools_lock, flags);
		WRITE_ONCE(pool_table[pool->id], NULL);
		list_del_init(&pool->all_node);
		raw_spin_unlock_irqrestore(&wq_pools_lock, flags);
	}

	raw_spin_lock_irq(&pool->lock);
	while (pool->flags & POOL_MANAGER_ACTIVE) {
		raw_spin_unlock_irq(&pool->lock);
		wait_event(wq_manager_wait, !(READ_ONCE(pool->flags) & POOL_MANAGER_ACTIVE));
		raw_spin_lock_irq(&pool->lock);
	}
	pool->flags |= POOL_MANAGER_ACTIVE;
	while ((worker = first_idle_worker(pool))) {
		if (dying_full(&dw)) {
			raw_spin_unlock_irq(&pool->lock);
			dying_wake(&dw);
			raw_spin_lock_irq(&pool->lock);
			continue;
		}
		destroy_worker(worker, &dw);
	}
	WARN_ON(pool->nr_workers || pool->nr_idle);
	/* dying workers (the idle timer's victims too) detach on their own */
	wait = !list_empty(&pool->workers);
	if (wait)
		pool->detach_completion = &detach_completion;
	raw_spin_unlock_irq(&pool->lock);
	dying_wake(&dw);
	if (wait)
		wait_for_completion(&detach_completion);

	/*
	 * No worker is left to arm the idle timer; a callback still running
	 * may have re-armed it, and timer_delete_sync() waits for it and then
	 * takes the timer off.  (timer_shutdown_sync() would clear the
	 * function while the re-armed timer is still queued: if it expired
	 * before the delete is retried, the timer code would WARN.)
	 */
	timer_delete_sync(&pool->idle_timer);
	if (published) {
		wq_lookup_sync();
		raw_spin_lock_irqsave(&wq_pools_lock, flags);
		__clear_bit(pool->id, pool_ids);
		raw_spin_unlock_irqrestore(&wq_pools_lock, flags);
	}
	pool->magic = 0;
	kfree(pool);
}

/*
 * get_unbound_pool - the unbound pool for attrs: an existing one with
 * equal attributes (one more reference), or a new one with one worker.
 * Context: wq_pool_mutex held, may sleep.  Return: the pool or NULL.
 */
static struct worker_pool *get_unbound_pool(const struct workqueue_attrs *attrs)
{
	struct worker_pool *pool;

	lockdep_assert_held(&wq_pool_mutex);
	list_for_each_entry(pool, &unbound_pools, unbound_node) {
		if (pool->attrs.nice == attrs->nice &&
		    cpumask_equal(&pool->attrs.cpumask, &attrs->cpumask)) {
			pool->refcnt++;
			return pool;
		}
	}
	pool = kzalloc(sizeof(*pool), GFP_KERNEL);
	if (!pool)
		return NULL;
	init_worker_pool(pool);
	pool->attrs.nice = attrs->nice;
	cpumask_copy(&pool->attrs.cpumask, &attrs->cpumask);
	pool->flags |= POOL_DISASSOCIATED;	/* unbound pools are never associated */
	list_add(&pool->unbound_node, &unbound_pools);
	if (pool_publish(pool, -1) < 0 || (READ_ONCE(wq_online) && !create_worker(pool))) {
		put_unbound_pool(pool);
		return NULL;
	}
	return pool;
}

static struct pool_workqueue *alloc_pwq(struct workqueue_struct *wq, struct worker_pool *pool)
{
	struct pool_workqueue *pwq;

	BUILD_BUG_ON(sizeof(struct pool_workqueue) & ((1 << WORK_STRUCT_FLAG_BITS) - 1));
	pwq = kzalloc(sizeof(*pwq), GFP_KERNEL);
	if (!pwq)
		return NULL;
	if (WARN_ON((unsigned long)pwq & WORK_STRUCT_FLAG_MASK)) {
		kfree(pwq);
		return NULL;
	}
	pwq->pool = pool;
	pwq->wq = wq;
	pwq->flush_color = -1;
	pwq->refcnt = 1;
	pwq->base_ref = true;
	pwq->max_active = wq->saved_max_active;
	INIT_LIST_HEAD(&pwq->inactive_works);
	INIT_LIST_HEAD(&pwq->pwqs_node);
	INIT_WORK(&pwq->release_work, pwq_release_workfn);
	raw_spin_lock_irq(&pool->lock);
	list_add_tail(&pwq->pool_node, &pool->pwqs);
	raw_spin_unlock_irq(&pool->lock);
	return pwq;
}

/* Install pwq in its workqueue, in the current work colour.  Context: wq->mutex. */
static void link_pwq(struct pool_workqueue *pwq)
{
	struct workqueue_struct *wq = pwq->wq;

	raw_spin_lock_irq(&pwq->pool->lock);
	pwq->work_color = wq->work_color;
	raw_spin_unlock_irq(&pwq->pool->lock);
	list_add_tail(&pwq->pwqs_node, &wq->pwqs);
}

static void pwq_unlink_from_pool(struct pool_workqueue *pwq)
{
	raw_spin_lock_irq(&pwq->pool->lock);
	list_del_init(&pwq->pool_node);
	raw_spin_unlock_irq(&pwq->pool->lock);
}

static void wq_free(struct workqueue_struct *wq)
{
	WRITE_ONCE(wq->magic, WQ_MAGIC_DEAD);
	kfree(wq);
}

/*
 * pwq_release - free an unbound pwq whose last reference is gone: out of
 * its workqueue, out of its pool, lookups waited for, the pool reference
 * dropped.  The last pwq of a workqueue being destroyed frees it.
 * Context: may sleep, no lock held.
 */
static void pwq_release(struct pool_workqueue *pwq)
{
	struct workqueue_struct *wq = pwq->wq;
	struct worker_pool *pool = pwq->pool;
	bool is_last;

	mutex_lock(&wq->mutex);
	list_del_init(&pwq->pwqs_node);
	is_last = list_empty(&wq->pwqs);
	mutex_unlock(&wq->mutex);
	pwq_unlink_from_pool(pwq);
	wq_lookup_sync();
	mutex_lock(&wq_pool_mutex);
	put_unbound_pool(pool);
	mutex_unlock(&wq_pool_mutex);
	kfree(pwq);
	if (is_last && (READ_ONCE(wq->flags) & __WQ_DESTROYING))
		wq_free(wq);
}

/* system_wq runs this for a replaced unbound pwq (it frees its own work item). */
static void pwq_release_workfn(struct work_struct *work)
{
	pwq_release(container_of(work, struct pool_workqueue, release_work));
}

/* Drop the base reference of an installed pwq; release it now if it was the last. */
static void pwq_put_base(struct pool_workqueue *pwq)
{
	struct worker_pool *pool = pwq->pool;
	bool release;

	raw_spin_lock_irq(&pool->lock);
	pwq->base_ref = false;
	release = !--pwq->refcnt;
	raw_spin_unlock_irq(&pool->lock);
	if (release)
		pwq_release(pwq);
}

/*
 * A new pwq of wq on the unbound pool for attrs (found or created; the pwq
 * holds the pool reference), not linked yet.  Context: may sleep; no
 * workqueue mutex held.  Return: the pwq, or NULL (no memory).
 */
static struct pool_workqueue *alloc_unbound_pwq(struct workqueue_struct *wq,
						const struct workqueue_attrs *attrs)
{
	struct pool_workqueue *pwq;
	struct worker_pool *pool;

	mutex_lock(&wq_pool_mutex);
	pool = get_unbound_pool(attrs);
	mutex_unlock(&wq_pool_mutex);
	if (!pool)
		return NULL;
	pwq = alloc_pwq(wq, pool);
	if (!pwq) {
		mutex_lock(&wq_pool_mutex);
		put_unbound_pool(pool);
		mutex_unlock(&wq_pool_mutex);
	}
	return pwq;
}

static int alloc_and_link_pwqs(struct workqueue_struct *wq)
{
	int highpri = !!(wq->flags & WQ_HIGHPRI), cpu;
	struct pool_workqueue *pwq;

	if (!(wq->flags & WQ_UNBOUND)) {
		for_each_possible_cpu(cpu) {
			pwq = alloc_pwq(wq, cpu_pools[cpu][highpri]);
			if (!pwq)
				goto fail_percpu;
			wq->cpu_pwq[cpu] = pwq;
			mutex_lock(&wq->mutex);
			link_pwq(pwq);
			mutex_unlock(&wq->mutex);
		}
		return 0;
	}
	pwq = alloc_unbound_pwq(wq, &unbound_std_attrs[highpri]);
	if (!pwq)
		return -ENOMEM;
	mutex_lock(&wq->mutex);
	link_pwq(pwq);
	wq->dfl_pwq = pwq;
	mutex_unlock(&wq->mutex);
	return 0;

fail_percpu:
	for_each_possible_cpu(cpu) {
		pwq = wq->cpu_pwq[cpu];
		if (!pwq)
			continue;
		list_del(&pwq->pwqs_node);
		pwq_unlink_from_pool(pwq);
		kfree(pwq);
	}
	return -ENOMEM;
}

/**
 * alloc_workqueue - a new workqueue named by fmt.  flags: WQ_UNBOUND,
 * WQ_HIGHPRI, WQ_CPU_INTENSIVE (and the accepted no-ops); max_active 0
 * means WQ_DFL_ACTIVE, values outside [1, WQ_MAX_ACTIVE] are clamped
 * with a message.  For a per-CPU workqueue max_active applies per CPU,
 * for an unbound one to the whole workqueue.
 * Context: may sleep.  Return: the workqueue or NULL.
 */
struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags, int max_active, ...)
{
	struct workqueue_struct *wq;
	size_t size = sizeof(*wq);
	va_list args;

	if (WARN(!cpu_pools[0][0], "alloc_workqueue before workqueue_init"))
		return NULL;
	if (flags & __WQ_ORDERED)
		flags |= WQ_UNBOUND;
	if (!(flags & WQ_UNBOUND))
		size += nr_cpu_ids * sizeof(wq->cpu_pwq[0]);
	wq = kzalloc(size, GFP_KERNEL);
	if (!wq)
		return NULL;
	va_start(args, max_active);
	vsnprintf(wq->name, sizeof(wq->name), fmt, args);
	va_end(args);

	max_active = max_active ?: WQ_DFL_ACTIVE;
	if (max_active < 1 || max_active > WQ_MAX_ACTIVE) {
		pr_warn("workqueue: max_active %d requested for %s is out of range, clamping between %d and %d\n",
			max_active, wq->name, 1, WQ_MAX_ACTIVE);
		max_active = clamp(max_active, 1, (int)WQ_MAX_ACTIVE);
	}
	if (flags & __WQ_ORDERED)
		max_active = 1;
	wq->flags = flags;
	wq->saved_max_active = max_active;
	mutex_init(&wq->mutex);
	atomic_set(&wq->nr_pwqs_to_flush, 0);
	INIT_LIST_HEAD(&wq->pwqs);
	INIT_LIST_HEAD(&wq->flusher_queue);
	INIT_LIST_HEAD(&wq->flusher_overflow);
	INIT_LIST_HEAD(&wq->list);
	if (alloc_and_link_pwqs(wq) < 0) {
		kfree(wq);
		return NULL;
	}
	wq->magic = WQ_MAGIC;
	mutex_lock(&wq_pool_mutex);
	list_add_tail(&wq->list, &workqueues);
	mutex_unlock(&wq_pool_mutex);
	return wq;
}

static bool pwq_busy(struct pool_workqueue *pwq)
{
	int i;

	for (i = 0; i < WORK_NR_COLORS; i++)
		if (pwq->nr_in_flight[i])
			return true;
	return pwq->refcnt > 1 || pwq->nr_active || !list_empty(&pwq->inactive_works);
}

/**
 * destroy_workqueue - drain wq, then release its pwqs (and unbound
 * pools) and free it.  Pending delayed items' timers are not waited for
 * (cancel them first, as in Linux).  A second destroy, or a destroy from
 * one of wq's own items, is reported and ignored; a workqueue still busy
 * after draining is reported and leaked rather than freed.
 * Context: may sleep.
 */
void destroy_workqueue(struct workqueue_struct *wq)
{
	struct pool_workqueue *pwq, *tmp;
	bool busy = false;
	LIST_HEAD(dead);

	might_sleep();
	if (WARN(!wq_is_alive(wq), "destroy_workqueue: %px is not a live workqueue (destroyed twice?)",
		 wq))
		return;
	if (wq_flush_would_deadlock(wq, "destroy_workqueue"))
		return;
	mutex_lock(&wq->mutex);
	if (WARN(wq->flags & __WQ_DESTROYING, "destroy_workqueue(%s) called twice", wq->name)) {
		mutex_unlock(&wq->mutex);
		return;
	}
	WRITE_ONCE(wq->flags, wq->flags | __WQ_DESTROYING);
	mutex_unlock(&wq->mutex);

	drain_workqueue(wq);

	mutex_lock(&wq->mutex);
	list_for_each_entry(pwq, &wq->pwqs, pwqs_node) {
		raw_spin_lock_irq(&pwq->pool->lock);
		if (pwq_busy(pwq))
			busy = true;
		raw_spin_unlock_irq(&pwq->pool->lock);
	}
	mutex_unlock(&wq->mutex);
	if (busy) {
		WARN(1, "destroy_workqueue: %s is still busy after draining; leaked", wq->name);
		show_all_workqueues();
		return;
	}

	mutex_lock(&wq_pool_mutex);
	list_del_init(&wq->list);
	mutex_unlock(&wq_pool_mutex);
	WRITE_ONCE(wq->magic, WQ_MAGIC_DEAD);

	if (wq->flags & WQ_UNBOUND) {
		/* the last pwq released frees wq (a replaced one may still be on its way) */
		mutex_lock(&wq->mutex);
		pwq = wq->dfl_pwq;
		WRITE_ONCE(wq->dfl_pwq, NULL);
		mutex_unlock(&wq->mutex);
		pwq_put_base(pwq);
		return;
	}
	mutex_lock(&wq->mutex);
	list_splice_init(&wq->pwqs, &dead);
	mutex_unlock(&wq->mutex);
	list_for_each_entry(pwq, &dead, pwqs_node)
		pwq_unlink_from_pool(pwq);
	wq_lookup_sync();
	list_for_each_entry_safe(pwq, tmp, &dead, pwqs_node)
		kfree(pwq);
	wq_free(wq);
}

/**
 * workqueue_set_max_active - change max_active (clamped); newly allowed
 * inactive items start at once.  Not for ordered workqueues.
 * Context: may sleep.
 */
void workqueue_set_max_active(struct workqueue_struct *wq, int max_active)
{
	struct pool_workqueue *pwq;

	if (WARN_ON(!wq_is_alive(wq)) || WARN_ON(wq->flags & __WQ_ORDERED))
		return;
	max_active = clamp(max_active, 1, (int)WQ_MAX_ACTIVE);
	mutex_lock(&wq->mutex);
	wq->saved_max_active = max_active;
	list_for_each_entry(pwq, &wq->pwqs, pwqs_node) {
		struct worker_pool *pool = pwq->pool;

		raw_spin_lock_irq(&pool->lock);
		pwq->max_active = max_active;
		while (pwq->nr_active < pwq->max_active && !list_empty(&pwq->inactive_works))
			if (!pwq_activate_first_inactive(pwq))
				break;
		if (unlikely(pool->recount))
			pool_recount(pool, NULL);
		kick_pool(pool);
		raw_spin_unlock_irq(&pool->lock);
	}
	mutex_unlock(&wq->mutex);
}

/* Are items of wq waiting for max_active on cpu's pwq?  Advisory. */
bool workqueue_congested(int cpu, struct workqueue_struct *wq)
{
	struct pool_workqueue *pwq;
	unsigned long flags;
	bool ret;

	if (!wq_is_alive(wq))
		return false;
	local_irq_save(flags);
	wq_lookup_begin();
	if (cpu == WORK_CPU_UNBOUND)
		cpu = raw_smp_processor_id();
	pwq = (wq->flags & WQ_UNBOUND) ? READ_ONCE(wq->dfl_pwq) :
	      ((unsigned int)cpu < nr_cpu_ids ? wq->cpu_pwq[cpu] : NULL);
	ret = pwq && !list_empty(&pwq->inactive_works);
	wq_lookup_end();
	local_irq_restore(flags);
	return ret;
}

struct workqueue_attrs *alloc_workqueue_attrs(void)
{
	struct workqueue_attrs *attrs = kzalloc(sizeof(*attrs), GFP_KERNEL);

	if (attrs)
		cpumask_copy(&attrs->cpumask, cpu_possible_mask);
	return attrs;
}

void free_workqueue_attrs(struct workqueue_attrs *attrs)
{
	kfree(attrs);
}

/**
 * apply_workqueue_attrs - serve an unbound workqueue from the pool for
 * attrs (shared with every workqueue with equal attributes).  Items
 * already queued finish on the old pool, whose pwq is released after its
 * last item.  Not for per-CPU or ordered workqueues.
 * Context: may sleep.  Return: 0, -EINVAL or -ENOMEM.
 */
int apply_workqueue_attrs(struct workqueue_struct *wq, const struct workqueue_attrs *attrs)
{
	struct workqueue_attrs a;
	struct pool_workqueue *pwq, *old;
	struct worker_pool *pool;

	if (WARN_ON(!wq_is_alive(wq)) || WARN_ON(!(wq->flags & WQ_UNBOUND)) ||
	    WARN_ON(wq->flags & __WQ_ORDERED))
		return -EINVAL;
	a.nice = clamp(attrs->nice, MIN_NICE, MAX_NICE);
	if (!cpumask_and(&a.cpumask, &attrs->cpumask, cpu_possible_mask))
		return -EINVAL;
	pwq = alloc_unbound_pwq(wq, &a);
	if (!pwq)
		return -ENOMEM;
	pool = pwq->pool;
	mutex_lock(&wq->mutex);
	if (WARN_ON(wq->flags & __WQ_DESTROYING)) {
		mutex_unlock(&wq->mutex);
		pwq_unlink_from_pool(pwq);
		kfree(pwq);
		mutex_lock(&wq_pool_mutex);
		put_unbound_pool(pool);
		mutex_unlock(&wq_pool_mutex);
		return -EINVAL;
	}
	link_pwq(pwq);
	old = wq->dfl_pwq;
	WRITE_ONCE(wq->dfl_pwq, pwq);
	mutex_unlock(&wq->mutex);
	pwq_put_base(old);
	return 0;
}

/* ---- helpers built on the API ---- */

/**
 * schedule_on_each_cpu - run func on every online CPU (system_wq) and wait.
 * Context: may sleep.  Return: 0 or -ENOMEM.
 */
int schedule_on_each_cpu(work_func_t func)
{
	struct work_struct *works;
	int cpu;

	works = kcalloc(nr_cpu_ids, sizeof(*works), GFP_KERNEL);
	if (!works)
		return -ENOMEM;
	cpus_read_lock();
	for_each_online_cpu(cpu) {
		INIT_WORK(&works[cpu], func);
		schedule_work_on(cpu, &works[cpu]);
	}
	for_each_online_cpu(cpu)
		flush_work(&works[cpu]);
	cpus_read_unlock();
	kfree(works);
	return 0;
}

struct work_for_cpu {
	struct work_struct work;
	long (*fn)(void *);
	void *arg;
	long ret;
};

static void work_for_cpu_fn(struct work_struct *work)
{
	struct work_for_cpu *wfc = container_of(work, struct work_for_cpu, work);

	wfc->ret = wfc->fn(wfc->arg);
}

/* Run fn(arg) on cpu in a kworker and return its result.  Context: may sleep. */
long work_on_cpu(int cpu, long (*fn)(void *), void *arg)
{
	struct work_for_cpu wfc = { .fn = fn, .arg = arg };

	INIT_WORK_ONSTACK(&wfc.work, work_for_cpu_fn);
	schedule_work_on(cpu, &wfc.work);
	flush_work(&wfc.work);
	destroy_work_on_stack(&wfc.work);
	return wfc.ret;
}

/* ---- CPU hotplug ---- */

/*
 * unbind_workers - cpu is going down: its pool's workers become unbound
 * (allowed everywhere, out of concurrency management), pending work is
 * kicked.  Context: hotplug teardown (cpu still online), may sleep.
 */
static void unbind_workers(struct worker_pool *pool)
{
	struct worker *worker;

	mutex_lock(&wq_pool_attach_mutex);
	raw_spin_lock_irq(&pool->lock);
	if (pool->flags & POOL_DISASSOCIATED) {
		raw_spin_unlock_irq(&pool->lock);
		mutex_unlock(&wq_pool_attach_mutex);
		return;
	}
	list_for_each_entry(worker, &pool->workers, node)
		WRITE_ONCE(worker->flags, worker->flags | WORKER_UNBOUND);
	pool->flags |= POOL_DISASSOCIATED | POOL_HOTPLUG_WALK;
	/* every worker is NOT_RUNNING now; the sleep hook re-checks under this lock */
	pool->nr_running = 0;
	kick_pool(pool);
	raw_spin_unlock_irq(&pool->lock);
	/* no attach (the mutex) nor detach (the walk flag) meanwhile */
	list_for_each_entry(worker, &pool->workers, node) {
		kthread_set_per_cpu(worker->task, -1);
		WARN_ON_ONCE(set_cpus_allowed_ptr(worker->task, cpu_possible_mask) < 0);
	}
	raw_spin_lock_irq(&pool->lock);
	pool->flags &= ~POOL_HOTPLUG_WALK;
	raw_spin_unlock_irq(&pool->lock);
	wake_up_all(&wq_manager_wait);
	mutex_unlock(&wq_pool_attach_mutex);
}

/*
 * rebind_workers - cpu is back: bind the workers to it again; UNBOUND
 * becomes REBOUND, which each worker drops on its next round.
 * Context: hotplug startup, may sleep.
 */
static void rebind_workers(struct worker_pool *pool)
{
	struct worker *worker;

	mutex_lock(&wq_pool_attach_mutex);
	raw_spin_lock_irq(&pool->lock);
	if (!(pool->flags & POOL_DISASSOCIATED)) {
		raw_spin_unlock_irq(&pool->lock);
		mutex_unlock(&wq_pool_attach_mutex);
		return;
	}
	pool->flags |= POOL_HOTPLUG_WALK;
	raw_spin_unlock_irq(&pool->lock);
	list_for_each_entry(worker, &pool->workers, node) {
		kthread_set_per_cpu(worker->task, pool->cpu);
		WARN_ON_ONCE(set_cpus_allowed_ptr(worker->task, &pool->attrs.cpumask) < 0);
	}
	raw_spin_lock_irq(&pool->lock);
	pool->flags &= ~(POOL_DISASSOCIATED | POOL_HOTPLUG_WALK);
	list_for_each_entry(worker, &pool->workers, node) {
		unsigned int f = worker->flags;

		if (f & WORKER_UNBOUND)
			f = (f & ~WORKER_UNBOUND) | WORKER_REBOUND;
		WRITE_ONCE(worker->flags, f);
	}
	raw_spin_unlock_irq(&pool->lock);
	wake_up_all(&wq_manager_wait);
	mutex_unlock(&wq_pool_attach_mutex);
}

static int workqueue_offline_cpu(unsigned int cpu)
{
	int i;

	for (i = 0; i < NR_STD_WORKER_POOLS; i++)
		if (cpu_pools[cpu][i])
			unbind_workers(cpu_pools[cpu][i]);
	return 0;
}

static int workqueue_online_cpu(unsigned int cpu)
{
	int i;

	for (i = 0; i < NR_STD_WORKER_POOLS; i++)
		if (cpu_pools[cpu][i])
			rebind_workers(cpu_pools[cpu][i]);
	return 0;
}

/* ---- debugging and test hooks ---- */

static void show_pool(struct worker_pool *pool)
{
	struct worker *worker;
	struct work_struct *work;
	int bkt, n = 0;

	pr_info("  pool %d: cpu %d nice %d flags %#x workers %d idle %d running %d%s\n",
		pool->id, pool->cpu, pool->attrs.nice, pool->flags, pool->nr_workers,
		pool->nr_idle, pool->nr_running, pool->manager ? " (managing)" : "");
	for (bkt = 0; bkt < (1 << BUSY_WORKER_HASH_ORDER); bkt++)
		hlist_for_each_entry(worker, &pool->busy_hash[bkt], hentry)
			pr_info("    %s (pid %d) runs %ps\n", worker->task->comm, worker->task->pid,
				worker->current_func);
	list_for_each_entry(work, &pool->worklist, entry) {
		if (!entry_is_work(&work->entry) || ++n > 8)
			break;
		pr_info("    pending %ps\n", work->func);
	}
}

/* Print every busy workqueue and pool (debugging; the serial monitor). */
void show_all_workqueues(void)
{
	struct worker_pool *pool;
	unsigned long flags;

	pr_info("workqueue pools:\n");
	raw_spin_lock_irqsave(&wq_pools_lock, flags);
	list_for_each_entry(pool, &wq_all_pools, all_node) {
		raw_spin_lock(&pool->lock);
		if (pool->nr_workers != pool->nr_idle || !list_empty(&pool->worklist) ||
		    pool->cpu < 0)
			show_pool(pool);
		raw_spin_unlock(&pool->lock);
	}
	raw_spin_unlock_irqrestore(&wq_pools_lock, flags);
}

/* A pool's state copied under its lock, printed after. */
struct pool_snap {
	int cpu, nice, flags, nr_workers, nr_idle, nr_running, pending, nr;
	bool managing;
	struct {
		char comm[TASK_COMM_LEN];
		pid_t pid;
		work_func_t func;
	} w[16];
};

static void snap_pool(struct worker_pool *pool, struct pool_snap *ps)
{
	struct work_struct *work;
	struct worker *worker;

	raw_spin_lock_irq(&pool->lock);
	*ps = (struct pool_snap){ .cpu = pool->cpu, .nice = pool->attrs.nice,
				  .flags = pool->flags, .nr_workers = pool->nr_workers,
				  .nr_idle = pool->nr_idle, .nr_running = pool->nr_running,
				  .managing = pool->manager != NULL };
	list_for_each_entry(work, &pool->worklist, entry)
		if (++ps->pending >= 100000)
			break;
	list_for_each_entry(worker, &pool->workers, node) {
		if (ps->nr == ARRAY_SIZE(ps->w))
			break;
		memcpy(ps->w[ps->nr].comm, worker->task->comm, TASK_COMM_LEN);
		ps->w[ps->nr].pid = worker->task->pid;
		ps->w[ps->nr].func = worker->current_func;
		ps->nr++;
	}
	raw_spin_unlock_irq(&pool->lock);
}

/* Add up a pwq's active/inactive counts (under its pool's lock). */
static void pwq_counts(struct pool_workqueue *pwq, int *active, int *inactive, int *max)
{
	struct work_struct *work;

	raw_spin_lock(&pwq->pool->lock);
	*active += pwq->nr_active;
	*max = pwq->max_active;
	list_for_each_entry(work, &pwq->inactive_works, entry)
		++*inactive;
	raw_spin_unlock(&pwq->pool->lock);
}

/**
 * wq_show - every workqueue (kind, max_active, active and inactive items
 * summed over its pwqs) and every pool with its workers, idle or busy in
 * which function, through pr (the serial monitor's `wq`).  Each pool is
 * copied under its lock and printed after.  Context: may sleep; holds
 * wq_pool_mutex, which keeps workqueues on the list and unbound pools
 * alive (per-CPU pools live for ever).
 */
void wq_show(__printf(1, 2) void (*pr)(const char *fmt, ...))
{
	struct workqueue_struct *wq;
	struct pool_snap *ps = kmalloc(sizeof(*ps), GFP_KERNEL);
	int id, cpu, i;

	if (!ps) {
		pr("error: no memory\n");
		return;
	}
	mutex_lock(&wq_pool_mutex);
	pr("%-30s %-8s %10s %6s %8s\n", "workqueue", "kind", "max_active", "active", "inactive");
	list_for_each_entry(wq, &workqueues, list) {
		int active = 0, inactive = 0, max = 0;

		local_irq_disable();
		if (wq->flags & WQ_UNBOUND) {
			struct pool_workqueue *pwq;

			wq_lookup_begin();
			pwq = READ_ONCE(wq->dfl_pwq);
			if (pwq)
				pwq_counts(pwq, &active, &inactive, &max);
			wq_lookup_end();
		} else {
			for_each_possible_cpu(cpu)
				if (wq->cpu_pwq[cpu])
					pwq_counts(wq->cpu_pwq[cpu], &active, &inactive, &max);
		}
		local_irq_enable();
		pr("%-30s %-8s %10d %6d %8d\n", wq->name,
		   (wq->flags & __WQ_ORDERED) ? "ordered" : (wq->flags & WQ_UNBOUND) ? "unbound" :
		   (wq->flags & WQ_HIGHPRI) ? "highpri" : "per-cpu", max, active, inactive);
	}
	for (id = 0; id < WQ_MAX_POOLS; id++) {
		struct worker_pool *pool = READ_ONCE(pool_table[id]);

		if (!pool)
			continue;
		snap_pool(pool, ps);
		if (ps->cpu >= 0)
			pr("pool %d: cpu %d%s", id, ps->cpu, ps->nice < 0 ? " highpri" : "");
		else
			pr("pool %d: unbound nice %d", id, ps->nice);
		pr("%s, %d workers (%d idle, %d running), %d pending%s\n",
		   (ps->flags & POOL_DISASSOCIATED) ? " disassociated" : "", ps->nr_workers,
		   ps->nr_idle, ps->nr_running, ps->pending, ps->managing ? ", managing" : "");
		for (i = 0; i < ps->nr; i++)
			if (ps->w[i].func)
				pr("  %-16s pid %-5d busy in %ps\n", ps->w[i].comm, ps->w[i].pid,
				   ps->w[i].func);
			else
				pr("  %-16s pid %-5d idle\n", ps->w[i].comm, ps->w[i].pid);
	}
	mutex_unlock(&wq_pool_mutex);
	kfree(ps);
}

/* The pool serving wq on cpu.  Context: the caller keeps wq alive. */
static struct worker_pool *wq_pool_of(struct workqueue_struct *wq, int cpu)
{
	struct worker_pool *pool = NULL;

	if (!wq_is_alive(wq))
		return NULL;
	mutex_lock(&wq->mutex);
	if (wq->flags & WQ_UNBOUND)
		pool = wq->dfl_pwq ? wq->dfl_pwq->pool : NULL;
	else if ((unsigned int)cpu < nr_cpu_ids && wq->cpu_pwq[cpu])
		pool = wq->cpu_pwq[cpu]->pool;
	mutex_unlock(&wq->mutex);
	return pool;
}

int workqueue_pool_info(struct workqueue_struct *wq, int cpu, struct wq_pool_info *info)
{
	struct worker_pool *pool = wq_pool_of(wq, cpu);
	struct worker *worker;
	struct list_head *n;

	if (!pool)
		return -EINVAL;
	memset(info, 0, sizeof(*info));
	mutex_lock(&wq_pool_mutex);
	info->refcnt = pool->refcnt;
	mutex_unlock(&wq_pool_mutex);
	raw_spin_lock_irq(&pool->lock);
	list_for_each_entry(worker, &pool->workers, node)
		info->nr_attached++;
	info->id = pool->id;
	info->cpu = pool->cpu;
	info->nice = pool->attrs.nice;
	info->nr_workers = pool->nr_workers;
	info->nr_idle = pool->nr_idle;
	info->nr_running = pool->nr_running;
	list_for_each(n, &pool->worklist)
		info->nr_pending++;
	info->disassociated = pool->flags & POOL_DISASSOCIATED;
	info->manager_active = pool->flags & POOL_MANAGER_ACTIVE;
	raw_spin_unlock_irq(&pool->lock);
	return 0;
}

int workqueue_pool_trim(struct workqueue_struct *wq, int cpu, int keep)
{
	struct worker_pool *pool = wq_pool_of(wq, cpu);
	struct dying_workers dw = { .nr = 0 };
	int tries;

	if (!pool || keep < 1)
		return -EINVAL;
	raw_spin_lock_irq(&pool->lock);
	while (pool->nr_workers > keep && !list_empty(&pool->idle_list)) {
		struct worker *worker, *newest = NULL;

		if (dying_full(&dw)) {
			raw_spin_unlock_irq(&pool->lock);
			dying_wake(&dw);
			raw_spin_lock_irq(&pool->lock);
			continue;
		}
		/* the newest (highest id) first: the pool keeps its first workers */
		list_for_each_entry(worker, &pool->idle_list, entry)
			if (!newest || worker->id > newest->id)
				newest = worker;
		destroy_worker(newest, &dw);
	}
	raw_spin_unlock_irq(&pool->lock);
	dying_wake(&dw);
	for (tries = 0; tries < 2000; tries++) {
		struct wq_pool_info info;

		workqueue_pool_info(wq, cpu, &info);
		if (info.nr_attached == info.nr_workers)
			return 0;
		msleep(1);
	}
	return -ETIMEDOUT;
}

unsigned long workqueue_set_idle_timeout(unsigned long timeout)
{
	return xchg(&wq_idle_timeout, max(timeout, 1UL));
}

unsigned long workqueue_set_watchdog_thresh(unsigned long thresh)
{
	unsigned long old = xchg(&wq_watchdog_thresh, max(thresh, 1UL));

	/* a check armed with the old threshold may be far away: check soon */
	mod_timer(&wq_watchdog_timer, jiffies + max(thresh / 4, 1UL));
	return old;
}

/* ---- boot ---- */

/**
 * workqueue_init - the per-CPU pools of every possible CPU (those of
 * CPUs not online start disassociated), the system workqueues, one
 * worker per pool, the hotplug callbacks.  Runs once; later calls
 * return 0.  Context: process context after SMP bring-up (the stoppers
 * running).  Return: 0 or -ENOMEM.
 */
int workqueue_init(void)
{
	static bool initialised;
	struct worker_pool *pool;
	int cpu, i, ret;

	if (initialised)
		return 0;
	initialised = true;

	for_each_possible_cpu(cpu) {
		raw_spin_lock_init(per_cpu_ptr(&wq_lookup_lock, cpu));
		per_cpu(wq_lookup_depth, cpu) = 0;
	}
	for (i = 0; i < NR_STD_WORKER_POOLS; i++) {
		unbound_std_attrs[i].nice = std_nice[i];
		cpumask_copy(&unbound_std_attrs[i].cpumask, cpu_possible_mask);
	}
	for_each_possible_cpu(cpu) {
		for (i = 0; i < NR_STD_WORKER_POOLS; i++) {
			pool = kzalloc(sizeof(*pool), GFP_KERNEL);
			if (!pool)
				return -ENOMEM;
			init_worker_pool(pool);
			pool->cpu = cpu;
			pool->attrs.nice = std_nice[i];
			cpumask_copy(&pool->attrs.cpumask, cpumask_of(cpu));
			if (!cpu_online(cpu))
				pool->flags |= POOL_DISASSOCIATED;
			pool_publish(pool, cpu * NR_STD_WORKER_POOLS + i);
			cpu_pools[cpu][i] = pool;
		}
	}

	system_wq = alloc_workqueue("events", 0, 0);
	system_highpri_wq = alloc_workqueue("events_highpri", WQ_HIGHPRI, 0);
	system_long_wq = alloc_workqueue("events_long", 0, 0);
	system_unbound_wq = alloc_workqueue("events_unbound", WQ_UNBOUND, WQ_MAX_ACTIVE);
	system_freezable_wq = alloc_workqueue("events_freezable", WQ_FREEZABLE, 0);
	system_power_efficient_wq = alloc_workqueue("events_power_efficient",
						    WQ_POWER_EFFICIENT, 0);
	system_freezable_power_efficient_wq = alloc_workqueue("events_freezable_pwr_efficient",
							      WQ_FREEZABLE | WQ_POWER_EFFICIENT, 0);
	if (!system_wq || !system_highpri_wq || !system_long_wq || !system_unbound_wq ||
	    !system_freezable_wq || !system_power_efficient_wq ||
	    !system_freezable_power_efficient_wq)
		return -ENOMEM;

	WRITE_ONCE(wq_online, true);
	for_each_possible_cpu(cpu)
		for (i = 0; i < NR_STD_WORKER_POOLS; i++)
			if (!create_worker(cpu_pools[cpu][i]))
				return -ENOMEM;
	mutex_lock(&wq_pool_mutex);
	list_for_each_entry(pool, &unbound_pools, unbound_node) {
		if (!pool->nr_workers && !create_worker(pool)) {
			mutex_unlock(&wq_pool_mutex);
			return -ENOMEM;
		}
	}
	mutex_unlock(&wq_pool_mutex);

	ret = cpuhp_setup_state(CPUHP_AP_WORKQUEUE_ONLINE, "workqueue:online",
				workqueue_online_cpu, workqueue_offline_cpu);
	if (ret)
		pr_err("workqueue: cannot register the hotplug callbacks (%d)\n", ret);
	pr_info("workqueue: %u CPU pools, system workqueues ready\n",
		num_possible_cpus() * NR_STD_WORKER_POOLS);
	return ret;
}
