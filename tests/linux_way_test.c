// A KUnit test written the way a Linux module's test is written, against
// Linux's headers only: module_init/module_exit, MODULE_* tags, a module
// parameter, static functions named like kernel internals (legal with
// Linux's headers, so they must be legal here), and kthread_stop() of a
// thread in each kind of interruptible sleep with the return codes Linux
// gives.  Nothing here includes this kernel's own headers (kernel/, tests/).
#include <kunit/test.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/init.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/completion.h>
#include <linux/wait.h>
#include <linux/delay.h>
#include <linux/mutex.h>
#include <linux/semaphore.h>
#include <linux/jiffies.h>
#include <linux/slab.h>
#include <linux/err.h>

static int module_ready;
static int lw_rounds = 3;
module_param(lw_rounds, int, 0444);
MODULE_PARM_DESC(lw_rounds, "rounds of each sleep kind");

/* Names that are kernel internals here and in Linux; a client may use them. */
static int sched_init(struct kunit *test)
{
	return module_ready ? 0 : -ENODEV;
}

static void scheduler_tick(struct kunit *test)
{
}

static int create_task(void *data)
{
	return 0;
}

static unsigned int watchdog_init = 1;

enum lw_kind { LW_COMPLETION, LW_WAIT_EVENT, LW_SCHEDULE_TIMEOUT, LW_MSLEEP, LW_MUTEX,
	       LW_SEMAPHORE, LW_KINDS };

struct lw_sleeper {
	enum lw_kind kind;
	struct completion never;
	wait_queue_head_t wq;
	struct mutex *held;
	struct semaphore sem;
	long ret;
	bool pending;
};

/* The usual Linux kthread shape: sleep until stopped, report how the sleep ended. */
static int lw_thread(void *data)
{
	struct lw_sleeper *s = data;

	switch (s->kind) {
	case LW_COMPLETION:
		s->ret = wait_for_completion_interruptible(&s->never);
		break;
	case LW_WAIT_EVENT:
		s->ret = wait_event_interruptible(s->wq, false);
		break;
	case LW_SCHEDULE_TIMEOUT:
		s->ret = schedule_timeout_interruptible(60 * HZ);
		break;
	case LW_MSLEEP:
		s->ret = msleep_interruptible(60 * 1000);
		break;
	case LW_MUTEX:
		s->ret = mutex_lock_interruptible(s->held);
		if (!s->ret)
			mutex_unlock(s->held);
		break;
	case LW_SEMAPHORE:
		s->ret = down_interruptible(&s->sem);
		break;
	default:
		break;
	}
	s->pending = signal_pending(current);
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return (int)s->kind + 100;
}

static void kthread_stop_interrupts_each_sleep(struct kunit *test)
{
	static DEFINE_MUTEX(lw_mutex);

	KUNIT_EXPECT_EQ(test, create_task(NULL), 0);
	scheduler_tick(test);
	KUNIT_EXPECT_EQ(test, watchdog_init, 1U);
	for (int round = 0; round < lw_rounds; round++) {
		for (int kind = 0; kind < LW_KINDS; kind++) {
			struct lw_sleeper *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
			struct task_struct *t;

			KUNIT_ASSERT_NOT_NULL(test, s);
			s->kind = kind;
			s->held = &lw_mutex;
			init_completion(&s->never);
			init_waitqueue_head(&s->wq);
			sema_init(&s->sem, 0);
			if (kind == LW_MUTEX)
				mutex_lock(&lw_mutex);
			t = kthread_run(lw_thread, s, "lw_sleep/%d", kind);
			KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t);
			/* until it sleeps in its interruptible wait */
			for (int i = 0; i < 5000 && !wait_task_inactive(t, TASK_INTERRUPTIBLE); i++)
				msleep(1);
			KUNIT_EXPECT_EQ(test, kthread_stop(t), kind + 100);
			if (kind == LW_MUTEX)
				mutex_unlock(&lw_mutex);
			KUNIT_EXPECT_TRUE(test, s->pending);
			switch (kind) {
			case LW_COMPLETION:
			case LW_WAIT_EVENT:
				KUNIT_EXPECT_EQ(test, s->ret, (long)-ERESTARTSYS);
				break;
			case LW_MUTEX:
			case LW_SEMAPHORE:
				KUNIT_EXPECT_EQ(test, s->ret, (long)-EINTR);
				break;
			case LW_SCHEDULE_TIMEOUT:
				KUNIT_EXPECT_GT(test, s->ret, 0L);
				break;
			case LW_MSLEEP:
				KUNIT_EXPECT_GT(test, s->ret, 0L);
				break;
			}
		}
	}
}

static void module_init_ran_first(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, module_ready, 1);
	KUNIT_EXPECT_GE(test, lw_rounds, 1);
}

static struct kunit_case linux_way_cases[] = {
	KUNIT_CASE(module_init_ran_first),
	KUNIT_CASE(kthread_stop_interrupts_each_sleep),
	{}
};

static struct kunit_suite linux_way_suite = {
	.name = "linux_way",
	.init = sched_init,
	.test_cases = linux_way_cases,
};
kunit_test_suite(linux_way_suite);

static int __init linux_way_module_init(void)
{
	module_ready = 1;
	return 0;
}

static void __exit linux_way_module_exit(void)
{
	module_ready = 0;
}

module_init(linux_way_module_init);
module_exit(linux_way_module_exit);

MODULE_DESCRIPTION("KUnit test written against Linux's headers only");
MODULE_LICENSE("Dual MIT/GPL");
