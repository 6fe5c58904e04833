/*
 * CPU hotplug states: the registry of per-state callbacks and the
 * machinery that runs them on the right CPU (linux/cpuhotplug.h).
 *
 * A state is a slot in cpuhp_steps[], fixed (a named enum value) or
 * dynamic (CPUHP_AP_ONLINE_DYN / CPUHP_BP_PREPARE_DYN allocate a free slot
 * in their range).  kernel/cpu.c walks them:
 *
 *   add_cpu:    prepare states up (here) -> the CPU runs -> online states
 *               up, each on that CPU in its cpuhp/N thread
 *   remove_cpu: online states down (on that CPU) -> the CPU dies ->
 *               prepare states down (here)
 *
 * Ascending for startups, descending for teardowns; a failed startup
 * undoes the states already started on that CPU (in reverse), a failed
 * teardown restarts the states already torn down, and the operation
 * fails.  cpuhp_setup_state() runs the new state's startup on every
 * online CPU the same way and undoes them all on a failure.
 *
 * cpuhp/N is a smpboot thread, so it is unparked before the online
 * startups of a CPU coming up and parked only after the online teardowns
 * of a CPU going down.  A callback runs there on behalf of the task that
 * asked, which holds cpu_hotplug_lock (read or write) throughout: the
 * thread is counted as holding it too, so a callback may call
 * cpus_read_lock() or lockdep_assert_cpus_held() as in Linux.
 *
 * Locking: cpuhp_state_mutex protects cpuhp_steps[] and the instance
 * lists; it is taken inside cpu_hotplug_lock (read side).  The hotplug
 * writer reads them without it: the write side excludes every holder of
 * the read side, hence every writer of the table.  Requests to cpuhp/N
 * come from one task at a time (the writer, or a reader holding
 * cpuhp_state_mutex); the request fields are written before should_run
 * is set (release) and read after it is seen (acquire).
 */
#include <linux/kernel.h>
#include <linux/cpu.h>
#include <linux/cpuhotplug.h>
#include <linux/smpboot.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include "cpuhp.h"

struct cpuhp_step {
	const char *name;			/* NULL: free */
	bool multi_instance;
	union {
		int (*single)(unsigned int cpu);
		int (*multi)(unsigned int cpu, struct hlist_node *node);
	} startup, teardown;
	struct hlist_head list;			/* multi_instance: the instances */
};

static DEFINE_MUTEX(cpuhp_state_mutex);
static struct cpuhp_step cpuhp_steps[CPUHP_ONLINE];

struct cpuhp_request {
	bool should_run;			/* release/acquire: a request is posted */
	enum cpuhp_state state;
	bool up;
	struct hlist_node *node;
	int result;
	struct completion done;
};

static DEFINE_PER_CPU(struct cpuhp_request, cpuhp_req);
static DEFINE_PER_CPU(struct task_struct *, cpuhp_thread);
static bool cpuhp_threads_ready;

static bool cpuhp_is_ap_state(enum cpuhp_state state)
{
	return state > CPUHP_TEARDOWN_CPU;
}

static bool cpuhp_state_valid(enum cpuhp_state state)
{
	return (state > CPUHP_OFFLINE && state < CPUHP_BRINGUP_CPU) ||
	       (state > CPUHP_TEARDOWN_CPU && state < CPUHP_ONLINE);
}

/* Call @st's callback for @cpu here; all instances when node is NULL. */
static int cpuhp_call(struct cpuhp_step *st, unsigned int cpu, bool up, struct hlist_node *node)
{
	struct hlist_node *n;

	if (!st->multi_instance) {
		int (*fn)(unsigned int) = up ? st->startup.single : st->teardown.single;

		return fn ? fn(cpu) : 0;
	}
	if (node) {
		int (*fn)(unsigned int, struct hlist_node *) = up ? st->startup.multi
								 : st->teardown.multi;

		return fn ? fn(cpu, node) : 0;
	}
	for (n = st->list.first; n; n = n->next) {
		int ret = cpuhp_call(st, cpu, up, n);

		if (ret && up) {
			/* undo the instances before this one */
			struct hlist_node *m;

			for (m = st->list.first; m != n; m = m->next)
				cpuhp_call(st, cpu, false, m);
			return ret;
		}
	}
	return 0;
}

