#ifndef _LINUX_CPUMASK_H
#define _LINUX_CPUMASK_H

#include <linux/types.h>
#include <linux/threads.h>
#include <linux/bitops.h>
#include <linux/string.h>

/* Sets of CPUs: a bitmap of NR_CPUS bits, with Linux's cpumask_* API. */
typedef struct cpumask {
	unsigned long bits[BITS_TO_LONGS(NR_CPUS)];
} cpumask_t;
typedef struct cpumask cpumask_var_t[1];

/*
 * As in Linux, nr_cpumask_bits is nr_cpu_ids (the highest possible CPU
 * + 1): cpumask_setall() and cpumask_full() cover that many bits.  The
 * searches and iterators look at all NR_CPUS bits, which is the same
 * since bits from nr_cpu_ids on are never set (Linux's small_cpumask_bits).
 */
#define nr_cpumask_bits		nr_cpu_ids
#define cpumask_bits(m)		((m)->bits)
#define CPU_BITS_ALL		{ [0 ... BITS_TO_LONGS(NR_CPUS) - 1] = ~0UL }
#define CPU_MASK_NONE		{ { [0 ... BITS_TO_LONGS(NR_CPUS) - 1] = 0UL } }

extern struct cpumask __cpu_possible_mask, __cpu_present_mask, __cpu_online_mask, __cpu_active_mask;
extern unsigned int nr_cpu_ids;
#define cpu_possible_mask	((const struct cpumask *)&__cpu_possible_mask)
#define cpu_present_mask	((const struct cpumask *)&__cpu_present_mask)
#define cpu_online_mask		((const struct cpumask *)&__cpu_online_mask)
#define cpu_active_mask		((const struct cpumask *)&__cpu_active_mask)

