/*
 * Signals for kthreads.
 *
 * There are no user processes, so a signal here is only a bit in
 * p->pending that makes p's interruptible sleeps end (see
 * linux/sched/signal.h).  A kthread ignores every signal (send_sig()
 * drops it) unless it called allow_signal(); an allowed signal stays
 * pending until the thread takes it with kernel_dequeue_signal() or
 * flush_signals().  kthread_stop() does not queue a signal: it sets
 * TIF_NOTIFY_SIGNAL, which signal_pending() reports for good (Linux does
 * the same), so a thread being stopped cannot sleep interruptibly again.
 *
 * Locking: p->pi_lock (irqsave) protects p->pending and
 * p->allowed_signals and orders the TIF_SIGPENDING update with them; the
 * wake-up is made after it is dropped (try_to_wake_up takes pi_lock).
 * Setting the flag before the wake-up, against the sleeper's
 * set_current_state() before schedule() tests it, loses no wake-up.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/errno.h>

static void recalc_sigpending(struct task_struct *t)
{
	if (t->pending.signal.sig[0])
		set_tsk_thread_flag(t, TIF_SIGPENDING);
	else
		clear_tsk_thread_flag(t, TIF_SIGPENDING);
}

/** allow_signal - let @sig reach current (a kthread ignores it otherwise). */
void allow_signal(int sig)
{
	unsigned long flags;

	if (WARN_ON(sig < 1 || sig > _NSIG))
		return;
	raw_spin_lock_irqsave(&current->pi_lock, flags);
	sigaddset(&current->allowed_signals, sig);
	raw_spin_unlock_irqrestore(&current->pi_lock, flags);
}

/** disallow_signal - ignore @sig again, dropping it if pending. */
void disallow_signal(int sig)
{
	unsigned long flags;

	if (WARN_ON(sig < 1 || sig > _NSIG))
		return;
	raw_spin_lock_irqsave(&current->pi_lock, flags);
	sigdelset(&current->allowed_signals, sig);
	sigdelset(&current->pending.signal, sig);
	recalc_sigpending(current);
	raw_spin_unlock_irqrestore(&current->pi_lock, flags);
}

/** flush_signals - drop every signal queued to @t (not kthread_stop()'s request). */
void flush_signals(struct task_struct *t)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&t->pi_lock, flags);
	sigemptyset(&t->pending.signal);
	recalc_sigpending(t);
	raw_spin_unlock_irqrestore(&t->pi_lock, flags);
}

/**
 * kernel_dequeue_signal - take current's lowest pending signal.
 * Return: its number, 0 if none.
 */
int kernel_dequeue_signal(void)
{
	unsigned long flags, set;
	int sig = 0;

	raw_spin_lock_irqsave(&current->pi_lock, flags);
	set = current->pending.signal.sig[0];
	if (set) {
		sig = __builtin_ctzl(set) + 1;
		sigdelset(&current->pending.signal, sig);
		recalc_sigpending(current);
	}
	raw_spin_unlock_irqrestore(&current->pi_lock, flags);
	return sig;
}

/**
 * send_sig - queue @sig to @p and wake it from an interruptible sleep
 * (SIGKILL also from a killable one).  Ignored unless @p allowed it.
 * Context: any.  Return: 0, or -EINVAL for a bad signal number.
 */
int send_sig(int sig, struct task_struct *p, int priv)
{
	unsigned long flags;
	bool queued = false;

	if (sig < 1 || sig > _NSIG)
		return -EINVAL;
	raw_spin_lock_irqsave(&p->pi_lock, flags);
	if (sigismember(&p->allowed_signals, sig) && !(p->flags & PF_EXITING)) {
		sigaddset(&p->pending.signal, sig);
		set_tsk_thread_flag(p, TIF_SIGPENDING);
		queued = true;
	}
	raw_spin_unlock_irqrestore(&p->pi_lock, flags);
	(void)priv;
	if (queued)
		wake_up_state(p, TASK_INTERRUPTIBLE | (sig == SIGKILL ? TASK_WAKEKILL : 0));
	return 0;
}
