/*
 * Sleeping locks: mutexes (kernel/locking/mutex.c) and counting
 * semaphores (kernel/locking/semaphore.c).
 *
 * Mutex:   unlocked --lock/trylock--> owned --lock by another: queued (FIFO)-->
 *          owned + waiters --unlock: handed to the first waiter--> owned by it
 *          --unlock, no waiter--> unlocked
 *   misuse: unlock by a non-owner (WARN, lock stays with its owner), unlock
 *   of an unlocked mutex (WARN), lock by the owner (WARN, no second hold,
 *   no deadlock), lock in atomic context (might_sleep WARN).
 * Semaphore: count > 0 --down--> count - 1;  count == 0 --down--> queued
 *   --up: unit handed to the first waiter--> running; --timeout--> -ETIME;
 *   up with nobody queued --> count + 1.
 *
 * Covered: mutual exclusion under contention from threads on every CPU
 * (exact count, bounded time), trylock, mutex_is_locked, the owner checks,
 * lockdep_assert_held on a mutex, strict FIFO handoff; semaphore counting,
 * down_trylock's inverted return, down_timeout's -ETIME and its success
 * when up() comes from a timer in time, the concurrency limit under
 * contention, FIFO order, both DEFINE_SEMAPHORE forms.  Every wait is
 * bounded; the contention cases end with leak accounting.
 */
#include <kunit/test.h>
#include "leak.h"
#include "../kernel/locking/mutex.h"
#include <linux/mutex.h>
#include <linux/semaphore.h>
#include <linux/sched.h>
#include <linux/completion.h>
#include <linux/timer.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/smp.h>
#include <linux/cpumask.h>
#include <linux/atomic.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <asm/processor.h>
#include <kernel/sched.h>
#include <kernel/panic.h>

/* ---- threads: started bound to a CPU, reaped with a bounded wait ---- */

struct sthread {
	struct task_struct *task;
	struct completion exited;
};

static bool sthread_start(struct kunit *test, struct sthread *t, int (*fn)(void *), void *arg,
			  const char *name, int cpu)
{
	struct task_struct *p = create_task(fn, arg, name, PF_KTHREAD);

	if (IS_ERR(p)) {
		KUNIT_FAIL(test, "create_task(%s) failed", name);
		t->task = NULL;
		return false;
	}
	init_completion(&t->exited);
	p->vfork_done = &t->exited;
	t->task = get_task_struct(p);
	if (cpu >= 0) {
		do_set_cpus_allowed(p, cpumask_of(cpu));
		p->cpu = cpu;
	}
	wake_up_new_task(p);
	return true;
}

/* Return: the thread exited within @ms (its reference is then dropped). */
static bool sthread_reap(struct sthread *t, unsigned int ms)
{
	if (!t->task)
		return true;
	if (!wait_for_completion_timeout(&t->exited, msecs_to_jiffies(ms)))
		return false;
	put_task_struct(t->task);
	t->task = NULL;
	return true;
}

static int nth_online_cpu(int i)
{
	int cpu, n = i % num_online_cpus();

	for_each_online_cpu(cpu)
		if (n-- == 0)
			return cpu;
	return 0;
}

/* Poll (sleeping 1 ms) until cond or ms elapsed.  Return: cond. */
#define wait_until(cond, ms) ({						\
	u64 __end = ktime_get_ns() + (u64)(ms) * NSEC_PER_MSEC;		\
	bool __ok;							\
	while (!(__ok = (cond)) && ktime_get_ns() < __end)		\
		msleep(1);						\
	__ok; })

/* ---- mutex: contention ---- */

#define HAMMER_NS	(300 * NSEC_PER_MSEC)

static DEFINE_MUTEX(hammer_mutex);
static unsigned long hammer_counter;		/* hammer_mutex */
static int hammer_inside;			/* hammer_mutex */
static atomic_t hammer_violations;

struct hammer_arg {
	u64 end;
	unsigned long mine;
	int kind;
};

