/*
 * The lock-order checker and the spinlock misuse reports (debug builds).
 *
 *   A then B somewhere, B then A elsewhere       -> "possible circular locking"
 *   the same order twice, same-class nesting, trylock -> nothing
 *   might_sleep() with a spinlock held            -> WARN
 *   unlock of a lock not held                      -> WARN, no corruption
 *   mutex A then B, later B then A                 -> reported before blocking
 *   mutexes in one order, mutex trylock            -> nothing
 * Each case that provokes a report adds it to lockdep_reports_expected: the
 * executor reports any other one as a bug at the end of the run.
 */
#include <kunit/test.h>
#include <linux/spinlock.h>
#include <linux/sched.h>
#include <linux/mutex.h>
#include <kernel/panic.h>

#ifdef CONFIG_DEBUG_KERNEL
static DEFINE_SPINLOCK(ld_a);
static DEFINE_SPINLOCK(ld_b);
static DEFINE_SPINLOCK(ld_c);
static DEFINE_SPINLOCK(ld_d);

static void inversion_is_reported(struct kunit *test)
{
	unsigned long before = lockdep_reports;

	spin_lock(&ld_a);
	spin_lock(&ld_b);
	spin_unlock(&ld_b);
	spin_unlock(&ld_a);
	KUNIT_EXPECT_EQ(test, lockdep_reports, before);
	lockdep_reports_expected++;
	spin_lock(&ld_b);
	spin_lock(&ld_a);		/* the other order: reported, not deadlocked */
	spin_unlock(&ld_a);
	spin_unlock(&ld_b);
	KUNIT_EXPECT_EQ(test, lockdep_reports, before + 1);
}

static void consistent_order_and_trylock_are_quiet(struct kunit *test)
{
	unsigned long before = lockdep_reports;

	for (int i = 0; i < 3; i++) {
		spin_lock(&ld_c);
		spin_lock(&ld_d);
		spin_unlock(&ld_d);
		spin_unlock(&ld_c);
	}
	/* a trylock in the other order cannot deadlock: no report */
	spin_lock(&ld_d);
	if (spin_trylock(&ld_c))
		spin_unlock(&ld_c);
	spin_unlock(&ld_d);
	KUNIT_EXPECT_EQ(test, lockdep_reports, before);
	KUNIT_EXPECT_GT(test, lockdep_nr_classes(), 4);
}

static void transitive_inversion_is_reported(struct kunit *test)
{
	static DEFINE_SPINLOCK(t1);
	static DEFINE_SPINLOCK(t2);
	static DEFINE_SPINLOCK(t3);
	unsigned long before = lockdep_reports;

	spin_lock(&t1); spin_lock(&t2); spin_unlock(&t2); spin_unlock(&t1);
	spin_lock(&t2); spin_lock(&t3); spin_unlock(&t3); spin_unlock(&t2);
	lockdep_reports_expected++;
	spin_lock(&t3); spin_lock(&t1); spin_unlock(&t1); spin_unlock(&t3);	/* t1->t2->t3->t1 */
	KUNIT_EXPECT_EQ(test, lockdep_reports, before + 1);
}

static void sleeping_with_spinlock_held_warns(struct kunit *test)
{
	static DEFINE_SPINLOCK(s);
	unsigned long warns = warn_count;

	spin_lock(&s);
	might_sleep();
	spin_unlock(&s);
	KUNIT_EXPECT_EQ(test, warn_count, warns + 1);
}

static void unlock_of_unheld_lock_warns(struct kunit *test)
{
	static DEFINE_SPINLOCK(u);
	unsigned long warns = warn_count;

	do_raw_spin_unlock(&u.rlock);	/* raw: no preempt_count to unbalance */
	KUNIT_EXPECT_EQ(test, warn_count, warns + 1);
	KUNIT_EXPECT_FALSE(test, spin_is_locked(&u));
	spin_lock(&u);			/* still usable */
	spin_unlock(&u);
}

static DEFINE_MUTEX(ld_ma);
static DEFINE_MUTEX(ld_mb);

static void mutex_inversion_is_reported(struct kunit *test)
{
	unsigned long before = lockdep_reports;

	mutex_lock(&ld_ma);
	mutex_lock(&ld_mb);
	mutex_unlock(&ld_mb);
	mutex_unlock(&ld_ma);
	KUNIT_EXPECT_EQ(test, lockdep_reports, before);
	lockdep_reports_expected++;
	mutex_lock(&ld_mb);
	mutex_lock(&ld_ma);		/* reported before it could block */
	KUNIT_EXPECT_EQ(test, lockdep_reports, before + 1);
	mutex_unlock(&ld_ma);
	mutex_unlock(&ld_mb);
	KUNIT_EXPECT_EQ(test, current->nr_held_mutex, 0);
}

static void mutex_order_and_trylock_are_quiet(struct kunit *test)
{
	static DEFINE_MUTEX(m1);
	static DEFINE_MUTEX(m2);
	struct mutex *dyn = kunit_kzalloc(test, 2 * sizeof(*dyn), GFP_KERNEL);
	unsigned long before = lockdep_reports;

	KUNIT_ASSERT_NOT_NULL(test, dyn);
	for (int i = 0; i < 3; i++) {
		mutex_lock(&m1);
		mutex_lock(&m2);
		mutex_unlock(&m2);
		mutex_unlock(&m1);
	}
	mutex_lock(&m2);
	if (mutex_trylock(&m1))		/* cannot deadlock: no report */
		mutex_unlock(&m1);
	KUNIT_EXPECT_EQ(test, current->nr_held_mutex, 1);
	mutex_unlock(&m2);
	/* two mutexes of one class (one init site) nest without a report */
	for (int i = 0; i < 2; i++)
		mutex_init(&dyn[i]);
	mutex_lock(&dyn[0]);
	mutex_lock(&dyn[1]);
	mutex_unlock(&dyn[1]);
	mutex_unlock(&dyn[0]);
	KUNIT_EXPECT_EQ(test, lockdep_reports, before);
	KUNIT_EXPECT_EQ(test, current->nr_held_mutex, 0);
}

static struct kunit_case lockdep_cases[] = {
	KUNIT_CASE(inversion_is_reported),
	KUNIT_CASE(mutex_inversion_is_reported),
	KUNIT_CASE(mutex_order_and_trylock_are_quiet),
	KUNIT_CASE(consistent_order_and_trylock_are_quiet),
	KUNIT_CASE(transitive_inversion_is_reported),
	KUNIT_CASE(sleeping_with_spinlock_held_warns),
	KUNIT_CASE(unlock_of_unheld_lock_warns),
	{}
};
#else
static void lockdep_needs_debug_build(struct kunit *test)
{
	kunit_skip(test, "the lock-order checker is a debug-build feature");
}

static struct kunit_case lockdep_cases[] = {
	KUNIT_CASE(lockdep_needs_debug_build),
	{}
};
#endif

static struct kunit_suite lockdep_suite = {
	.name = "lockdep",
	.test_cases = lockdep_cases,
};
kunit_test_suite(lockdep_suite);
