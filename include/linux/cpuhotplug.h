#ifndef _LINUX_CPUHOTPLUG_H
#define _LINUX_CPUHOTPLUG_H

/*
 * CPU hotplug states (kernel/cpuhp.c), Linux's API.  A CPU coming up
 * passes the states in ascending order, running each state's startup
 * callback; going down, in descending order, running the teardowns.
 *   - states below CPUHP_BRINGUP_CPU ("prepare", BP) run on the CPU that
 *     drives the operation: startup before the new CPU runs, teardown
 *     after it is dead;
 *   - states above CPUHP_TEARDOWN_CPU (AP, "online") run on the CPU
 *     concerned, in its cpuhp/N thread, while it is online: startup after
 *     it came up, teardown before it goes.
 * The states in between (the AP's "starting" steps, interrupts off) are
 * this kernel's own and cannot be registered.  A failing startup rolls
 * the CPU back (add_cpu() fails and it stays down); a failing online
 * teardown aborts remove_cpu() and the CPU stays up.
 */
#include <linux/types.h>
#include <linux/list.h>

enum cpuhp_state {
	CPUHP_INVALID = -1,
	CPUHP_OFFLINE = 0,
	CPUHP_CREATE_THREADS,
	CPUHP_WORKQUEUE_PREP,
	CPUHP_TIMERS_PREPARE,
	CPUHP_RCUTREE_PREP,
	CPUHP_BP_PREPARE_DYN,
	CPUHP_BP_PREPARE_DYN_END = CPUHP_BP_PREPARE_DYN + 20,
	CPUHP_BRINGUP_CPU,
	CPUHP_AP_IDLE_DEAD,
	CPUHP_AP_OFFLINE,
	CPUHP_AP_SCHED_STARTING,
	CPUHP_AP_ONLINE,
	CPUHP_TEARDOWN_CPU,
	CPUHP_AP_ONLINE_IDLE,
	CPUHP_AP_SMPBOOT_THREADS,
	CPUHP_AP_WORKQUEUE_ONLINE,
	CPUHP_AP_RCUTREE_ONLINE,
	CPUHP_AP_ONLINE_DYN,
	CPUHP_AP_ONLINE_DYN_END = CPUHP_AP_ONLINE_DYN + 40,
	CPUHP_AP_ACTIVE,
	CPUHP_ONLINE,
};

int __cpuhp_setup_state(enum cpuhp_state state, const char *name, bool invoke,
			int (*startup)(unsigned int cpu), int (*teardown)(unsigned int cpu),
			bool multi_instance);
int __cpuhp_setup_state_cpuslocked(enum cpuhp_state state, const char *name, bool invoke,
				   int (*startup)(unsigned int cpu),
				   int (*teardown)(unsigned int cpu), bool multi_instance);
void __cpuhp_remove_state(enum cpuhp_state state, bool invoke);
void __cpuhp_remove_state_cpuslocked(enum cpuhp_state state, bool invoke);
int __cpuhp_state_add_instance(enum cpuhp_state state, struct hlist_node *node, bool invoke);
int __cpuhp_state_add_instance_cpuslocked(enum cpuhp_state state, struct hlist_node *node,
					  bool invoke);
int __cpuhp_state_remove_instance(enum cpuhp_state state, struct hlist_node *node, bool invoke);
int __cpuhp_setup_state_multi(enum cpuhp_state state, const char *name,
			      int (*startup)(unsigned int cpu, struct hlist_node *node),
			      int (*teardown)(unsigned int cpu, struct hlist_node *node));

/**
 * cpuhp_setup_state - install the callbacks of @state and run @startup on
 * every online CPU (on that CPU, for online states).
 * Return: for CPUHP_AP_ONLINE_DYN and CPUHP_BP_PREPARE_DYN the state
 * allocated (> 0), else 0; or -errno (nothing installed, the startups
 * that ran are undone by @teardown).
 */
static inline int cpuhp_setup_state(enum cpuhp_state state, const char *name,
				    int (*startup)(unsigned int cpu),
				    int (*teardown)(unsigned int cpu))
{
	return __cpuhp_setup_state(state, name, true, startup, teardown, false);
}

static inline int cpuhp_setup_state_cpuslocked(enum cpuhp_state state, const char *name,
					       int (*startup)(unsigned int cpu),
					       int (*teardown)(unsigned int cpu))
{
	return __cpuhp_setup_state_cpuslocked(state, name, true, startup, teardown, false);
}

static inline int cpuhp_setup_state_nocalls(enum cpuhp_state state, const char *name,
					    int (*startup)(unsigned int cpu),
					    int (*teardown)(unsigned int cpu))
{
	return __cpuhp_setup_state(state, name, false, startup, teardown, false);
}

static inline int cpuhp_setup_state_nocalls_cpuslocked(enum cpuhp_state state, const char *name,
						       int (*startup)(unsigned int cpu),
						       int (*teardown)(unsigned int cpu))
{
	return __cpuhp_setup_state_cpuslocked(state, name, false, startup, teardown, false);
}

static inline int cpuhp_setup_state_multi(enum cpuhp_state state, const char *name,
					  int (*startup)(unsigned int cpu, struct hlist_node *node),
					  int (*teardown)(unsigned int cpu, struct hlist_node *node))
{
	return __cpuhp_setup_state_multi(state, name, startup, teardown);
}

/* Run the teardown on every online CPU, then free @state. */
static inline void cpuhp_remove_state(enum cpuhp_state state)
{
	__cpuhp_remove_state(state, true);
}

static inline void cpuhp_remove_state_nocalls(enum cpuhp_state state)
{
	__cpuhp_remove_state(state, false);
}

static inline void cpuhp_remove_state_nocalls_cpuslocked(enum cpuhp_state state)
{
	__cpuhp_remove_state_cpuslocked(state, false);
}

static inline void cpuhp_remove_multi_state(enum cpuhp_state state)
{
	__cpuhp_remove_state(state, false);
}

static inline int cpuhp_state_add_instance(enum cpuhp_state state, struct hlist_node *node)
{
	return __cpuhp_state_add_instance(state, node, true);
}

static inline int cpuhp_state_add_instance_nocalls(enum cpuhp_state state, struct hlist_node *node)
{
	return __cpuhp_state_add_instance(state, node, false);
}

static inline int cpuhp_state_add_instance_nocalls_cpuslocked(enum cpuhp_state state,
							      struct hlist_node *node)
{
	return __cpuhp_state_add_instance_cpuslocked(state, node, false);
}

static inline int cpuhp_state_remove_instance(enum cpuhp_state state, struct hlist_node *node)
{
	return __cpuhp_state_remove_instance(state, node, true);
}

static inline int cpuhp_state_remove_instance_nocalls(enum cpuhp_state state,
						      struct hlist_node *node)
{
	return __cpuhp_state_remove_instance(state, node, false);
}

#endif