static inline void cpumask_set_cpu(unsigned int cpu, struct cpumask *m) { set_bit(cpu, m->bits); }
static inline void cpumask_clear_cpu(unsigned int cpu, struct cpumask *m) { clear_bit(cpu, m->bits); }
static inline void __cpumask_set_cpu(unsigned int cpu, struct cpumask *m) { __set_bit(cpu, m->bits); }
static inline void __cpumask_clear_cpu(unsigned int cpu, struct cpumask *m) { __clear_bit(cpu, m->bits); }
static inline bool cpumask_test_cpu(int cpu, const struct cpumask *m)
{
	return (unsigned int)cpu < NR_CPUS && test_bit(cpu, m->bits);
}
static inline bool cpumask_test_and_set_cpu(int cpu, struct cpumask *m) { return test_and_set_bit(cpu, m->bits); }
static inline bool cpumask_test_and_clear_cpu(int cpu, struct cpumask *m) { return test_and_clear_bit(cpu, m->bits); }
static inline void cpumask_clear(struct cpumask *m) { memset(m->bits, 0, sizeof(m->bits)); }
static inline void cpumask_setall(struct cpumask *m)
{
	cpumask_clear(m);
	for (unsigned int i = 0; i < nr_cpumask_bits; i++)
		__set_bit(i, m->bits);
}
static inline void cpumask_copy(struct cpumask *d, const struct cpumask *s) { *d = *s; }
static inline unsigned int cpumask_first(const struct cpumask *m) { return find_first_bit(m->bits, NR_CPUS); }
static inline unsigned int cpumask_first_zero(const struct cpumask *m) { return find_first_zero_bit(m->bits, NR_CPUS); }
static inline unsigned int cpumask_last(const struct cpumask *m) { return find_last_bit(m->bits, NR_CPUS); }
static inline unsigned int cpumask_next(int n, const struct cpumask *m)
{
	return find_next_bit(m->bits, NR_CPUS, n + 1);
}
static inline unsigned int cpumask_next_zero(int n, const struct cpumask *m)
{
	return find_next_zero_bit(m->bits, NR_CPUS, n + 1);
}
static inline unsigned int cpumask_weight(const struct cpumask *m)
{
	unsigned int w = 0;
	for (unsigned int i = 0; i < BITS_TO_LONGS(NR_CPUS); i++)
		w += hweight_long(m->bits[i]);
	return w;
}
#define __CPUMASK_OP2(name, expr)					\
static inline bool name(struct cpumask *d, const struct cpumask *a, const struct cpumask *b) \
{									\
	unsigned long any = 0;						\
	for (unsigned int i = 0; i < BITS_TO_LONGS(NR_CPUS); i++)	\
		any |= (d->bits[i] = (expr));				\
	return any != 0;						\
}
__CPUMASK_OP2(cpumask_and, a->bits[i] & b->bits[i])
__CPUMASK_OP2(cpumask_andnot, a->bits[i] & ~b->bits[i])
static inline void cpumask_or(struct cpumask *d, const struct cpumask *a, const struct cpumask *b)
{
	for (unsigned int i = 0; i < BITS_TO_LONGS(NR_CPUS); i++)
		d->bits[i] = a->bits[i] | b->bits[i];
}
static inline bool cpumask_equal(const struct cpumask *a, const struct cpumask *b)
{
	return memcmp(a->bits, b->bits, sizeof(a->bits)) == 0;
}
static inline bool cpumask_intersects(const struct cpumask *a, const struct cpumask *b)
{
	for (unsigned int i = 0; i < BITS_TO_LONGS(NR_CPUS); i++)
		if (a->bits[i] & b->bits[i])
			return true;
	return false;
}
static inline bool cpumask_subset(const struct cpumask *a, const struct cpumask *b)
{
	for (unsigned int i = 0; i < BITS_TO_LONGS(NR_CPUS); i++)
		if (a->bits[i] & ~b->bits[i])
			return false;
	return true;
}
static inline bool cpumask_empty(const struct cpumask *m)
{
	for (unsigned int i = 0; i < BITS_TO_LONGS(NR_CPUS); i++)
		if (m->bits[i])
			return false;
	return true;
}
static inline bool cpumask_full(const struct cpumask *m)
{
	return find_first_zero_bit(m->bits, nr_cpumask_bits) >= nr_cpumask_bits;
}
static inline unsigned int cpumask_any_and(const struct cpumask *a, const struct cpumask *b)
{
	for (unsigned int i = 0; i < BITS_TO_LONGS(NR_CPUS); i++)
		if (a->bits[i] & b->bits[i])
			return i * BITS_PER_LONG + __ffs(a->bits[i] & b->bits[i]);
	return NR_CPUS;
}
#define cpumask_first_and	cpumask_any_and
#define cpumask_any(m)		cpumask_first(m)
static inline unsigned int cpumask_next_and(int n, const struct cpumask *a, const struct cpumask *b)
{
	while ((n = cpumask_next(n, a)) < NR_CPUS && !cpumask_test_cpu(n, b))
		;
	return n;
}
static inline unsigned int cpumask_next_andnot(int n, const struct cpumask *a,
					       const struct cpumask *b)
{
	while ((n = cpumask_next(n, a)) < NR_CPUS && cpumask_test_cpu(n, b))
		;
	return n;
}
static inline unsigned int cpumask_first_andnot(const struct cpumask *a, const struct cpumask *b)
{
	return cpumask_next_andnot(-1, a, b);
}
static inline unsigned int cpumask_next_or(int n, const struct cpumask *a, const struct cpumask *b)
{
	unsigned int x = cpumask_next(n, a), y = cpumask_next(n, b);

	return x < y ? x : y;
}
static inline unsigned int cpumask_first_or(const struct cpumask *a, const struct cpumask *b)
{
	return cpumask_next_or(-1, a, b);
}
/* cpumask_next_wrap - the next CPU of mask after n, wrapping; >= nr_cpu_ids if none. */
static inline unsigned int cpumask_next_wrap(int n, const struct cpumask *mask)
{
	return find_next_bit_wrap(mask->bits, NR_CPUS, n + 1);
}
static inline unsigned int cpumask_weight_and(const struct cpumask *a, const struct cpumask *b)
{
	unsigned int w = 0;

	for (unsigned int i = 0; i < BITS_TO_LONGS(NR_CPUS); i++)
		w += hweight_long(a->bits[i] & b->bits[i]);
	return w;
}
static inline bool cpumask_xor(struct cpumask *d, const struct cpumask *a, const struct cpumask *b)
{
	unsigned long any = 0;

	for (unsigned int i = 0; i < BITS_TO_LONGS(NR_CPUS); i++)
		any |= (d->bits[i] = a->bits[i] ^ b->bits[i]);
	return any != 0;
}
static inline void cpumask_complement(struct cpumask *d, const struct cpumask *s)
{
	for (unsigned int i = 0; i < BITS_TO_LONGS(NR_CPUS); i++)
		d->bits[i] = ~s->bits[i];
	for (unsigned int i = nr_cpumask_bits; i < NR_CPUS; i++)
		__clear_bit(i, d->bits);
}
static inline unsigned int cpumask_any_but(const struct cpumask *m, unsigned int cpu)
{
	unsigned int i = cpumask_first(m);

	if (i != cpu)
		return i;
	return cpumask_next(cpu, m);
}