/* ---- the per-CPU cpuhp thread ---- */

static int cpuhp_should_run(unsigned int cpu)
{
	return smp_load_acquire(&per_cpu(cpuhp_req, cpu).should_run);
}

static void cpuhp_thread_fun(unsigned int cpu)
{
	struct cpuhp_request *rq = this_cpu_ptr(&cpuhp_req);

	if (!smp_load_acquire(&rq->should_run))
		return;
	current->cpus_read_depth++;	/* under the requester's hold of the lock */
	rq->result = cpuhp_call(&cpuhp_steps[rq->state], cpu, rq->up, rq->node);
	current->cpus_read_depth--;
	WRITE_ONCE(rq->should_run, false);
	complete(&rq->done);
}

static struct smp_hotplug_thread cpuhp_threads = {
	.store = &cpuhp_thread,
	.thread_should_run = cpuhp_should_run,
	.thread_fn = cpuhp_thread_fun,
	.thread_comm = "cpuhp/%u",
};

/* Run a callback of @state for @cpu where it belongs. */
static int cpuhp_invoke(enum cpuhp_state state, unsigned int cpu, bool up, struct hlist_node *node)
{
	struct cpuhp_step *st = &cpuhp_steps[state];
	struct cpuhp_request *rq;

	/* prepare states run here; so does a nested call from cpuhp/N itself */
	if (!cpuhp_is_ap_state(state) || !READ_ONCE(cpuhp_threads_ready) ||
	    current == per_cpu(cpuhp_thread, cpu))
		return cpuhp_call(st, cpu, up, node);
	rq = per_cpu_ptr(&cpuhp_req, cpu);
	rq->state = state;
	rq->up = up;
	rq->node = node;
	reinit_completion(&rq->done);
	smp_store_release(&rq->should_run, true);
	wake_up_process(per_cpu(cpuhp_thread, cpu));
	wait_for_completion(&rq->done);
	return rq->result;
}

static bool step_has(struct cpuhp_step *st, bool up)
{
	if (!st->name)
		return false;
	if (st->multi_instance)
		return (up ? st->startup.multi : st->teardown.multi) && !hlist_empty(&st->list);
	return up ? st->startup.single : st->teardown.single;
}

/* Startups of [first, last] for cpu, ascending; undo on failure. */
static int cpuhp_up_range(unsigned int cpu, int first, int last)
{
	for (int s = first; s <= last; s++) {
		int ret;

		if (!step_has(&cpuhp_steps[s], true))
			continue;
		ret = cpuhp_invoke(s, cpu, true, NULL);
		if (ret) {
			pr_warn("cpuhp: %s startup failed for cpu %u (%d), rolling back\n",
				cpuhp_steps[s].name, cpu, ret);
			while (--s >= first)
				if (step_has(&cpuhp_steps[s], false))
					cpuhp_invoke(s, cpu, false, NULL);
			return ret;
		}
	}
	return 0;
}

/* Teardowns of [first, last] for cpu, descending; restart on failure. */
static int cpuhp_down_range(unsigned int cpu, int first, int last, bool may_fail)
{
	for (int s = last; s >= first; s--) {
		int ret;

		if (!step_has(&cpuhp_steps[s], false))
			continue;
		ret = cpuhp_invoke(s, cpu, false, NULL);
		if (ret && may_fail) {
			pr_warn("cpuhp: %s teardown failed for cpu %u (%d), rolling back\n",
				cpuhp_steps[s].name, cpu, ret);
			while (++s <= last)
				if (step_has(&cpuhp_steps[s], true))
					cpuhp_invoke(s, cpu, true, NULL);
			return ret;
		}
		WARN(ret, "cpuhp: %s teardown failed for cpu %u (%d)", cpuhp_steps[s].name, cpu,
		     ret);
	}
	return 0;
}