static int hammer_fn(void *arg)
{
	struct hammer_arg *h = arg;
	unsigned long n = 0;

	while (ktime_get_ns() < h->end) {
		switch ((n + h->kind) % 4) {
		case 0:
			mutex_lock(&hammer_mutex);
			break;
		case 1:
			mutex_lock_interruptible(&hammer_mutex);
			break;
		case 2:
			mutex_lock_killable(&hammer_mutex);
			break;
		default:
			while (!mutex_trylock(&hammer_mutex))
				cpu_relax();
			break;
		}
		if (++hammer_inside != 1)
			atomic_inc(&hammer_violations);
		if (!__mutex_held_by_me(&hammer_mutex))
			atomic_inc(&hammer_violations);
		hammer_counter = READ_ONCE(hammer_counter) + 1;
		if (n % 8 == 0)
			udelay(2);	/* sometimes hold it across a longer stretch */
		hammer_inside--;
		mutex_unlock(&hammer_mutex);
		n++;
	}
	h->mine = n;
	return 0;
}

static void mutex_excludes_threads_on_every_cpu(struct kunit *test)
{
	int n = 2 * num_online_cpus();
	struct sthread *t;
	struct hammer_arg *h;
	unsigned long sum = 0;
	unsigned long warns = warn_count;
	struct mem_snapshot mm;
	u64 end;

	mem_snapshot(&mm);
	t = kcalloc(n, sizeof(*t), GFP_KERNEL);
	h = kcalloc(n, sizeof(*h), GFP_KERNEL);
	if (!t || !h) {
		kfree(t);
		kfree(h);
		KUNIT_FAIL(test, "out of memory");
		return;
	}
	hammer_counter = 0;
	hammer_inside = 0;
	atomic_set(&hammer_violations, 0);
	end = ktime_get_ns() + HAMMER_NS;
	for (int i = 0; i < n; i++) {
		h[i].end = end;
		h[i].kind = i;
		sthread_start(test, &t[i], hammer_fn, &h[i], "mutex_hammer", nth_online_cpu(i));
	}
	for (int i = 0; i < n; i++) {
		KUNIT_EXPECT_TRUE_MSG(test, sthread_reap(&t[i], 10000), "thread %d stuck", i);
		sum += h[i].mine;
	}
	kunit_info(test, "%d threads on %u CPUs: %lu critical sections", n, num_online_cpus(), sum);
	KUNIT_EXPECT_EQ(test, hammer_counter, sum);
	KUNIT_EXPECT_EQ(test, atomic_read(&hammer_violations), 0);
	KUNIT_EXPECT_GT(test, sum, 0UL);
	KUNIT_EXPECT_FALSE(test, mutex_is_locked(&hammer_mutex));
	KUNIT_EXPECT_EQ(test, warn_count, warns);
	kfree(t);
	kfree(h);
	mem_expect_baseline(test, &mm);
}

/* ---- mutex: the simple states ---- */

struct try_arg {
	struct mutex *m;
	int got;
	bool unlock_after;
};

static int trylock_fn(void *arg)
{
	struct try_arg *a = arg;

	a->got = mutex_trylock(a->m);
	if (a->got && a->unlock_after)
		mutex_unlock(a->m);
	return 0;
}

static void mutex_trylock_fails_while_owned_and_succeeds_when_free(struct kunit *test)
{
	struct mutex m;
	struct try_arg a = { .m = &m, .unlock_after = true };
	struct sthread t;

	mutex_init(&m);
	KUNIT_EXPECT_FALSE(test, mutex_is_locked(&m));
	KUNIT_EXPECT_EQ(test, mutex_trylock(&m), 1);
	KUNIT_EXPECT_TRUE(test, mutex_is_locked(&m));
	KUNIT_EXPECT_PTR_EQ(test, __mutex_owner(&m), current);
	KUNIT_EXPECT_EQ(test, mutex_trylock(&m), 0);	/* not recursive */

	a.got = -1;
	sthread_start(test, &t, trylock_fn, &a, "trylock", -1);
	KUNIT_ASSERT_TRUE(test, sthread_reap(&t, 5000));
	KUNIT_EXPECT_EQ(test, a.got, 0);

	mutex_unlock(&m);
	KUNIT_EXPECT_FALSE(test, mutex_is_locked(&m));
	a.got = -1;
	sthread_start(test, &t, trylock_fn, &a, "trylock", -1);
	KUNIT_ASSERT_TRUE(test, sthread_reap(&t, 5000));
	KUNIT_EXPECT_EQ(test, a.got, 1);
	KUNIT_EXPECT_FALSE(test, mutex_is_locked(&m));
	mutex_destroy(&m);
}

