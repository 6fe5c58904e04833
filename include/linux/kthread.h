#ifndef _LINUX_KTHREAD_H
#define _LINUX_KTHREAD_H

/*
 * Kernel threads (kernel/kthread.c), Linux's API and semantics: every
 * kthread is created by kthreadd from a clean context, sleeps until its
 * first wake-up, and can be bound, parked, unparked and stopped.
 */
#include <linux/types.h>
#include <linux/err.h>
#include <linux/sched.h>
#include <linux/cpumask.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/timer.h>

#define NUMA_NO_NODE	(-1)

__printf(4, 5)
struct task_struct *kthread_create_on_node(int (*threadfn)(void *data), void *data, int node,
					   const char namefmt[], ...);
#define kthread_create(threadfn, data, namefmt, arg...) \
	kthread_create_on_node(threadfn, data, NUMA_NO_NODE, namefmt, ##arg)
struct task_struct *kthread_create_on_cpu(int (*threadfn)(void *data), void *data,
					  unsigned int cpu, const char *namefmt);

#define kthread_run(threadfn, data, namefmt, ...) ({			\
	struct task_struct *__k = kthread_create(threadfn, data, namefmt, ##__VA_ARGS__); \
	if (!IS_ERR(__k))						\
		wake_up_process(__k);					\
	__k; })

static inline struct task_struct *kthread_run_on_cpu(int (*threadfn)(void *data), void *data,
						     unsigned int cpu, const char *namefmt)
{
	struct task_struct *p = kthread_create_on_cpu(threadfn, data, cpu, namefmt);

	if (!IS_ERR(p))
		wake_up_process(p);
	return p;
}

void kthread_bind(struct task_struct *k, unsigned int cpu);
void kthread_bind_mask(struct task_struct *k, const struct cpumask *mask);
int kthread_stop(struct task_struct *k);
int kthread_stop_put(struct task_struct *k);
bool kthread_should_stop(void);
bool kthread_should_park(void);
bool kthread_should_stop_or_park(void);
bool kthread_freezable_should_stop(bool *was_frozen);
void kthread_parkme(void);
int kthread_park(struct task_struct *k);
void kthread_unpark(struct task_struct *k);
void __noreturn kthread_exit(long result);
void __noreturn kthread_complete_and_exit(struct completion *comp, long code);
void *kthread_data(struct task_struct *k);
void *kthread_probe_data(struct task_struct *k);
void *kthread_func(struct task_struct *k);
bool kthread_is_per_cpu(struct task_struct *k);
void kthread_set_per_cpu(struct task_struct *k, int cpu);
void get_kthread_comm(char *buf, size_t buf_size, struct task_struct *tsk);
static inline bool set_freezable(void) { return false; }
static inline bool try_to_freeze(void) { return false; }

/* kthreadd and the per-task struct kthread (internal). */
int kthreadd(void *unused);
extern struct task_struct *kthreadd_task;
bool set_kthread_struct(struct task_struct *p);
void free_kthread_struct(struct task_struct *k);
void kthread_flags_describe(struct task_struct *k, char *buf, size_t size);

/*
 * kthread_worker: a kthread that runs queued kthread_work items one at a
 * time, in queue order.
 */
struct kthread_work;
typedef void (*kthread_work_func_t)(struct kthread_work *work);

enum {
	KTW_FREEZABLE = 1 << 0,
};

struct kthread_worker {
	unsigned int flags;
	raw_spinlock_t lock;
	struct list_head work_list;		/* lock */
	struct list_head delayed_work_list;	/* lock */
	struct task_struct *task;
	struct kthread_work *current_work;	/* lock */
};

struct kthread_work {
	struct list_head node;			/* worker->lock */
	kthread_work_func_t func;
	struct kthread_worker *worker;		/* worker->lock */
	int canceling;				/* worker->lock */
};

struct kthread_delayed_work {
	struct kthread_work work;
	struct timer_list timer;
};

#define KTHREAD_WORK_INIT(work, fn) {					\
	.node = LIST_HEAD_INIT((work).node),				\
	.func = (fn),							\
	}
#define DEFINE_KTHREAD_WORK(work, fn) \
	struct kthread_work work = KTHREAD_WORK_INIT(work, fn)

void __kthread_init_worker(struct kthread_worker *worker, const char *name);
#define kthread_init_worker(worker) __kthread_init_worker((worker), #worker)

#define kthread_init_work(work, fn) do {				\
	memset((work), 0, sizeof(struct kthread_work));			\
	INIT_LIST_HEAD(&(work)->node);					\
	(work)->func = (fn);						\
} while (0)

void kthread_delayed_work_timer_fn(struct timer_list *t);
#define kthread_init_delayed_work(dwork, fn) do {			\
	kthread_init_work(&(dwork)->work, (fn));			\
	timer_setup(&(dwork)->timer, kthread_delayed_work_timer_fn, TIMER_IRQSAFE); \
} while (0)

int kthread_worker_fn(void *worker_ptr);
__printf(2, 3)
struct kthread_worker *kthread_create_worker(unsigned int flags, const char namefmt[], ...);
__printf(3, 4)
struct kthread_worker *kthread_create_worker_on_cpu(int cpu, unsigned int flags,
						    const char namefmt[], ...);
bool kthread_queue_work(struct kthread_worker *worker, struct kthread_work *work);
bool kthread_queue_delayed_work(struct kthread_worker *worker, struct kthread_delayed_work *dwork,
				unsigned long delay);
bool kthread_mod_delayed_work(struct kthread_worker *worker, struct kthread_delayed_work *dwork,
			      unsigned long delay);
void kthread_flush_work(struct kthread_work *work);
void kthread_flush_worker(struct kthread_worker *worker);
bool kthread_cancel_work_sync(struct kthread_work *work);
bool kthread_cancel_delayed_work_sync(struct kthread_delayed_work *work);
void kthread_destroy_worker(struct kthread_worker *worker);

#endif
