/*
 * A stopping point for the GDB check of `make test` (scenario "gdb-helpers"):
 * with a parked kthread, a sleeping kthread and a workqueue ("gdb_wq") whose
 * one item is blocked inside its function in place, the case calls
 * gdb_breakpoint_here(), where the runner's GDB session inspects the
 * system with the helpers (lx-ps, lx-bt, lx-dmesg, lx-pools, ...).  Without GDB the
 * case simply checks the states it set up.
 */
#include <kunit/test.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/workqueue.h>
#include <linux/completion.h>

pid_t gdb_test_sleeper_pid, gdb_test_parked_pid;
void gdb_breakpoint_here(void);

noinline void gdb_breakpoint_here(void)
{
	barrier();
}

static int gdb_sleeper_fn(void *unused)
{
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

static int gdb_parked_fn(void *unused)
{
	while (!kthread_should_stop()) {
		if (kthread_should_park()) {
			kthread_parkme();
			continue;
		}
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop_or_park())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

static DECLARE_COMPLETION(gdb_work_started);
static DECLARE_COMPLETION(gdb_work_release);

/* The work function lx-pools must show a worker busy in. */
static void gdb_blocking_work_fn(struct work_struct *work)
{
	complete(&gdb_work_started);
	wait_for_completion(&gdb_work_release);
}

static void threads_in_known_states_for_gdb(struct kunit *test)
{
	struct task_struct *s = kthread_run(gdb_sleeper_fn, NULL, "gdb_sleeper");
	struct task_struct *p = kthread_run(gdb_parked_fn, NULL, "gdb_parked");
	struct workqueue_struct *wq = alloc_workqueue("gdb_wq", 0, 0);
	struct work_struct work;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, s);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, p);
	KUNIT_ASSERT_NOT_NULL(test, wq);
	INIT_WORK_ONSTACK(&work, gdb_blocking_work_fn);
	reinit_completion(&gdb_work_started);
	reinit_completion(&gdb_work_release);
	KUNIT_EXPECT_TRUE(test, queue_work(wq, &work));
	wait_for_completion(&gdb_work_started);
	KUNIT_EXPECT_EQ(test, kthread_park(p), 0);
	for (int t = 0; t < 1000 && !wait_task_inactive(s, TASK_INTERRUPTIBLE); t++)
		msleep(1);
	gdb_test_sleeper_pid = s->pid;
	gdb_test_parked_pid = p->pid;
	KUNIT_EXPECT_EQ(test, READ_ONCE(p->__state), (unsigned int)TASK_PARKED);
	KUNIT_EXPECT_EQ(test, READ_ONCE(s->__state), (unsigned int)TASK_INTERRUPTIBLE);
	KUNIT_EXPECT_TRUE(test, work_busy(&work) & WORK_BUSY_RUNNING);
	gdb_breakpoint_here();
	complete(&gdb_work_release);
	flush_work(&work);	/* true or false: the item may have finished already */
	KUNIT_EXPECT_EQ(test, work_busy(&work), 0U);
	destroy_workqueue(wq);
	destroy_work_on_stack(&work);
	KUNIT_EXPECT_EQ(test, kthread_stop(p), 0);
	KUNIT_EXPECT_EQ(test, kthread_stop(s), 0);
}

static struct kunit_case gdb_cases[] = {
	KUNIT_CASE(threads_in_known_states_for_gdb),
	{}
};

static struct kunit_suite gdb_suite = {
	.name = "gdb",
	.test_cases = gdb_cases,
};
kunit_test_suite(gdb_suite);