static int unlock_fn(void *arg)
{
	mutex_unlock(arg);
	return 0;
}

static void mutex_unlock_by_non_owner_warns_and_keeps_owner(struct kunit *test)
{
	struct mutex m;
	struct sthread t;
	unsigned long warns;

	mutex_init(&m);
	mutex_lock(&m);
	warns = warn_count;
	sthread_start(test, &t, unlock_fn, &m, "intruder", -1);
	KUNIT_ASSERT_TRUE(test, sthread_reap(&t, 5000));
	KUNIT_EXPECT_EQ(test, warn_count - warns, 1UL);
	KUNIT_EXPECT_TRUE(test, mutex_is_locked(&m));
	KUNIT_EXPECT_PTR_EQ(test, __mutex_owner(&m), current);
	mutex_unlock(&m);
	KUNIT_EXPECT_FALSE(test, mutex_is_locked(&m));
	KUNIT_EXPECT_EQ(test, warn_count - warns, 1UL);

	mutex_unlock(&m);		/* not locked at all */
	KUNIT_EXPECT_EQ(test, warn_count - warns, 2UL);
	KUNIT_EXPECT_FALSE(test, mutex_is_locked(&m));
	KUNIT_EXPECT_EQ(test, mutex_trylock(&m), 1);	/* still a working mutex */
	mutex_unlock(&m);
}

static void mutex_lock_by_owner_warns_without_deadlock(struct kunit *test)
{
	DEFINE_MUTEX(m);
	unsigned long warns = warn_count;

	mutex_lock(&m);
	mutex_lock(&m);			/* Linux would hang here */
	KUNIT_EXPECT_EQ(test, warn_count - warns, 1UL);
	KUNIT_EXPECT_PTR_EQ(test, __mutex_owner(&m), current);
	mutex_unlock(&m);		/* the one hold there is */
	KUNIT_EXPECT_FALSE(test, mutex_is_locked(&m));
	KUNIT_EXPECT_EQ(test, warn_count - warns, 1UL);
}

static void mutex_lock_in_atomic_context_warns(struct kunit *test)
{
	DEFINE_MUTEX(m);
	unsigned long warns = warn_count;

	preempt_disable();
	mutex_lock(&m);			/* uncontended: does not sleep, but may */
	preempt_enable();
	KUNIT_EXPECT_EQ(test, warn_count - warns, 1UL);
	mutex_unlock(&m);
}

static void lockdep_assert_held_knows_mutex_owner(struct kunit *test)
{
	DEFINE_MUTEX(m);
	unsigned long warns = warn_count;

	KUNIT_EXPECT_FALSE(test, __mutex_held_by_me(&m));
	mutex_lock(&m);
	KUNIT_EXPECT_TRUE(test, __mutex_held_by_me(&m));
	lockdep_assert_held(&m);
	lockdep_assert_held((const struct mutex *)&m);
	KUNIT_EXPECT_EQ(test, warn_count, warns);
	mutex_unlock(&m);
	KUNIT_EXPECT_FALSE(test, __mutex_held_by_me(&m));
	lockdep_assert_held(&m);	/* WARN_ON_ONCE: reports once */
	KUNIT_EXPECT_EQ(test, warn_count - warns, 1UL);
}

/* ---- mutex: FIFO handoff ---- */

#define NR_FIFO 6

struct fifo_arg {
	struct mutex *m;
	int id;
	int *order;
	int *pos;
};

