/*
 * CPU hotplug states (kernel/cpuhp.c, linux/cpuhotplug.h).
 *
 *   cpuhp_setup_state(DYN): a state number > 0, startup on every online
 *     CPU (online states: on that CPU); a failure undoes the startups
 *     done and installs nothing
 *   remove_cpu(X): online teardowns on X, descending -> X dies ->
 *     prepare teardowns, here;  add_cpu(X): prepare startups here (X not
 *     yet online) -> X runs -> online startups on X, ascending
 *   a failed startup in add_cpu leaves X down; a failed teardown in
 *     remove_cpu leaves X up; both undo what they did
 *   cpuhp_remove_state: teardown on every online CPU, the number is free
 *     again; _nocalls forms call nothing; multi-instance states call per
 *     instance
 *
 * Every call is logged (which state, which CPU, on which CPU it ran,
 * whether that CPU was online) and the log is checked in order.
 */
#include <kunit/test.h>
#include <linux/cpu.h>
#include <linux/cpuhotplug.h>
#include <linux/smp.h>
#include <linux/cpumask.h>
#include <linux/atomic.h>
#include <linux/list.h>
#include "helper.h"
#include <kernel/panic.h>

#define LOG_MAX 128

struct hp_call {
	int tag;		/* which callback: +n startup of state n, -n teardown */
	unsigned int cpu;
	int ran_on;
	bool online;
	bool read_held;		/* lockdep_assert_cpus_held() would be quiet */
};

static struct hp_call hp_log[LOG_MAX];
static atomic_t hp_pos;
static int fail_startup_on = -1, fail_teardown_on = -1;	/* CPU, or -1 */

static void hp_record(int tag, unsigned int cpu)
{
	int i = atomic_fetch_inc(&hp_pos);

	if (i < LOG_MAX) {
		hp_log[i] = (struct hp_call){ tag, cpu, raw_smp_processor_id(), cpu_online(cpu),
					      current->cpus_read_depth > 0 };
	}
}

static void hp_reset(void)
{
	atomic_set(&hp_pos, 0);
	fail_startup_on = fail_teardown_on = -1;
}

#define DEFINE_HP_CALLBACKS(n)						\
static int hp_up_##n(unsigned int cpu)					\
{									\
	hp_record(n, cpu);						\
	return (int)cpu == READ_ONCE(fail_startup_on) && n == 2 ? -EIO : 0; \
}									\
static int hp_down_##n(unsigned int cpu)				\
{									\
	hp_record(-(n), cpu);						\
	return (int)cpu == READ_ONCE(fail_teardown_on) && n == 1 ? -EBUSY : 0; \
}
DEFINE_HP_CALLBACKS(1)
DEFINE_HP_CALLBACKS(2)
DEFINE_HP_CALLBACKS(3)	/* a prepare state */

static int hp_count(int tag)
{
	int n = 0;

	for (int i = 0; i < min(atomic_read(&hp_pos), LOG_MAX); i++)
		n += hp_log[i].tag == tag;
	return n;
}

/* Every logged online-state call ran on its CPU, with the lock counted held. */
static void expect_on_their_cpu(struct kunit *test)
{
	for (int i = 0; i < min(atomic_read(&hp_pos), LOG_MAX); i++) {
		if (hp_log[i].tag == 3 || hp_log[i].tag == -3)
			continue;
		KUNIT_EXPECT_EQ_MSG(test, hp_log[i].ran_on, (int)hp_log[i].cpu, "call %d (tag %d)",
				    i, hp_log[i].tag);
		KUNIT_EXPECT_TRUE(test, hp_log[i].read_held);
	}
}

static void dynamic_states_run_on_every_online_cpu(struct kunit *test)
{
	int s1, s2, s1b;

	hp_reset();
	s1 = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "test:one", hp_up_1, hp_down_1);
	KUNIT_ASSERT_GT(test, s1, 0);
	s2 = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "test:two", hp_up_2, hp_down_2);
	KUNIT_ASSERT_GT(test, s2, s1);
	KUNIT_EXPECT_EQ(test, hp_count(1), (int)num_online_cpus());
	KUNIT_EXPECT_EQ(test, hp_count(2), (int)num_online_cpus());
	expect_on_their_cpu(test);
	cpuhp_remove_state(s2);
	cpuhp_remove_state(s1);
	KUNIT_EXPECT_EQ(test, hp_count(-1), (int)num_online_cpus());
	KUNIT_EXPECT_EQ(test, hp_count(-2), (int)num_online_cpus());
	expect_on_their_cpu(test);
	/* the numbers are free again */
	s1b = cpuhp_setup_state_nocalls(CPUHP_AP_ONLINE_DYN, "test:again", hp_up_1, hp_down_1);
	KUNIT_EXPECT_EQ(test, s1b, s1);
	hp_reset();
	cpuhp_remove_state_nocalls(s1b);
	KUNIT_EXPECT_EQ(test, atomic_read(&hp_pos), 0);
}

