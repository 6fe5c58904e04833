#ifndef _LINUX_RCULIST_H
#define _LINUX_RCULIST_H

/*
 * Lists that readers walk under rcu_read_lock() while updaters (holding
 * their own lock) change them, Linux's API.  An insertion publishes the
 * new entry's links before the entry itself (rcu_assign_pointer); a
 * removal keeps the removed entry's forward link, so a reader standing on
 * it can go on, and the entry may be freed only after a grace period.
 */
#include <linux/list.h>
#include <linux/rcupdate.h>

#define list_next_rcu(list)	(*((struct list_head __rcu **)(&(list)->next)))
#define list_tail_rcu(head)	(*((struct list_head __rcu **)(&(head)->prev)))

static inline void INIT_LIST_HEAD_RCU(struct list_head *list)
{
	WRITE_ONCE(list->next, list);
	WRITE_ONCE(list->prev, list);
}

static inline void __list_add_rcu(struct list_head *new, struct list_head *prev,
				  struct list_head *next)
{
	new->next = next;
	new->prev = prev;
	rcu_assign_pointer(list_next_rcu(prev), new);
	next->prev = new;
}

static inline void list_add_rcu(struct list_head *new, struct list_head *head)
{
	__list_add_rcu(new, head, head->next);
}

static inline void list_add_tail_rcu(struct list_head *new, struct list_head *head)
{
	__list_add_rcu(new, head->prev, head);
}

static inline void list_del_rcu(struct list_head *entry)
{
	__list_del_entry(entry);
	entry->prev = LIST_POISON2;	/* next stays: a reader on it goes on */
}

static inline void list_replace_rcu(struct list_head *old, struct list_head *new)
{
	new->next = old->next;
	new->prev = old->prev;
	rcu_assign_pointer(list_next_rcu(new->prev), new);
	new->next->prev = new;
	old->prev = LIST_POISON2;
}

/*
 * Splice list into head after a grace period's wait (sync), so readers
 * that were walking list are done with it before it is relinked.
 */
static inline void list_splice_init_rcu(struct list_head *list, struct list_head *head,
					void (*sync)(void))
{
	struct list_head *first = list->next, *last = list->prev, *at = head->next;

	if (list_empty(list))
		return;
	INIT_LIST_HEAD_RCU(list);
	sync();
	last->next = at;
	first->prev = head;
	rcu_assign_pointer(list_next_rcu(head), first);
	at->prev = last;
}

#define list_entry_rcu(ptr, type, member)	container_of(READ_ONCE(ptr), type, member)

#define list_first_or_null_rcu(ptr, type, member) ({			\
	struct list_head *__ptr = (ptr);				\
	struct list_head *__next = READ_ONCE(__ptr->next);		\
	likely(__ptr != __next) ? list_entry_rcu(__next, type, member) : NULL; })

#define list_next_or_null_rcu(head, ptr, type, member) ({		\
	struct list_head *__head = (head);				\
	struct list_head *__ptr = (ptr);				\
	struct list_head *__next = READ_ONCE(__ptr->next);		\
	likely(__next != __head) ? list_entry_rcu(__next, type, member) : NULL; })

/* The optional last argument (a lockdep condition in Linux) is accepted. */
#define list_for_each_entry_rcu(pos, head, member, cond...)		\
	for (pos = list_entry_rcu((head)->next, __typeof__(*pos), member);	\
	     &pos->member != (head);						\
	     pos = list_entry_rcu(pos->member.next, __typeof__(*pos), member))

#define list_for_each_entry_srcu(pos, head, member, cond)		\
	list_for_each_entry_rcu(pos, head, member)

#define list_for_each_entry_continue_rcu(pos, head, member)		\
	for (pos = list_entry_rcu(pos->member.next, __typeof__(*pos), member);	\
	     &pos->member != (head);						\
	     pos = list_entry_rcu(pos->member.next, __typeof__(*pos), member))

#define list_for_each_entry_from_rcu(pos, head, member)			\
	for (; &(pos)->member != (head);					\
	     pos = list_entry_rcu(pos->member.next, __typeof__(*(pos)), member))

/* hlist */
#define hlist_first_rcu(head)	(*((struct hlist_node __rcu **)(&(head)->first)))
#define hlist_next_rcu(node)	(*((struct hlist_node __rcu **)(&(node)->next)))
#define hlist_pprev_rcu(node)	(*((struct hlist_node __rcu **)((node)->pprev)))

static inline void hlist_del_rcu(struct hlist_node *n)
{
	__hlist_del(n);
	WRITE_ONCE(n->pprev, LIST_POISON2);
}

static inline void hlist_del_init_rcu(struct hlist_node *n)
{
	if (!hlist_unhashed(n)) {
		__hlist_del(n);
		WRITE_ONCE(n->pprev, NULL);
	}
}

static inline void hlist_replace_rcu(struct hlist_node *old, struct hlist_node *new)
{
	struct hlist_node *next = old->next;

	new->next = next;
	WRITE_ONCE(new->pprev, old->pprev);
	rcu_assign_pointer(*(struct hlist_node __rcu **)new->pprev, new);
	if (next)
		WRITE_ONCE(new->next->pprev, &new->next);
	WRITE_ONCE(old->pprev, LIST_POISON2);
}

static inline void hlist_add_head_rcu(struct hlist_node *n, struct hlist_head *h)
{
	struct hlist_node *first = h->first;

	n->next = first;
	WRITE_ONCE(n->pprev, &h->first);
	rcu_assign_pointer(hlist_first_rcu(h), n);
	if (first)
		WRITE_ONCE(first->pprev, &n->next);
}

static inline void hlist_add_before_rcu(struct hlist_node *n, struct hlist_node *next)
{
	WRITE_ONCE(n->pprev, next->pprev);
	n->next = next;
	rcu_assign_pointer(hlist_pprev_rcu(n), n);
	WRITE_ONCE(next->pprev, &n->next);
}

static inline void hlist_add_behind_rcu(struct hlist_node *n, struct hlist_node *prev)
{
	n->next = prev->next;
	WRITE_ONCE(n->pprev, &prev->next);
	rcu_assign_pointer(hlist_next_rcu(prev), n);
	if (n->next)
		WRITE_ONCE(n->next->pprev, &n->next);
}

#define __hlist_entry_safe_rcu(ptr, type, member) ({			\
	struct hlist_node *__p = READ_ONCE(ptr);			\
	__p ? hlist_entry(__p, type, member) : NULL; })

#define hlist_for_each_entry_rcu(pos, head, member, cond...)		\
	for (pos = __hlist_entry_safe_rcu(hlist_first_rcu(head), __typeof__(*(pos)), member); \
	     pos;								\
	     pos = __hlist_entry_safe_rcu(hlist_next_rcu(&(pos)->member), __typeof__(*(pos)), member))

#endif