static int fifo_fn(void *arg)
{
	struct fifo_arg *a = arg;

	mutex_lock(a->m);
	a->order[(*a->pos)++] = a->id;
	mutex_unlock(a->m);
	return 0;
}

static int nr_waiters(struct mutex *m)
{
	int n;

	raw_spin_lock(&m->wait_lock);
	n = (int)list_count_nodes(&m->wait_list);
	raw_spin_unlock(&m->wait_lock);
	return n;
}

static void mutex_waiters_get_lock_in_fifo_order(struct kunit *test)
{
	struct mutex m;
	struct sthread t[NR_FIFO];
	struct fifo_arg a[NR_FIFO];
	int order[NR_FIFO], pos = 0, queued = 0;

	mutex_init(&m);
	mutex_lock(&m);
	for (int i = 0; i < NR_FIFO; i++) {
		a[i] = (struct fifo_arg){ .m = &m, .id = i, .order = order, .pos = &pos };
		/* spread over the CPUs, in reverse, so arrival is not CPU order */
		sthread_start(test, &t[i], fifo_fn, &a[i], "fifo", nth_online_cpu(NR_FIFO - i));
		if (wait_until(nr_waiters(&m) == i + 1, 2000))
			queued++;
	}
	KUNIT_EXPECT_EQ(test, queued, NR_FIFO);
	mutex_unlock(&m);
	for (int i = 0; i < NR_FIFO; i++)
		KUNIT_EXPECT_TRUE(test, sthread_reap(&t[i], 5000));
	KUNIT_EXPECT_EQ(test, pos, NR_FIFO);
	for (int i = 0; i < pos; i++)
		KUNIT_EXPECT_EQ_MSG(test, order[i], i, "waiter %d got the mutex in turn %d", order[i], i);
	KUNIT_EXPECT_FALSE(test, mutex_is_locked(&m));
}

/* ---- semaphores ---- */

static DEFINE_SEMAPHORE(sem_binary);		/* pre-6.4 form: count 1 */
static DEFINE_SEMAPHORE(sem_three, 3);

static void semaphore_counts_units(struct kunit *test)
{
	struct semaphore s;

	KUNIT_EXPECT_EQ(test, down_trylock(&sem_binary), 0);
	KUNIT_EXPECT_EQ(test, down_trylock(&sem_binary), 1);
	up(&sem_binary);
	for (int i = 0; i < 3; i++)
		KUNIT_EXPECT_EQ(test, down_trylock(&sem_three), 0);
	KUNIT_EXPECT_EQ(test, down_trylock(&sem_three), 1);
	for (int i = 0; i < 3; i++)
		up(&sem_three);

	sema_init(&s, 2);
	down(&s);
	KUNIT_EXPECT_EQ(test, down_interruptible(&s), 0);
	KUNIT_EXPECT_EQ(test, down_trylock(&s), 1);	/* 1 = not taken (inverted sense) */
	up(&s);
	KUNIT_EXPECT_EQ(test, down_killable(&s), 0);
	KUNIT_EXPECT_EQ(test, down_timeout(&s, 0), -ETIME);
	up(&s);
	up(&s);
	up(&s);					/* more ups than downs: count 3 */
	for (int i = 0; i < 3; i++)
		KUNIT_EXPECT_EQ(test, down_timeout(&s, 10), 0);
	KUNIT_EXPECT_EQ(test, down_trylock(&s), 1);
}

static void down_timeout_returns_etime_after_the_timeout(struct kunit *test)
{
	struct semaphore s;
	unsigned long j0;
	u64 t0, d;
	int ret;

	sema_init(&s, 0);
	j0 = jiffies;
	t0 = ktime_get_ns();
	ret = down_timeout(&s, 20);
	d = ktime_get_ns() - t0;
	KUNIT_EXPECT_EQ(test, ret, -ETIME);
	KUNIT_EXPECT_GE(test, (long)(jiffies - j0), 20L);
	/* jiffies may lag the clock by up to a jiffy when read: 20 jiffies >= 18 ms */
	KUNIT_EXPECT_GE(test, d, 18 * NSEC_PER_MSEC);
	KUNIT_EXPECT_LT(test, d, 500 * NSEC_PER_MSEC);
	KUNIT_EXPECT_TRUE(test, list_empty(&s.wait_list));
	KUNIT_EXPECT_EQ(test, down_trylock(&s), 1);
}