static void failed_startup_undoes_and_installs_nothing(struct kunit *test)
{
	int cpu = cpumask_last(cpu_online_mask), s;

	hp_reset();
	fail_startup_on = cpu;
	s = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "test:fails", hp_up_2, hp_down_2);
	KUNIT_EXPECT_EQ(test, s, -EIO);
	/* every CPU before the failing one was started and then torn down */
	KUNIT_EXPECT_EQ(test, hp_count(2), (int)num_online_cpus());
	KUNIT_EXPECT_EQ(test, hp_count(-2), (int)num_online_cpus() - 1);
	hp_reset();
	s = cpuhp_setup_state_nocalls(CPUHP_AP_ONLINE_DYN, "test:after", hp_up_2, hp_down_2);
	KUNIT_ASSERT_GT(test, s, 0);
	cpuhp_remove_state_nocalls(s);
}

/* The order and the place of each call across remove_cpu()/add_cpu(). */
static void hotplug_runs_states_in_order_on_the_cpu(struct kunit *test)
{
	int cpu = cpumask_last(cpu_online_mask), s1, s2, s3;

	if (cpu == 0)
		kunit_skip(test, "needs a second CPU");
	s1 = cpuhp_setup_state_nocalls(CPUHP_AP_ONLINE_DYN, "test:one", hp_up_1, hp_down_1);
	s2 = cpuhp_setup_state_nocalls(CPUHP_AP_ONLINE_DYN, "test:two", hp_up_2, hp_down_2);
	s3 = cpuhp_setup_state_nocalls(CPUHP_BP_PREPARE_DYN, "test:prep", hp_up_3, hp_down_3);
	KUNIT_ASSERT_GT(test, s1, 0);
	KUNIT_ASSERT_GT(test, s2, 0);
	KUNIT_ASSERT_GT(test, s3, 0);
	hp_reset();
	KUNIT_ASSERT_EQ(test, remove_cpu(cpu), 0);
	KUNIT_ASSERT_EQ(test, add_cpu(cpu), 0);
	KUNIT_ASSERT_EQ(test, atomic_read(&hp_pos), 6);
	/* down: -2, -1 on the CPU while online, then -3 here once it is dead */
	KUNIT_EXPECT_EQ(test, hp_log[0].tag, -2);
	KUNIT_EXPECT_EQ(test, hp_log[1].tag, -1);
	KUNIT_EXPECT_TRUE(test, hp_log[0].online && hp_log[1].online);
	KUNIT_EXPECT_EQ(test, hp_log[2].tag, -3);
	KUNIT_EXPECT_FALSE(test, hp_log[2].online);
	KUNIT_EXPECT_NE(test, hp_log[2].ran_on, cpu);
	/* up: 3 here before it runs, then 1, 2 on it */
	KUNIT_EXPECT_EQ(test, hp_log[3].tag, 3);
	KUNIT_EXPECT_FALSE(test, hp_log[3].online);
	KUNIT_EXPECT_EQ(test, hp_log[4].tag, 1);
	KUNIT_EXPECT_EQ(test, hp_log[5].tag, 2);
	KUNIT_EXPECT_TRUE(test, hp_log[4].online && hp_log[5].online);
	expect_on_their_cpu(test);
	cpuhp_remove_state_nocalls(s3);
	cpuhp_remove_state_nocalls(s2);
	cpuhp_remove_state_nocalls(s1);
}

static void failed_startup_keeps_the_cpu_down(struct kunit *test)
{
	int cpu = cpumask_last(cpu_online_mask), s1, s2;

	if (cpu == 0)
		kunit_skip(test, "needs a second CPU");
	s1 = cpuhp_setup_state_nocalls(CPUHP_AP_ONLINE_DYN, "test:one", hp_up_1, hp_down_1);
	s2 = cpuhp_setup_state_nocalls(CPUHP_AP_ONLINE_DYN, "test:two", hp_up_2, hp_down_2);
	KUNIT_ASSERT_GT(test, s2, 0);
	KUNIT_ASSERT_EQ(test, remove_cpu(cpu), 0);
	hp_reset();
	fail_startup_on = cpu;
	KUNIT_EXPECT_EQ(test, add_cpu(cpu), -EIO);
	KUNIT_EXPECT_FALSE(test, cpu_online(cpu));
	/* 1 up, 2 failed, then 1 undone */
	KUNIT_EXPECT_EQ(test, hp_count(1), 1);
	KUNIT_EXPECT_EQ(test, hp_count(2), 1);
	KUNIT_EXPECT_EQ(test, hp_count(-1), 1);
	KUNIT_EXPECT_EQ(test, hp_count(-2), 0);
	fail_startup_on = -1;
	KUNIT_EXPECT_EQ(test, add_cpu(cpu), 0);
	KUNIT_EXPECT_TRUE(test, cpu_online(cpu));
	cpuhp_remove_state_nocalls(s2);
	cpuhp_remove_state_nocalls(s1);
}

