/*
 * Boot: what start_kernel promised.
 *
 *   GRUB -> long mode -> memory -> interrupts -> every CPU online
 *
 * The runner passes expect_cpus=N (the -smp value, or maxcpus) and this
 * suite checks that exactly N CPUs came online, each with its own per-CPU
 * area, GS base, idle task and descriptor tables; that the memory map
 * was sanitised; that the page tables keep the NULL page unmapped and the
 * kernel text read-only.
 */
#include <kunit/test.h>
#include <linux/smp.h>
#include <linux/cpumask.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include <kernel/boot.h>
#include <asm/boot.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <kernel/sched.h>

static void expected_cpus_online(struct kunit *test)
{
	if (!expect_cpus)
		kunit_skip(test, "no expect_cpus= on the command line");
	KUNIT_EXPECT_EQ(test, num_online_cpus(), (unsigned int)expect_cpus);
	KUNIT_EXPECT_TRUE(test, cpumask_subset(cpu_online_mask, cpu_present_mask));
	KUNIT_EXPECT_TRUE(test, cpumask_subset(cpu_present_mask, cpu_possible_mask));
	KUNIT_EXPECT_TRUE(test, cpu_online(0));
}

static void record_gs(void *arg)
{
	unsigned long *bases = arg;

	bases[smp_processor_id()] = rdmsr(MSR_GS_BASE);
}

static void each_cpu_has_own_percpu_area_and_idle_task(struct kunit *test)
{
	unsigned long *bases = kunit_kzalloc(test, sizeof(long) * NR_CPUS, GFP_KERNEL);
	int cpu, other;

	KUNIT_ASSERT_NOT_NULL(test, bases);
	on_each_cpu(record_gs, bases, 1);
	for_each_online_cpu(cpu) {
		struct task_struct *idle = idle_task(cpu);

		KUNIT_EXPECT_EQ(test, bases[cpu], per_cpu_offset(cpu));
		KUNIT_EXPECT_EQ(test, per_cpu(pcpu_hot, cpu).cpu_number, cpu);
		KUNIT_EXPECT_EQ(test, idle->magic, TASK_MAGIC);
		KUNIT_EXPECT_EQ(test, (int)idle->cpu, cpu);
		KUNIT_EXPECT_TRUE(test, idle->flags & PF_IDLE);
		for_each_online_cpu(other)
			if (other != cpu)
				KUNIT_EXPECT_NE(test, bases[cpu], bases[other]);
	}
}

static void memory_map_sorted_and_disjoint(struct kunit *test)
{
	KUNIT_ASSERT_GT(test, boot_info.nr_mem, 0);
	for (int i = 0; i + 1 < boot_info.nr_mem; i++) {
		struct mem_region *a = &boot_info.mem[i], *b = &boot_info.mem[i + 1];
		KUNIT_EXPECT_LE(test, a->base + a->len, b->base);
	}
	KUNIT_EXPECT_GT(test, boot_info.usable_bytes, 16ULL << 20);
}

static void null_page_unmapped_and_text_readonly(struct kunit *test)
{
	extern char __text_start[], __rodata_start[];
	u64 *pml4 = __va(read_cr3() & PTE_ADDR_MASK);

	/* nothing at all in the lower half once the APs are up */
	KUNIT_EXPECT_EQ(test, pml4[0], 0ULL);
	KUNIT_EXPECT_FALSE(test, kern_addr_mapped(0));
	KUNIT_EXPECT_TRUE(test, kern_addr_mapped((unsigned long)__text_start));
	KUNIT_EXPECT_TRUE(test, kern_addr_mapped((unsigned long)__rodata_start));
	KUNIT_EXPECT_TRUE(test, read_cr0() & (1UL << 16));	/* CR0.WP: RO holds in ring 0 */
	KUNIT_EXPECT_TRUE(test, rdmsr(MSR_EFER) & (1UL << 11));	/* NX enabled */
}

static void boot_reached_all_online_quickly(struct kunit *test)
{
	/* a measurement, reported; the bound only catches a gross regression */
	kunit_info(test, "kernel entry to all CPUs online: %llu us",
		   (unsigned long long)boot_to_online_us);
	KUNIT_EXPECT_GT(test, boot_to_online_us, 0ULL);
	KUNIT_EXPECT_LT(test, boot_to_online_us, 5000000ULL);
}

static struct kunit_case boot_cases[] = {
	KUNIT_CASE(expected_cpus_online),
	KUNIT_CASE(each_cpu_has_own_percpu_area_and_idle_task),
	KUNIT_CASE(memory_map_sorted_and_disjoint),
	KUNIT_CASE(null_page_unmapped_and_text_readonly),
	KUNIT_CASE(boot_reached_all_online_quickly),
	{}
};

static struct kunit_suite boot_suite = {
	.name = "boot",
	.test_cases = boot_cases,
};
kunit_test_suite(boot_suite);