struct sem_timer {
	struct timer_list timer;
	struct semaphore *sem;
};

static void up_from_timer(struct timer_list *t)
{
	struct sem_timer *st = from_timer(st, t, timer);

	up(st->sem);
}

static int sem_nr_waiters(struct semaphore *s)
{
	unsigned long flags;
	int n;

	raw_spin_lock_irqsave(&s->lock, flags);
	n = (int)list_count_nodes(&s->wait_list);
	raw_spin_unlock_irqrestore(&s->lock, flags);
	return n;
}

static void down_timeout_gets_unit_from_up_in_softirq(struct kunit *test)
{
	struct semaphore s;
	struct sem_timer st = { .sem = &s };
	unsigned long j0 = jiffies;

	sema_init(&s, 0);
	timer_setup_on_stack(&st.timer, up_from_timer, 0);
	mod_timer(&st.timer, j0 + 10);
	KUNIT_EXPECT_EQ(test, down_timeout(&s, 1000), 0);
	KUNIT_EXPECT_LT(test, (long)(jiffies - j0), 500L);
	del_timer_sync(&st.timer);
	destroy_timer_on_stack(&st.timer);
	KUNIT_EXPECT_EQ(test, down_trylock(&s), 1);	/* the unit went to the waiter */
}

struct sem_arg {
	struct semaphore *sem;
	volatile bool got;
};

static int down_fn(void *arg)
{
	struct sem_arg *a = arg;

	down(a->sem);
	a->got = true;
	return 0;
}

static void up_hands_the_unit_to_a_sleeping_waiter(struct kunit *test)
{
	struct semaphore s;
	struct sem_arg a = { .sem = &s };
	struct sthread t;

	sema_init(&s, 0);
	sthread_start(test, &t, down_fn, &a, "sem_down", nth_online_cpu(1));
	KUNIT_EXPECT_TRUE(test, wait_until(sem_nr_waiters(&s) == 1, 2000));
	msleep(10);
	KUNIT_EXPECT_FALSE(test, a.got);
	up(&s);
	KUNIT_ASSERT_TRUE(test, sthread_reap(&t, 5000));
	KUNIT_EXPECT_TRUE(test, a.got);
	KUNIT_EXPECT_EQ(test, down_trylock(&s), 1);
}

#define NR_SEM_FIFO 5

struct sem_fifo_arg {
	struct semaphore *sem;
	int id;
	int *order;
	atomic_t *pos;
};

static int sem_fifo_fn(void *arg)
{
	struct sem_fifo_arg *a = arg;

	down(a->sem);
	a->order[atomic_fetch_inc(a->pos)] = a->id;
	up(a->sem);
	return 0;
}

static void semaphore_waiters_get_units_in_fifo_order(struct kunit *test)
{
	struct semaphore s;
	struct sthread t[NR_SEM_FIFO];
	struct sem_fifo_arg a[NR_SEM_FIFO];
	int order[NR_SEM_FIFO];
	atomic_t pos = ATOMIC_INIT(0);

	sema_init(&s, 0);
	for (int i = 0; i < NR_SEM_FIFO; i++) {
		a[i] = (struct sem_fifo_arg){ .sem = &s, .id = i, .order = order, .pos = &pos };
		sthread_start(test, &t[i], sem_fifo_fn, &a[i], "sem_fifo", nth_online_cpu(i + 1));
		KUNIT_EXPECT_TRUE(test, wait_until(sem_nr_waiters(&s) == i + 1, 2000));
	}
	up(&s);				/* one unit, passed along the queue */
	for (int i = 0; i < NR_SEM_FIFO; i++)
		KUNIT_EXPECT_TRUE(test, sthread_reap(&t[i], 5000));
	KUNIT_EXPECT_EQ(test, atomic_read(&pos), NR_SEM_FIFO);
	for (int i = 0; i < atomic_read(&pos); i++)
		KUNIT_EXPECT_EQ(test, order[i], i);
	KUNIT_EXPECT_EQ(test, down_trylock(&s), 0);
}

