#ifndef _LINUX_SMPBOOT_H
#define _LINUX_SMPBOOT_H

/*
 * Per-CPU hotplug threads (kernel/smpboot.c): one kthread per CPU, created
 * parked and bound, unparked when its CPU is online, parked (not stopped)
 * while its CPU is offline.  Callbacks as in Linux: thread_should_run and
 * thread_fn (the work, with preemption disabled around the check), setup
 * (first run), cleanup (at stop), park/unpark (CPU going down / up, in
 * the thread), create (after creation, from the registering context).
 */
#include <linux/types.h>
#include <linux/list.h>

struct task_struct;

struct smp_hotplug_thread {
	struct task_struct **store;	/* per-CPU slot (DEFINE_PER_CPU pointer) */
	struct list_head list;
	int (*thread_should_run)(unsigned int cpu);
	void (*thread_fn)(unsigned int cpu);
	void (*create)(unsigned int cpu);
	void (*setup)(unsigned int cpu);
	void (*cleanup)(unsigned int cpu, bool online);
	void (*park)(unsigned int cpu);
	void (*unpark)(unsigned int cpu);
	bool selfparking;
	const char *thread_comm;
};

int smpboot_register_percpu_thread(struct smp_hotplug_thread *plug_thread);
void smpboot_unregister_percpu_thread(struct smp_hotplug_thread *plug_thread);

/* CPU hotplug steps (kernel/cpu.c). */

#endif
