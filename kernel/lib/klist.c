/*
 * klist: lists with reference-counted nodes, walkable without holding
 * the lock across the walk (Linux's lib/klist.c semantics).
 *
 * A node's life:
 *
 *   klist_add_*()        n_ref = 1 (the list's), k->get(n), on the list
 *        |  iterators take and drop references as they pass (klist_next)
 *   klist_del()          marked dead (iterators step over it); the
 *        |               list's reference dropped
 *   last reference gone  off the list, n_klist = NULL, k->put(n), and any
 *                        klist_remove() waiting for it is woken
 *
 * So a node an iterator stands on stays linked (klist_node_attached() is
 * true, and the iterator can step from it) until the iterator moves on or
 * exits, even after klist_del().  The dead mark lives in bit 0 of
 * n_klist (struct klist is pointer-aligned).
 *
 * Locking: k->k_lock (irqsave) guards k->k_list and the dead marks;
 * reference drops that may release a node are taken under it, so the
 * release (list_del) happens under it too.  The put() callback runs after
 * the lock is dropped.  klist_remove_lock guards the list of waiters.
 */
#include <linux/klist.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/export.h>

#define KNODE_DEAD	1UL
#define KNODE_KLIST_MASK (~KNODE_DEAD)

static struct klist *knode_klist(struct klist_node *n)
{
	return (struct klist *)((unsigned long)n->n_klist & KNODE_KLIST_MASK);
}

static bool knode_dead(struct klist_node *n)
{
	return (unsigned long)n->n_klist & KNODE_DEAD;
}

static void knode_set_klist(struct klist_node *n, struct klist *k)
{
	n->n_klist = k;
	/* no dead mark left behind by an earlier life of the node */
	WARN_ON(knode_dead(n));
}

static void knode_kill(struct klist_node *n)
{
	/* a second klist_del() of a node is a bug of the caller */
	WARN_ON(knode_dead(n));
	*(unsigned long *)&n->n_klist |= KNODE_DEAD;
}

/**
 * klist_init - set up a klist.
 * @get: called (may be NULL) when a node is added, @put when one is released.
 * Context: any.
 */
void klist_init(struct klist *k, void (*get)(struct klist_node *),
		void (*put)(struct klist_node *))
{
	INIT_LIST_HEAD(&k->k_list);
	spin_lock_init(&k->k_lock);
	k->get = get;
	k->put = put;
}
EXPORT_SYMBOL_GPL(klist_init);

static void klist_node_init(struct klist *k, struct klist_node *n)
{
	INIT_LIST_HEAD(&n->n_node);
	kref_init(&n->n_ref);
	knode_set_klist(n, k);
	if (k->get)
		k->get(n);
}

static void add_locked(struct klist *k, struct klist_node *n, struct list_head *prev,
		       struct list_head *next)
{
	unsigned long flags;

	spin_lock_irqsave(&k->k_lock, flags);
	__list_add(&n->n_node, prev, next);
	spin_unlock_irqrestore(&k->k_lock, flags);
}

/* Context: any; the node must not be on a list.  (Also for the three below.) */
void klist_add_head(struct klist_node *n, struct klist *k)
{
	klist_node_init(k, n);
	add_locked(k, n, &k->k_list, k->k_list.next);
}
EXPORT_SYMBOL_GPL(klist_add_head);

void klist_add_tail(struct klist_node *n, struct klist *k)
{
	klist_node_init(k, n);
	add_locked(k, n, k->k_list.prev, &k->k_list);
}
EXPORT_SYMBOL_GPL(klist_add_tail);

/* klist_add_behind - add n just after pos, on pos's list. */
void klist_add_behind(struct klist_node *n, struct klist_node *pos)
{
	struct klist *k = knode_klist(pos);

	klist_node_init(k, n);
	add_locked(k, n, &pos->n_node, pos->n_node.next);
}
EXPORT_SYMBOL_GPL(klist_add_behind);

/* klist_add_before - add n just before pos, on pos's list. */
void klist_add_before(struct klist_node *n, struct klist_node *pos)
{
	struct klist *k = knode_klist(pos);

	klist_node_init(k, n);
	add_locked(k, n, pos->n_node.prev, &pos->n_node);
}
EXPORT_SYMBOL_GPL(klist_add_before);

/* klist_remove() callers waiting for their node's release. */
struct klist_waiter {
	struct list_head list;
	struct klist_node *node;
	struct task_struct *process;
	int woken;
};

static DEFINE_SPINLOCK(klist_remove_lock);
static LIST_HEAD(klist_remove_waiters);