static struct semaphore limit_sem;
static atomic_t limit_inside, limit_max;

struct limit_arg {
	u64 end;
	unsigned long rounds;
};

static int limit_fn(void *arg)
{
	struct limit_arg *l = arg;

	while (ktime_get_ns() < l->end) {
		int in;

		if (l->rounds % 3 == 0) {
			if (down_timeout(&limit_sem, 2))
				continue;
		} else {
			down(&limit_sem);
		}
		in = atomic_inc_return(&limit_inside);
		for (int m = atomic_read(&limit_max); in > m; m = atomic_read(&limit_max))
			if (atomic_try_cmpxchg(&limit_max, &m, in))
				break;
		udelay(5);
		atomic_dec(&limit_inside);
		up(&limit_sem);
		l->rounds++;
	}
	return 0;
}

static void semaphore_limits_concurrency_to_its_count(struct kunit *test)
{
	int n = 2 * num_online_cpus();
	struct sthread *t;
	struct limit_arg *l;
	unsigned long rounds = 0;
	struct mem_snapshot mm;
	u64 end;

	mem_snapshot(&mm);
	t = kcalloc(n, sizeof(*t), GFP_KERNEL);
	l = kcalloc(n, sizeof(*l), GFP_KERNEL);
	if (!t || !l) {
		kfree(t);
		kfree(l);
		KUNIT_FAIL(test, "out of memory");
		return;
	}
	sema_init(&limit_sem, 2);
	atomic_set(&limit_inside, 0);
	atomic_set(&limit_max, 0);
	end = ktime_get_ns() + HAMMER_NS;
	for (int i = 0; i < n; i++) {
		l[i].end = end;
		sthread_start(test, &t[i], limit_fn, &l[i], "sem_limit", nth_online_cpu(i));
	}
	for (int i = 0; i < n; i++) {
		KUNIT_EXPECT_TRUE_MSG(test, sthread_reap(&t[i], 10000), "thread %d stuck", i);
		rounds += l[i].rounds;
	}
	kunit_info(test, "%lu passes, at most %d inside at once", rounds, atomic_read(&limit_max));
	KUNIT_EXPECT_GT(test, rounds, 0UL);
	KUNIT_EXPECT_LE(test, atomic_read(&limit_max), 2);
	KUNIT_EXPECT_GE(test, atomic_read(&limit_max), 1);
	/* both units are back */
	KUNIT_EXPECT_EQ(test, down_trylock(&limit_sem), 0);
	KUNIT_EXPECT_EQ(test, down_trylock(&limit_sem), 0);
	KUNIT_EXPECT_EQ(test, down_trylock(&limit_sem), 1);
	kfree(t);
	kfree(l);
	mem_expect_baseline(test, &mm);
}

/*
 * The new owner may free a mutex as soon as it owns it (the object around
 * it, after its own unlock): the unlocker's last access to the mutex must
 * come before the new owner can get past mutex_lock().  The handoff hook
 * holds the unlocker right after it published the handoff, until the new
 * owner, woken at that point as if it had not gone to sleep yet, has
 * unlocked and "freed" the object (poisoned it) or 100 ms passed; the
 * poison must then still be intact.  (Linux gives no such
 * guarantee and frees objects holding mutexes after an RCU grace period;
 * here it is the mutex's.)
 */
#define HANDOFF_POISON	0x6b

struct handoff_obj {
	struct mutex m;
	long payload[4];
};

static struct handoff_obj *handoff_target;
static struct task_struct *handoff_waiter;
static atomic_t handoff_freed, handoff_hook_calls;

