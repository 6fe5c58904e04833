#ifndef _LINUX_SIGNAL_H
#define _LINUX_SIGNAL_H

/*
 * Signal numbers and sets (Linux's values).  This kernel has no user
 * processes: signals matter only to kthreads, which ignore them unless
 * they allow_signal() (linux/sched/signal.h), as in Linux.
 */
#include <linux/types.h>

#define SIGHUP		 1
#define SIGINT		 2
#define SIGQUIT		 3
#define SIGILL		 4
#define SIGTRAP		 5
#define SIGABRT		 6
#define SIGBUS		 7
#define SIGFPE		 8
#define SIGKILL		 9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGSTKFLT	16
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGXCPU		24
#define SIGXFSZ		25
#define SIGVTALRM	26
#define SIGPROF		27
#define SIGWINCH	28
#define SIGIO		29
#define SIGPWR		30
#define SIGSYS		31
#define _NSIG		64

typedef struct {
	unsigned long sig[1];
} sigset_t;

struct sigpending {
	sigset_t signal;
};

static inline void sigaddset(sigset_t *set, int sig)
{
	set->sig[0] |= 1UL << (sig - 1);
}

static inline void sigdelset(sigset_t *set, int sig)
{
	set->sig[0] &= ~(1UL << (sig - 1));
}

static inline int sigismember(const sigset_t *set, int sig)
{
	return (set->sig[0] >> (sig - 1)) & 1;
}

static inline void sigemptyset(sigset_t *set)
{
	set->sig[0] = 0;
}

/* Let current (a kthread) receive @sig, or ignore it again (kernel/signal.c). */
void allow_signal(int sig);
void disallow_signal(int sig);

static inline int valid_signal(unsigned long sig)
{
	return sig <= _NSIG;
}

#endif