/* The last reference went.  Called with the node's k_lock held. */
static void klist_release(struct kref *kref)
{
	struct klist_node *n = container_of(kref, struct klist_node, n_ref);
	struct klist_waiter *w, *tmp;

	WARN_ON(!knode_dead(n));	/* only the list's own reference is dropped by klist_del */
	list_del(&n->n_node);
	spin_lock(&klist_remove_lock);
	list_for_each_entry_safe(w, tmp, &klist_remove_waiters, list) {
		if (w->node != n)
			continue;
		list_del(&w->list);
		w->woken = 1;
		/* the store above and the wake-up pair with klist_remove's check */
		wake_up_process(w->process);
	}
	spin_unlock(&klist_remove_lock);
	n->n_klist = NULL;
}

/* Drop a reference (killing the node first if kill). Return: released. */
static bool klist_put(struct klist_node *n, bool kill)
{
	struct klist *k = knode_klist(n);
	void (*put)(struct klist_node *) = k->put;
	unsigned long flags;
	bool released;

	spin_lock_irqsave(&k->k_lock, flags);
	if (kill)
		knode_kill(n);
	released = kref_put(&n->n_ref, klist_release);
	spin_unlock_irqrestore(&k->k_lock, flags);
	if (released && put)
		put(n);
	return released;
}

/**
 * klist_del - remove a node from its klist, now or when the last iterator
 * standing on it moves on.
 * Context: any.
 */
void klist_del(struct klist_node *n)
{
	klist_put(n, true);
}
EXPORT_SYMBOL_GPL(klist_del);

/**
 * klist_remove - klist_del(), then wait until the node is released.
 * Context: may sleep.
 */
void klist_remove(struct klist_node *n)
{
	struct klist_waiter waiter = { .node = n, .process = current, .woken = 0 };

	spin_lock(&klist_remove_lock);
	list_add(&waiter.list, &klist_remove_waiters);
	spin_unlock(&klist_remove_lock);

	klist_del(n);

	for (;;) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		if (READ_ONCE(waiter.woken))
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
}
EXPORT_SYMBOL_GPL(klist_remove);

/* Return: whether the node is (still) on a list. */
int klist_node_attached(struct klist_node *n)
{
	return n->n_klist != NULL;
}
EXPORT_SYMBOL_GPL(klist_node_attached);

/**
 * klist_iter_init_node - start an iteration at node n (NULL: at the start).
 * Context: any.  n is skipped if it is already being released.
 */
void klist_iter_init_node(struct klist *k, struct klist_iter *i, struct klist_node *n)
{
	i->i_klist = k;
	i->i_cur = NULL;
	if (n && kref_get_unless_zero(&n->n_ref))
		i->i_cur = n;
}
EXPORT_SYMBOL_GPL(klist_iter_init_node);

void klist_iter_init(struct klist *k, struct klist_iter *i)
{
	klist_iter_init_node(k, i, NULL);
}
EXPORT_SYMBOL_GPL(klist_iter_init);

/* klist_iter_exit - end an iteration, dropping its reference. */
void klist_iter_exit(struct klist_iter *i)
{
	if (i->i_cur) {
		klist_put(i->i_cur, false);
		i->i_cur = NULL;
	}
}
EXPORT_SYMBOL_GPL(klist_iter_exit);

static struct klist_node *to_klist_node(struct list_head *n)
{
	return container_of(n, struct klist_node, n_node);
}

/*
 * One step in either direction: from the current node (or the head), the
 * first live node; take a reference to it, drop the one to the node left.
 */
static struct klist_node *klist_step(struct klist_iter *i, bool forward)
{
	struct klist *k = i->i_klist;
	void (*put)(struct klist_node *) = k->put;
	struct klist_node *last = i->i_cur, *next;
	struct list_head *pos;
	bool released = false;
	unsigned long flags;

	spin_lock_irqsave(&k->k_lock, flags);
	if (last) {
		pos = forward ? last->n_node.next : last->n_node.prev;
		released = kref_put(&last->n_ref, klist_release);
	} else {
		pos = forward ? k->k_list.next : k->k_list.prev;
	}
	i->i_cur = NULL;
	for (; pos != &k->k_list; pos = forward ? pos->next : pos->prev) {
		next = to_klist_node(pos);
		if (!knode_dead(next)) {
			kref_get(&next->n_ref);
			i->i_cur = next;
			break;
		}
	}
	spin_unlock_irqrestore(&k->k_lock, flags);
	if (released && put)
		put(last);
	return i->i_cur;
}

/**
 * klist_next - the next live node, or NULL at the end.
 * Context: any.  The node returned stays on the list until the next step.
 */
struct klist_node *klist_next(struct klist_iter *i)
{
	return klist_step(i, true);
}
EXPORT_SYMBOL_GPL(klist_next);

/* klist_prev - the previous live node, or NULL at the start. */
struct klist_node *klist_prev(struct klist_iter *i)
{
	return klist_step(i, false);
}
EXPORT_SYMBOL_GPL(klist_prev);