static void handoff_hold(struct mutex *lock)
{
	u64 end = ktime_get_ns() + 100 * NSEC_PER_MSEC;

	if (lock != &READ_ONCE(handoff_target)->m)
		return;
	atomic_inc(&handoff_hook_calls);
	/*
	 * The waiter may be awake at this point (it had not gone to sleep
	 * yet, or a spurious wake-up): make it so, and let it run ahead.
	 */
	wake_up_process(handoff_waiter);
	while (!atomic_read(&handoff_freed) && ktime_get_ns() < end)
		cpu_relax();
}

static int handoff_new_owner_fn(void *arg)
{
	struct handoff_obj *o = arg;

	mutex_lock(&o->m);
	o->payload[0]++;
	mutex_unlock(&o->m);
	memset(o, HANDOFF_POISON, sizeof(*o));	/* what kfree() does in debug builds */
	atomic_set(&handoff_freed, 1);
	return 0;
}

static void mutex_new_owner_may_free_it_at_once(struct kunit *test)
{
	struct handoff_obj *o = kunit_kzalloc(test, sizeof(*o), GFP_KERNEL);
	const unsigned char *b = (const unsigned char *)o;
	struct sthread t;
	size_t bad = 0;

	KUNIT_ASSERT_NOT_NULL(test, o);
	if (num_online_cpus() < 2)
		kunit_skip(test, "the new owner must run while the unlocker is held");
	mutex_init(&o->m);
	atomic_set(&handoff_freed, 0);
	atomic_set(&handoff_hook_calls, 0);
	mutex_lock(&o->m);
	sthread_start(test, &t, handoff_new_owner_fn, o, "mx_newowner",
		      nth_online_cpu(smp_processor_id() + 1));
	KUNIT_ASSERT_TRUE(test, wait_until(atomic_long_read(&o->m.owner) & MUTEX_FLAG_WAITERS, 2000));
	handoff_waiter = t.task;
	WRITE_ONCE(handoff_target, o);
	mutex_handoff_hook = handoff_hold;
	mutex_unlock(&o->m);		/* hands over to the waiter */
	mutex_handoff_hook = NULL;
	KUNIT_ASSERT_TRUE(test, sthread_reap(&t, 5000));
	KUNIT_EXPECT_EQ(test, atomic_read(&handoff_hook_calls), 1);
	for (size_t i = 0; i < sizeof(*o); i++)
		bad += b[i] != HANDOFF_POISON;
	KUNIT_EXPECT_EQ_MSG(test, bad, (size_t)0,
			    "the unlocker wrote to the mutex after the new owner freed it");
	WRITE_ONCE(handoff_target, NULL);
}

static struct kunit_case mutex_cases[] = {
	KUNIT_CASE(mutex_trylock_fails_while_owned_and_succeeds_when_free),
	KUNIT_CASE(mutex_unlock_by_non_owner_warns_and_keeps_owner),
	KUNIT_CASE(mutex_lock_by_owner_warns_without_deadlock),
	KUNIT_CASE(mutex_lock_in_atomic_context_warns),
	KUNIT_CASE(lockdep_assert_held_knows_mutex_owner),
	KUNIT_CASE(mutex_waiters_get_lock_in_fifo_order),
	KUNIT_CASE(mutex_excludes_threads_on_every_cpu),
	KUNIT_CASE(mutex_new_owner_may_free_it_at_once),
	{}
};

static struct kunit_suite mutex_suite = {
	.name = "mutex",
	.test_cases = mutex_cases,
};

static struct kunit_case semaphore_cases[] = {
	KUNIT_CASE(semaphore_counts_units),
	KUNIT_CASE(down_timeout_returns_etime_after_the_timeout),
	KUNIT_CASE(down_timeout_gets_unit_from_up_in_softirq),
	KUNIT_CASE(up_hands_the_unit_to_a_sleeping_waiter),
	KUNIT_CASE(semaphore_waiters_get_units_in_fifo_order),
	KUNIT_CASE(semaphore_limits_concurrency_to_its_count),
	{}
};

static struct kunit_suite semaphore_suite = {
	.name = "semaphore",
	.test_cases = semaphore_cases,
};

kunit_test_suite(mutex_suite);
kunit_test_suite(semaphore_suite);
