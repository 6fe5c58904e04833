/*
 * Per-CPU reader-writer semaphores (kernel/locking/percpu-rwsem.c).
 *
 *   free --down_read--> read-held (any number, shared) --up_read--> free
 *   free --down_write--> write-held (alone) --up_write--> free
 *   read-held --down_write: waits; new readers now wait too--> ... the
 *   last up_read lets the writer in; up_write lets the waiting readers in
 *
 * Covered: readers share, a writer waits for readers and readers for a
 * writer, a waiting writer holds back new readers (and goes first), a
 * reader may leave on another CPU, trylock, the held predicates, and a
 * bounded stress from every CPU with the invariant checked on each entry
 * and memory back at its baseline.  Helpers run on CPU 0; the stress
 * threads on every CPU.
 */
#include <kunit/test.h>
#include <linux/percpu-rwsem.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/cpumask.h>
#include <linux/atomic.h>
#include <linux/slab.h>
#include <linux/delay.h>
#include "helper.h"
#include "leak.h"

DEFINE_STATIC_PERCPU_RWSEM(test_sem);

struct sem_user {
	struct percpu_rw_semaphore *sem;
	struct completion in, release;
	atomic_t *seq;
	int entered_at;			/* order of entry, from *seq */
};

static void sem_user_init(struct sem_user *u, struct percpu_rw_semaphore *sem, atomic_t *seq)
{
	u->sem = sem;
	u->seq = seq;
	init_completion(&u->in);
	init_completion(&u->release);
}

static long reader_fn(void *arg)
{
	struct sem_user *u = arg;

	percpu_down_read(u->sem);
	u->entered_at = atomic_inc_return(u->seq);
	complete(&u->in);
	wait_for_completion_timeout(&u->release, HANG_BOUND);
	percpu_up_read(u->sem);
	return 0;
}

static long writer_fn(void *arg)
{
	struct sem_user *u = arg;

	percpu_down_write(u->sem);
	u->entered_at = atomic_inc_return(u->seq);
	complete(&u->in);
	wait_for_completion_timeout(&u->release, HANG_BOUND);
	percpu_up_write(u->sem);
	return 0;
}

static void readers_share(struct kunit *test)
{
	atomic_t seq = ATOMIC_INIT(0);
	struct sem_user a, b;
	struct helper ha, hb;

	sem_user_init(&a, &test_sem, &seq);
	sem_user_init(&b, &test_sem, &seq);
	helper_start(test, &ha, reader_fn, &a, "pcs_rd_a");
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&a.in, HANG_BOUND), 0UL);
	helper_start(test, &hb, reader_fn, &b, "pcs_rd_b");
	KUNIT_EXPECT_NE(test, wait_for_completion_timeout(&b.in, HANG_BOUND), 0UL);
	KUNIT_EXPECT_TRUE(test, percpu_is_read_locked(&test_sem));
	KUNIT_EXPECT_FALSE(test, percpu_is_write_locked(&test_sem));
	KUNIT_EXPECT_TRUE(test, percpu_down_read_trylock(&test_sem));
	percpu_up_read(&test_sem);
	complete(&a.release);
	complete(&b.release);
	KUNIT_EXPECT_TRUE(test, helper_wait(&ha));
	KUNIT_EXPECT_TRUE(test, helper_wait(&hb));
	KUNIT_EXPECT_FALSE(test, percpu_rwsem_is_held(&test_sem));
}

/*
 * A reader in; a writer comes and waits; a new reader comes and waits
 * behind the writer; the first reader leaves: the writer goes first, the
 * second reader after it.
 */
static void waiting_writer_goes_before_new_readers(struct kunit *test)
{
	atomic_t seq = ATOMIC_INIT(0);
	struct sem_user r1, w, r2;
	struct helper h1, hw, h2;

	sem_user_init(&r1, &test_sem, &seq);
	sem_user_init(&w, &test_sem, &seq);
	sem_user_init(&r2, &test_sem, &seq);
	helper_start(test, &h1, reader_fn, &r1, "pcs_r1");
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&r1.in, HANG_BOUND), 0UL);
	helper_start(test, &hw, writer_fn, &w, "pcs_w");
	KUNIT_EXPECT_TRUE(test, blocked_in_d(hw.task));
	KUNIT_EXPECT_TRUE(test, percpu_is_write_locked(&test_sem));	/* pending counts */
	KUNIT_EXPECT_FALSE(test, percpu_down_read_trylock(&test_sem));
	helper_start(test, &h2, reader_fn, &r2, "pcs_r2");
	KUNIT_EXPECT_TRUE(test, blocked_in_d(h2.task));
	KUNIT_EXPECT_FALSE(test, completion_done(&w.in));

	complete(&r1.release);
	KUNIT_EXPECT_NE(test, wait_for_completion_timeout(&w.in, HANG_BOUND), 0UL);
	/* the writer is in: the second reader still waits */
	KUNIT_EXPECT_TRUE(test, blocked_in_d(h2.task));
	KUNIT_EXPECT_FALSE(test, completion_done(&r2.in));
	complete(&w.release);
	KUNIT_EXPECT_NE(test, wait_for_completion_timeout(&r2.in, HANG_BOUND), 0UL);
	complete(&r2.release);
	KUNIT_EXPECT_TRUE(test, helper_wait(&h1));
	KUNIT_EXPECT_TRUE(test, helper_wait(&hw));
	KUNIT_EXPECT_TRUE(test, helper_wait(&h2));
	KUNIT_EXPECT_EQ(test, r1.entered_at, 1);
	KUNIT_EXPECT_EQ(test, w.entered_at, 2);
	KUNIT_EXPECT_EQ(test, r2.entered_at, 3);
}