int cpuhp_bp_prepare(unsigned int cpu)
{
	return cpuhp_up_range(cpu, CPUHP_OFFLINE + 1, CPUHP_BRINGUP_CPU - 1);
}

void cpuhp_bp_dead(unsigned int cpu)
{
	cpuhp_down_range(cpu, CPUHP_OFFLINE + 1, CPUHP_BRINGUP_CPU - 1, false);
}

int cpuhp_ap_online(unsigned int cpu)
{
	return cpuhp_up_range(cpu, CPUHP_TEARDOWN_CPU + 1, CPUHP_ONLINE - 1);
}

int cpuhp_ap_offline(unsigned int cpu)
{
	return cpuhp_down_range(cpu, CPUHP_TEARDOWN_CPU + 1, CPUHP_ONLINE - 1, true);
}

void cpuhp_threads_init(void)
{
	int cpu;

	for_each_possible_cpu(cpu)
		init_completion(&per_cpu(cpuhp_req, cpu).done);
	if (smpboot_register_percpu_thread(&cpuhp_threads))
		panic("cpuhp: cannot create the cpuhp threads");
	WRITE_ONCE(cpuhp_threads_ready, true);
}

/* ---- the registry ---- */

/* Claim @state (a free one of a dynamic range).  Return: the state or -errno. */
static int cpuhp_reserve(enum cpuhp_state state)
{
	int first = 0, last = -1;

	if (state == CPUHP_AP_ONLINE_DYN)
		first = CPUHP_AP_ONLINE_DYN, last = CPUHP_AP_ONLINE_DYN_END;
	else if (state == CPUHP_BP_PREPARE_DYN)
		first = CPUHP_BP_PREPARE_DYN, last = CPUHP_BP_PREPARE_DYN_END;
	if (last < 0)
		return cpuhp_steps[state].name ? -EBUSY : state;
	for (int s = first; s <= last; s++)
		if (!cpuhp_steps[s].name)
			return s;
	return -ENOSPC;
}

static bool cpuhp_is_dyn(enum cpuhp_state state)
{
	return state == CPUHP_AP_ONLINE_DYN || state == CPUHP_BP_PREPARE_DYN;
}

static int __cpuhp_install(enum cpuhp_state state, const char *name, bool invoke, void *startup,
			   void *teardown, bool multi_instance)
{
	struct cpuhp_step *st;
	unsigned int cpu, done;
	int s, ret = 0;

	lockdep_assert_cpus_held();
	if (!name || !cpuhp_state_valid(state))
		return -EINVAL;
	mutex_lock(&cpuhp_state_mutex);
	s = cpuhp_reserve(state);
	if (s < 0) {
		ret = s;
		goto out;
	}
	st = &cpuhp_steps[s];
	st->name = name;
	st->multi_instance = multi_instance;
	INIT_HLIST_HEAD(&st->list);
	if (multi_instance) {
		st->startup.multi = startup;
		st->teardown.multi = teardown;
	} else {
		st->startup.single = startup;
		st->teardown.single = teardown;
	}
	if (invoke && !multi_instance && startup) {
		for_each_online_cpu(cpu) {
			ret = cpuhp_invoke(s, cpu, true, NULL);
			if (!ret)
				continue;
			for_each_online_cpu(done) {
				if (done == cpu)
					break;
				if (teardown)
					cpuhp_invoke(s, done, false, NULL);
			}
			st->name = NULL;
			goto out;
		}
	}
	ret = cpuhp_is_dyn(state) ? s : 0;
out:
	mutex_unlock(&cpuhp_state_mutex);
	return ret;
}

int __cpuhp_setup_state_cpuslocked(enum cpuhp_state state, const char *name, bool invoke,
				   int (*startup)(unsigned int cpu),
				   int (*teardown)(unsigned int cpu), bool multi_instance)
{
	return __cpuhp_install(state, name, invoke, startup, teardown, multi_instance);
}

