/*
 * The global CPU masks.  possible: CPUs the kernel will ever use (from the
 * MADT, capped at NR_CPUS); present: those physically there (the same
 * here); online: CPUs running and taking interrupts; active: online CPUs
 * the scheduler may place tasks on.  Writers: boot and CPU hotplug (with
 * atomic bit ops); readers may look at any time.
 */
#include <linux/cpumask.h>
#include <linux/kernel.h>

struct cpumask __cpu_possible_mask, __cpu_present_mask, __cpu_online_mask, __cpu_active_mask;
unsigned int nr_cpu_ids = 1;

#define MASK_FOR(cpu) { .bits = { [(cpu) / BITS_PER_LONG] = 1UL << ((cpu) % BITS_PER_LONG) } }
#define M4(c) MASK_FOR(c), MASK_FOR((c) + 1), MASK_FOR((c) + 2), MASK_FOR((c) + 3)
#define M16(c) M4(c), M4((c) + 4), M4((c) + 8), M4((c) + 12)
const struct cpumask cpu_bit_masks[NR_CPUS] = { M16(0), M16(16), M16(32), M16(48) };
_Static_assert(NR_CPUS == 64, "cpu_bit_masks is written out for 64 CPUs");

void set_cpu_online(unsigned int cpu, bool online)
{
	if (online)
		cpumask_set_cpu(cpu, &__cpu_online_mask);
	else
		cpumask_clear_cpu(cpu, &__cpu_online_mask);
}

void set_cpu_active(unsigned int cpu, bool active)
{
	if (active)
		cpumask_set_cpu(cpu, &__cpu_active_mask);
	else
		cpumask_clear_cpu(cpu, &__cpu_active_mask);
}

void set_cpu_present(unsigned int cpu, bool present)
{
	if (present)
		cpumask_set_cpu(cpu, &__cpu_present_mask);
	else
		cpumask_clear_cpu(cpu, &__cpu_present_mask);
}

void set_cpu_possible(unsigned int cpu, bool possible)
{
	if (possible) {
		cpumask_set_cpu(cpu, &__cpu_possible_mask);
		if (cpu + 1 > nr_cpu_ids)
			nr_cpu_ids = cpu + 1;
	} else {
		cpumask_clear_cpu(cpu, &__cpu_possible_mask);
	}
}