/* Its count taken on one CPU and given back on another: the sum is right. */
static void reader_may_leave_on_another_cpu(struct kunit *test)
{
	int from = 0, to = cpumask_last(cpu_online_mask);
	atomic_t seq = ATOMIC_INIT(0);
	struct sem_user w;
	struct helper hw;

	if (to == from)
		kunit_skip(test, "needs a second CPU");
	KUNIT_ASSERT_EQ(test, set_cpus_allowed_ptr(current, cpumask_of(from)), 0);
	percpu_down_read(&test_sem);
	KUNIT_ASSERT_EQ(test, set_cpus_allowed_ptr(current, cpumask_of(to)), 0);
	KUNIT_EXPECT_EQ(test, smp_processor_id(), to);
	percpu_up_read(&test_sem);
	set_cpus_allowed_ptr(current, cpu_possible_mask);
	sem_user_init(&w, &test_sem, &seq);
	helper_start(test, &hw, writer_fn, &w, "pcs_w");
	KUNIT_EXPECT_NE(test, wait_for_completion_timeout(&w.in, HANG_BOUND), 0UL);
	complete(&w.release);
	KUNIT_EXPECT_TRUE(test, helper_wait(&hw));
}

/* Readers and writers from every CPU: a writer is always alone. */
struct rw_hammer {
	struct percpu_rw_semaphore *sem;
	u64 end;
	atomic_t readers_in, writers_in, violations, reads, writes, running, ids;
	struct completion done;
};

static int hammer_fn(void *arg)
{
	struct rw_hammer *h = arg;
	unsigned int n = 0;
	bool writer = atomic_inc_return(&h->ids) % 2;	/* one of the two per CPU */

	while (ktime_get_ns() < h->end) {
		if (writer && n % 8 == 0) {
			percpu_down_write(h->sem);
			if (atomic_inc_return(&h->writers_in) != 1 || atomic_read(&h->readers_in))
				atomic_inc(&h->violations);
			udelay(10);
			atomic_dec(&h->writers_in);
			percpu_up_write(h->sem);
			atomic_inc(&h->writes);
		} else {
			percpu_down_read(h->sem);
			atomic_inc(&h->readers_in);
			if (atomic_read(&h->writers_in))
				atomic_inc(&h->violations);
			udelay(5);
			atomic_dec(&h->readers_in);
			percpu_up_read(h->sem);
			atomic_inc(&h->reads);
		}
		if (++n % 16 == 0)
			cond_resched();
	}
	if (atomic_dec_and_test(&h->running))
		complete(&h->done);
	return 0;
}

static void writers_alone_under_load_from_every_cpu(struct kunit *test)
{
	struct rw_hammer *h = kunit_kzalloc(test, sizeof(*h), GFP_KERNEL);
	struct mem_snapshot base;
	int cpu;

	KUNIT_ASSERT_NOT_NULL(test, h);
	mem_snapshot(&base);
	h->sem = kmalloc(sizeof(*h->sem), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, h->sem);
	KUNIT_ASSERT_EQ(test, percpu_init_rwsem(h->sem), 0);
	init_completion(&h->done);
	h->end = ktime_get_ns() + 300 * NSEC_PER_MSEC;
	atomic_set(&h->running, 2 * num_online_cpus());
	for_each_online_cpu(cpu) {
		for (int i = 0; i < 2; i++) {
			struct task_struct *t = kthread_create_on_cpu(hammer_fn, h, cpu, "pcs_h/%u");

			KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t);
			wake_up_process(t);
		}
	}
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&h->done, HANG_BOUND), 0UL);
	kunit_info(test, "%d reads, %d writes", atomic_read(&h->reads), atomic_read(&h->writes));
	KUNIT_EXPECT_EQ(test, atomic_read(&h->violations), 0);
	KUNIT_EXPECT_GT(test, atomic_read(&h->reads), 0);
	KUNIT_EXPECT_GT(test, atomic_read(&h->writes), 0);
	KUNIT_EXPECT_FALSE(test, percpu_rwsem_is_held(h->sem));
	percpu_free_rwsem(h->sem);
	kfree(h->sem);
	mem_expect_baseline(test, &base);
}

static struct kunit_case percpu_rwsem_cases[] = {
	KUNIT_CASE(readers_share),
	KUNIT_CASE(waiting_writer_goes_before_new_readers),
	KUNIT_CASE(reader_may_leave_on_another_cpu),
	KUNIT_CASE(writers_alone_under_load_from_every_cpu),
	{}
};

static void percpu_rwsem_case_exit(struct kunit *test)
{
	set_cpus_allowed_ptr(current, cpu_possible_mask);
}

static struct kunit_suite percpu_rwsem_suite = {
	.name = "percpu_rwsem",
	.exit = percpu_rwsem_case_exit,
	.test_cases = percpu_rwsem_cases,
};
kunit_test_suite(percpu_rwsem_suite);