int __cpuhp_setup_state(enum cpuhp_state state, const char *name, bool invoke,
			int (*startup)(unsigned int cpu), int (*teardown)(unsigned int cpu),
			bool multi_instance)
{
	int ret;

	cpus_read_lock();
	ret = __cpuhp_install(state, name, invoke, startup, teardown, multi_instance);
	cpus_read_unlock();
	return ret;
}

int __cpuhp_setup_state_multi(enum cpuhp_state state, const char *name,
			      int (*startup)(unsigned int cpu, struct hlist_node *node),
			      int (*teardown)(unsigned int cpu, struct hlist_node *node))
{
	int ret;

	cpus_read_lock();
	ret = __cpuhp_install(state, name, false, startup, teardown, true);
	cpus_read_unlock();
	return ret;
}

void __cpuhp_remove_state_cpuslocked(enum cpuhp_state state, bool invoke)
{
	struct cpuhp_step *st;
	unsigned int cpu;

	lockdep_assert_cpus_held();
	if (WARN(!cpuhp_state_valid(state), "cpuhp_remove_state(%d): not a state", state))
		return;
	mutex_lock(&cpuhp_state_mutex);
	st = &cpuhp_steps[state];
	if (WARN(!st->name, "cpuhp_remove_state(%d): not installed", state))
		goto out;
	if (st->multi_instance) {
		WARN(!hlist_empty(&st->list), "cpuhp_remove_state(%s): instances still added",
		     st->name);
	} else if (invoke && st->teardown.single) {
		for_each_online_cpu(cpu)
			cpuhp_invoke(state, cpu, false, NULL);
	}
	st->name = NULL;
out:
	mutex_unlock(&cpuhp_state_mutex);
}

void __cpuhp_remove_state(enum cpuhp_state state, bool invoke)
{
	cpus_read_lock();
	__cpuhp_remove_state_cpuslocked(state, invoke);
	cpus_read_unlock();
}

int __cpuhp_state_add_instance_cpuslocked(enum cpuhp_state state, struct hlist_node *node,
					  bool invoke)
{
	struct cpuhp_step *st;
	unsigned int cpu, done;
	int ret = 0;

	lockdep_assert_cpus_held();
	if (!cpuhp_state_valid(state))
		return -EINVAL;
	mutex_lock(&cpuhp_state_mutex);
	st = &cpuhp_steps[state];
	if (!st->name || !st->multi_instance) {
		ret = -EINVAL;
		goto out;
	}
	if (invoke && st->startup.multi) {
		for_each_online_cpu(cpu) {
			ret = cpuhp_invoke(state, cpu, true, node);
			if (!ret)
				continue;
			for_each_online_cpu(done) {
				if (done == cpu)
					break;
				if (st->teardown.multi)
					cpuhp_invoke(state, done, false, node);
			}
			goto out;
		}
	}
	hlist_add_head(node, &st->list);
out:
	mutex_unlock(&cpuhp_state_mutex);
	return ret;
}

int __cpuhp_state_add_instance(enum cpuhp_state state, struct hlist_node *node, bool invoke)
{
	int ret;

	cpus_read_lock();
	ret = __cpuhp_state_add_instance_cpuslocked(state, node, invoke);
	cpus_read_unlock();
	return ret;
}

int __cpuhp_state_remove_instance(enum cpuhp_state state, struct hlist_node *node, bool invoke)
{
	struct cpuhp_step *st;
	unsigned int cpu;
	int ret = 0;

	if (!cpuhp_state_valid(state))
		return -EINVAL;
	cpus_read_lock();
	mutex_lock(&cpuhp_state_mutex);
	st = &cpuhp_steps[state];
	if (!st->name || !st->multi_instance) {
		ret = -EINVAL;
		goto out;
	}
	if (invoke && st->teardown.multi)
		for_each_online_cpu(cpu)
			cpuhp_invoke(state, cpu, false, node);
	hlist_del(node);
out:
	mutex_unlock(&cpuhp_state_mutex);
	cpus_read_unlock();
	return ret;
}
