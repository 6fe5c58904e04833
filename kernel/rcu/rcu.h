#ifndef _KERNEL_RCU_RCU_H
#define _KERNEL_RCU_RCU_H

/* RCU internals shared with the rest of the kernel and the tests. */
#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/wait.h>

struct rcu_state {
	unsigned long gp_seq;		/* rcu_gp writes: odd while a GP runs */
	unsigned long gp_requested;	/* cmpxchg: the highest gp_seq asked for */
	atomic_t expedite;		/* expedited waiters */
	struct task_struct *gp_task;	/* set once at start-up */
	struct wait_queue_head gp_wq;	/* rcu_gp waits here for requests */
	atomic_long_t ncbs;		/* callbacks queued, not yet invoked */
	unsigned long nr_gps;		/* rcu_gp: grace periods completed */
	unsigned long nr_invoked;	/* rcu_gp: callbacks invoked */
};
extern struct rcu_state rcu_state;

int rcu_spawn_gp_kthread(void);

#endif
