#ifndef _LINUX_NUMA_H
#define _LINUX_NUMA_H

/* One memory node: node arguments are accepted and ignored. */
#define NUMA_NO_NODE	(-1)
#define MAX_NUMNODES	1
#define numa_node_id()	0

#endif