static void failed_teardown_keeps_the_cpu_up(struct kunit *test)
{
	int cpu = cpumask_last(cpu_online_mask), s1, s2;

	if (cpu == 0)
		kunit_skip(test, "needs a second CPU");
	s1 = cpuhp_setup_state_nocalls(CPUHP_AP_ONLINE_DYN, "test:one", hp_up_1, hp_down_1);
	s2 = cpuhp_setup_state_nocalls(CPUHP_AP_ONLINE_DYN, "test:two", hp_up_2, hp_down_2);
	KUNIT_ASSERT_GT(test, s2, 0);
	hp_reset();
	fail_teardown_on = cpu;
	KUNIT_EXPECT_EQ(test, remove_cpu(cpu), -EBUSY);
	KUNIT_EXPECT_TRUE(test, cpu_online(cpu));
	/* 2 torn down, 1 refused, then 2 restarted */
	KUNIT_EXPECT_EQ(test, hp_count(-2), 1);
	KUNIT_EXPECT_EQ(test, hp_count(-1), 1);
	KUNIT_EXPECT_EQ(test, hp_count(2), 1);
	fail_teardown_on = -1;
	cpuhp_remove_state_nocalls(s2);
	cpuhp_remove_state_nocalls(s1);
	KUNIT_EXPECT_EQ(test, remove_cpu(cpu), 0);
	KUNIT_EXPECT_EQ(test, add_cpu(cpu), 0);
}

/* Multi-instance states: the callbacks run per instance. */
struct hp_inst {
	struct hlist_node node;
	atomic_t ups, downs;
};

static int hp_inst_up(unsigned int cpu, struct hlist_node *node)
{
	atomic_inc(&hlist_entry(node, struct hp_inst, node)->ups);
	return 0;
}

static int hp_inst_down(unsigned int cpu, struct hlist_node *node)
{
	atomic_inc(&hlist_entry(node, struct hp_inst, node)->downs);
	return 0;
}

static void multi_instance_states(struct kunit *test)
{
	struct hp_inst a = { }, b = { };
	int n = num_online_cpus(), cpu = cpumask_last(cpu_online_mask), s;

	s = cpuhp_setup_state_multi(CPUHP_AP_ONLINE_DYN, "test:multi", hp_inst_up, hp_inst_down);
	KUNIT_ASSERT_GT(test, s, 0);
	KUNIT_EXPECT_EQ(test, cpuhp_state_add_instance(s, &a.node), 0);
	KUNIT_EXPECT_EQ(test, cpuhp_state_add_instance_nocalls(s, &b.node), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&a.ups), n);
	KUNIT_EXPECT_EQ(test, atomic_read(&b.ups), 0);
	if (cpu) {
		KUNIT_EXPECT_EQ(test, remove_cpu(cpu), 0);
		KUNIT_EXPECT_EQ(test, add_cpu(cpu), 0);
		KUNIT_EXPECT_EQ(test, atomic_read(&a.downs), 1);
		KUNIT_EXPECT_EQ(test, atomic_read(&b.downs), 1);
		KUNIT_EXPECT_EQ(test, atomic_read(&b.ups), 1);
	}
	KUNIT_EXPECT_EQ(test, cpuhp_state_remove_instance(s, &a.node), 0);
	KUNIT_EXPECT_EQ(test, cpuhp_state_remove_instance_nocalls(s, &b.node), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&a.downs), n + (cpu ? 1 : 0));
	cpuhp_remove_multi_state(s);
}

static void bad_states_refused(struct kunit *test)
{
	unsigned long warns = warn_count;
	struct hp_inst a = { };

	KUNIT_EXPECT_EQ(test, cpuhp_setup_state(CPUHP_AP_SCHED_STARTING, "test:starting",
						hp_up_1, NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, cpuhp_setup_state(CPUHP_ONLINE, "test:online", hp_up_1, NULL),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, NULL, hp_up_1, NULL),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, cpuhp_setup_state(CPUHP_AP_WORKQUEUE_ONLINE, "test:taken",
						hp_up_1, NULL), -EBUSY);
	KUNIT_EXPECT_EQ(test, cpuhp_state_add_instance(CPUHP_AP_WORKQUEUE_ONLINE, &a.node),
			-EINVAL);	/* not a multi-instance state */
	KUNIT_EXPECT_EQ(test, warn_count, warns);
	cpuhp_remove_state(CPUHP_AP_ONLINE_DYN_END);	/* not installed: WARN */
	KUNIT_EXPECT_EQ(test, warn_count, warns + 1);
}

static struct kunit_case cpuhp_cases[] = {
	KUNIT_CASE(dynamic_states_run_on_every_online_cpu),
	KUNIT_CASE(failed_startup_undoes_and_installs_nothing),
	KUNIT_CASE(hotplug_runs_states_in_order_on_the_cpu),
	KUNIT_CASE(failed_startup_keeps_the_cpu_down),
	KUNIT_CASE(failed_teardown_keeps_the_cpu_up),
	KUNIT_CASE(multi_instance_states),
	KUNIT_CASE(bad_states_refused),
	{}
};

static struct kunit_suite cpuhp_suite = {
	.name = "cpuhp",
	.test_cases = cpuhp_cases,
};
kunit_test_suite(cpuhp_suite);