static inline const struct cpumask *cpumask_of(unsigned int cpu)
{
	extern const struct cpumask cpu_bit_masks[NR_CPUS];
	return &cpu_bit_masks[cpu];
}
static inline bool alloc_cpumask_var(cpumask_var_t *m, gfp_t f) { (void)m; (void)f; return true; }
static inline bool zalloc_cpumask_var(cpumask_var_t *m, gfp_t f) { cpumask_clear(*m); (void)f; return true; }
static inline void free_cpumask_var(cpumask_var_t m) { (void)m; }

#define for_each_cpu(cpu, mask)						\
	for ((cpu) = cpumask_first(mask); (cpu) < NR_CPUS; (cpu) = cpumask_next((cpu), (mask)))
#define for_each_cpu_and(cpu, a, b)					\
	for ((cpu) = cpumask_first_and((a), (b)); (cpu) < NR_CPUS;	\
	     (cpu) = cpumask_next_and((cpu), (a), (b)))
/*
 * for_each_cpu_wrap - every CPU of mask once, starting at start (or the
 * next one after it) and wrapping around to the lower ones.
 */
#define for_each_cpu_wrap(cpu, mask, start)				\
	for_each_set_bit_wrap(cpu, cpumask_bits(mask), NR_CPUS, start)
#define for_each_cpu_andnot(cpu, a, b)					\
	for ((cpu) = cpumask_first_andnot((a), (b)); (cpu) < NR_CPUS;	\
	     (cpu) = cpumask_next_andnot((cpu), (a), (b)))
#define for_each_cpu_or(cpu, a, b)					\
	for ((cpu) = cpumask_first_or((a), (b)); (cpu) < NR_CPUS;	\
	     (cpu) = cpumask_next_or((cpu), (a), (b)))
#define for_each_cpu_not(cpu, mask)					\
	for ((cpu) = cpumask_first_zero(mask); (cpu) < NR_CPUS;		\
	     (cpu) = cpumask_next_zero((cpu), (mask)))
#define for_each_possible_cpu(cpu)	for_each_cpu((cpu), cpu_possible_mask)
#define for_each_present_cpu(cpu)	for_each_cpu((cpu), cpu_present_mask)
#define for_each_online_cpu(cpu)	for_each_cpu((cpu), cpu_online_mask)

#define num_online_cpus()	cpumask_weight(cpu_online_mask)
#define num_possible_cpus()	cpumask_weight(cpu_possible_mask)
#define num_present_cpus()	cpumask_weight(cpu_present_mask)
#define cpu_online(cpu)		cpumask_test_cpu((cpu), cpu_online_mask)
#define cpu_possible(cpu)	cpumask_test_cpu((cpu), cpu_possible_mask)
#define cpu_present(cpu)	cpumask_test_cpu((cpu), cpu_present_mask)
#define cpu_active(cpu)		cpumask_test_cpu((cpu), cpu_active_mask)

void set_cpu_online(unsigned int cpu, bool online);
void set_cpu_present(unsigned int cpu, bool present);
void set_cpu_possible(unsigned int cpu, bool possible);
void set_cpu_active(unsigned int cpu, bool active);

#endif
