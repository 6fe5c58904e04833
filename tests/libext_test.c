/*
 * The Linux library pieces added with the Linux KUnit files, where those
 * files do not reach: sort_r() with a context and a swap function, odd
 * element sizes; min()/max() as constant expressions and their type
 * rules; bitfield helpers; the hash and hashtable bucket choice; cpumask
 * iteration with wrap-around and cpu_hotplug_disable(); vmalloc and
 * kvmalloc; devres release order; the %*pb formats; strings.
 */
#include <kunit/test.h>
#include <kunit/device.h>
#include <linux/sort.h>
#include <linux/minmax.h>
#include <linux/bitfield.h>
#include <linux/hashtable.h>
#include <linux/cpumask.h>
#include <linux/cpu.h>
#include <linux/vmalloc.h>
#include <linux/device.h>
#include <linux/mm.h>
#include <kernel/mm.h>

/* ---- sort ---- */

struct rec {
	u8 key, tag, pad;	/* 3 bytes: the byte-wise swap */
};

static int cmp_rec(const void *a, const void *b, const void *priv)
{
	int *calls = (int *)priv;

	(*calls)++;
	return ((const struct rec *)a)->key - ((const struct rec *)b)->key;
}

static int swaps;

static void swap_rec(void *a, void *b, int size, const void *priv)
{
	struct rec t = *(struct rec *)a;

	swaps++;
	*(struct rec *)a = *(struct rec *)b;
	*(struct rec *)b = t;
}

static void sort_r_passes_priv_and_swaps(struct kunit *test)
{
	struct rec r[200];
	int calls = 0, counts[256] = { 0 };
	unsigned int x = 12345;

	for (int i = 0; i < 200; i++) {
		x = x * 1103515245 + 12345;
		r[i].key = x >> 24;
		r[i].tag = r[i].key ^ 0x5a;
		counts[r[i].key]++;
	}
	swaps = 0;
	sort_r(r, 200, sizeof(r[0]), cmp_rec, swap_rec, &calls);
	KUNIT_EXPECT_GT(test, calls, 0);
	KUNIT_EXPECT_LT(test, calls, 200 * 16);		/* O(n log n): 2 n log2 n */
	KUNIT_EXPECT_GT(test, swaps, 0);
	for (int i = 0; i < 200; i++) {
		if (i)
			KUNIT_EXPECT_LE(test, r[i - 1].key, r[i].key);
		KUNIT_EXPECT_EQ(test, r[i].tag, r[i].key ^ 0x5a);	/* moved whole */
		counts[r[i].key]--;
	}
	for (int i = 0; i < 256; i++)
		KUNIT_EXPECT_EQ(test, counts[i], 0);	/* a permutation */

	/* without a swap function, the same with the built-in byte swap */
	sort_r(r, 200, sizeof(r[0]), cmp_rec, NULL, &calls);
	for (int i = 1; i < 200; i++)
		KUNIT_EXPECT_LE(test, r[i - 1].key, r[i].key);
}

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static void sort_edge_sizes(struct kunit *test)
{
	u64 one = 7, v[5] = { 5, 4, 3, 2, 1 };

	sort(&one, 1, sizeof(one), cmp_u64, NULL);
	sort(NULL, 0, sizeof(one), cmp_u64, NULL);
	KUNIT_EXPECT_EQ(test, one, 7ULL);
	sort_nonatomic(v, 5, sizeof(v[0]), cmp_u64, NULL);
	for (int i = 0; i < 5; i++)
		KUNIT_EXPECT_EQ(test, v[i], (u64)i + 1);
}

/* ---- minmax ---- */

/* File scope takes MIN/MAX (min() needs a function around it, as in Linux). */
static_assert(MIN(-1, 2) == -1 && MAX(3u, 5u) == 5u, "MIN/MAX");
typedef int array_sized_by_max[MAX(2, 4)];

static void minmax_types_and_values(struct kunit *test)
{
	int neg = -1;
	unsigned int big = 3000000000u;
	u8 small = 200;

	KUNIT_EXPECT_EQ(test, sizeof(array_sized_by_max), 4 * sizeof(int));
	/* two constants: a constant expression */
	BUILD_BUG_ON(min(3, 5) != 3 || max(3u, 5u) != 5u);
	KUNIT_EXPECT_EQ(test, min(neg, (int)small), -1);	/* u8 promotes: mixes with int */
	KUNIT_EXPECT_EQ(test, max(small, 100), 200);
	KUNIT_EXPECT_EQ(test, umin(neg, big), big);		/* -1 as unsigned is huge */
	/* an int is zero-extended (via unsigned int), as Linux's umax() does */
	KUNIT_EXPECT_EQ(test, umax(0, neg), (unsigned long long)U32_MAX);
	KUNIT_EXPECT_EQ(test, min_t(int, big, 5), (int)big);
	KUNIT_EXPECT_EQ(test, clamp(neg, -5, 5), -1);
	KUNIT_EXPECT_EQ(test, clamp(42, 0, 10), 10);
	KUNIT_EXPECT_EQ(test, clamp_val(small, 0, 100), 100);
	KUNIT_EXPECT_EQ(test, min3(4, 2, 3), 2);
	KUNIT_EXPECT_EQ(test, max3(4, 2, 9), 9);
	KUNIT_EXPECT_EQ(test, min_not_zero(0, 5), 5);
	KUNIT_EXPECT_EQ(test, min_not_zero(7, 5), 5);
	KUNIT_EXPECT_TRUE(test, in_range(5u, 3u, 4u));
	KUNIT_EXPECT_FALSE(test, in_range(7u, 3u, 4u));
}

/* ---- bitfield ---- */

#define REG_MODE	GENMASK(7, 4)
#define REG_EN		BIT(0)

static void bitfield_macros(struct kunit *test)
{
	u32 reg = 0xffff0000;
	static const u32 prepped = FIELD_PREP_CONST(REG_MODE, 0xa);

	KUNIT_EXPECT_EQ(test, FIELD_PREP(REG_MODE, 0x3), 0x30UL);
	KUNIT_EXPECT_EQ(test, FIELD_GET(REG_MODE, 0x1234UL), 0x3UL);
	KUNIT_EXPECT_EQ(test, FIELD_MAX(REG_MODE), 0xfUL);
	KUNIT_EXPECT_TRUE(test, FIELD_FIT(REG_MODE, 0xf));
	KUNIT_EXPECT_FALSE(test, FIELD_FIT(REG_MODE, 0x10));
	KUNIT_EXPECT_EQ(test, prepped, 0xa0u);
	FIELD_MODIFY(REG_MODE, &reg, 0x5);
	KUNIT_EXPECT_EQ(test, reg, 0xffff0050u);
	KUNIT_EXPECT_EQ(test, u32_replace_bits(reg, 1, REG_EN), 0xffff0051u);
	u32p_replace_bits(&reg, 0xc, REG_MODE);
	KUNIT_EXPECT_EQ(test, reg, 0xffff00c0u);
	KUNIT_EXPECT_EQ(test, be16_to_cpu(be16_encode_bits(0x12, 0xff00)), 0x1200);
	KUNIT_EXPECT_EQ(test, field_max(0x0ff0u), 0xffu);
}

/* ---- hashing ---- */

static void hash_buckets_are_linux_s(struct kunit *test)
{
	DEFINE_HASHTABLE(ht, 3);
	struct hlist_node n = { };

	/* golden-ratio multiply, top bits: the values Linux computes */
	KUNIT_EXPECT_EQ(test, hash_32(1, 8), 0x61u);
	KUNIT_EXPECT_EQ(test, hash_32(0x12345678, 32), 0x12345678u * 0x61C88647u);
	KUNIT_EXPECT_EQ(test, hash_64(1, 16), 0x61C8u);
	KUNIT_EXPECT_EQ(test, HASH_SIZE(ht), 8);
	KUNIT_EXPECT_EQ(test, HASH_BITS(ht), 3);
	hash_add(ht, &n, 1);
	KUNIT_EXPECT_FALSE(test, hlist_empty(&ht[hash_32(1, 3)]));
	hash_del(&n);
	KUNIT_EXPECT_TRUE(test, hash_empty(ht));
}

/* ---- cpumask ---- */

static void for_each_cpu_wrap_visits_each_once_in_order(struct kunit *test)
{
	struct cpumask m;
	unsigned int cpu, seen[8], n, start;

	cpumask_clear(&m);
	cpumask_set_cpu(1, &m);
	cpumask_set_cpu(4, &m);
	cpumask_set_cpu(6, &m);
	for (start = 0; start < 8; start++) {
		unsigned int want_first = start <= 1 ? 1 : start <= 4 ? 4 : start <= 6 ? 6 : 1;

		n = 0;
		for_each_cpu_wrap(cpu, &m, start)
			seen[n++] = cpu;
		KUNIT_ASSERT_EQ(test, n, 3u);
		KUNIT_EXPECT_EQ_MSG(test, seen[0], want_first, "start %u", start);
		/* ascending, wrapping once */
		KUNIT_EXPECT_EQ(test, (seen[0] < seen[1]) + (seen[1] < seen[2]) + (seen[2] < seen[0]),
				2);
	}
	KUNIT_EXPECT_EQ(test, cpumask_next_wrap(6, &m), 1u);
	KUNIT_EXPECT_EQ(test, cpumask_next_wrap(1, &m), 4u);
	cpumask_clear(&m);
	n = 0;
	for_each_cpu_wrap(cpu, &m, 3)
		n++;
	KUNIT_EXPECT_EQ(test, n, 0u);
}

static void hotplug_disable_refuses_hotplug(struct kunit *test)
{
	unsigned int cpu = cpumask_last(cpu_online_mask);

	if (num_online_cpus() < 2)
		kunit_skip(test, "needs a second online CPU");
	cpu_hotplug_disable();
	cpu_hotplug_disable();			/* it nests */
	KUNIT_EXPECT_EQ(test, remove_cpu(cpu), -EBUSY);
	cpu_hotplug_enable();
	KUNIT_EXPECT_EQ(test, remove_cpu(cpu), -EBUSY);
	cpu_hotplug_enable();
	KUNIT_EXPECT_TRUE(test, cpu_online(cpu));
	/* enabled again: a real round trip */
	KUNIT_EXPECT_EQ(test, remove_cpu(cpu), 0);
	KUNIT_EXPECT_EQ(test, add_cpu(cpu), 0);
	KUNIT_EXPECT_TRUE(test, cpu_online(cpu));
}

static void bitmap_formats(struct kunit *test)
{
	unsigned long bits[2] = { 0x80000000000000f5UL, 0x3UL };
	char b[64];

	snprintf(b, sizeof(b), "%*pbl", 66, bits);
	KUNIT_EXPECT_STREQ(test, b, "0,2,4-7,63-65");
	snprintf(b, sizeof(b), "%*pb", 66, bits);
	KUNIT_EXPECT_STREQ(test, b, "3,80000000,000000f5");
	snprintf(b, sizeof(b), "%*pbl", 0, bits);
	KUNIT_EXPECT_STREQ(test, b, "");
}

/* ---- memory ---- */

static void vmalloc_and_kvmalloc(struct kunit *test)
{
	void *v = vzalloc(3 * PAGE_SIZE + 1), *k;
	long before;

	KUNIT_ASSERT_NOT_NULL(test, v);
	KUNIT_EXPECT_TRUE(test, is_vmalloc_addr(v));
	KUNIT_EXPECT_EQ(test, ((char *)v)[3 * PAGE_SIZE], 0);
	vfree(v);
	KUNIT_EXPECT_NULL(test, __vmalloc(0, GFP_KERNEL | __GFP_NOWARN));
	KUNIT_EXPECT_NULL(test, vmalloc_array(SIZE_MAX / 2, 4));

	k = kvmalloc(100, GFP_KERNEL);		/* small: kmalloc */
	KUNIT_ASSERT_NOT_NULL(test, k);
	KUNIT_EXPECT_FALSE(test, is_vmalloc_addr(k));
	kvfree(k);
	before = atomic_long_read(&slab_bytes_in_use);
	k = kvzalloc(1 << 20, GFP_KERNEL);	/* past kmalloc's largest: vmalloc */
	KUNIT_ASSERT_NOT_NULL(test, k);
	KUNIT_EXPECT_TRUE(test, is_vmalloc_addr(k));
	KUNIT_EXPECT_EQ(test, atomic_long_read(&slab_bytes_in_use), before);
	kvfree(k);
	KUNIT_EXPECT_NULL(test, kvmalloc(SIZE_MAX, GFP_KERNEL | __GFP_NOWARN));
	k = kmalloc_objs(u64, 4);
	KUNIT_ASSERT_NOT_NULL(test, k);
	KUNIT_EXPECT_GE(test, ksize(k), 4 * sizeof(u64));
	kfree(k);
	KUNIT_EXPECT_NULL(test, kmalloc_objs(u64, SIZE_MAX / 4, GFP_KERNEL));
}

static int released[4], nreleased;

static void note_release(void *v)
{
	released[nreleased++] = (int)(long)v;
}

static void devres_released_newest_first(struct kunit *test)
{
	struct device *dev = kunit_device_register(test, "libext-dev");
	char *s;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dev);
	KUNIT_EXPECT_STREQ(test, dev_name(dev), "libext-dev");
	nreleased = 0;
	KUNIT_ASSERT_EQ(test, devm_add_action(dev, note_release, (void *)1), 0);
	s = devm_kstrdup(dev, "kept until release", GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_ASSERT_EQ(test, devm_add_action_or_reset(dev, note_release, (void *)2), 0);
	KUNIT_ASSERT_EQ(test, devm_add_action(dev, note_release, (void *)3), 0);
	devm_remove_action(dev, note_release, (void *)3);	/* forgotten, not run */
	devm_kfree(dev, s);
	kunit_device_unregister(test, dev);
	KUNIT_EXPECT_EQ(test, nreleased, 2);
	KUNIT_EXPECT_EQ(test, released[0], 2);
	KUNIT_EXPECT_EQ(test, released[1], 1);
}

/* ---- strings ---- */

static void string_extras(struct kunit *test)
{
	char buf[8], s[] = "a-b-c";
	const char *hay = "haystack";

	KUNIT_EXPECT_EQ(test, strscpy(buf, "seven77"), 7);	/* 2 args: sizeof(buf) */
	KUNIT_EXPECT_EQ(test, strscpy(buf, "eight888"), -E2BIG);
	KUNIT_EXPECT_STREQ(test, buf, "eight88");
	KUNIT_EXPECT_PTR_EQ(test, strnstr(hay, "st", 8), hay + 3);
	KUNIT_EXPECT_NULL(test, strnstr(hay, "st", 4));
	KUNIT_EXPECT_STREQ(test, strpbrk("hello, world", " ,"), ", world");
	KUNIT_EXPECT_EQ(test, *strchrnul("abc", 'z'), '\0');
	strreplace(s, '-', '+');
	KUNIT_EXPECT_STREQ(test, s, "a+b+c");
	KUNIT_EXPECT_EQ(test, str_has_prefix("module.param", "module."), 7u);
	KUNIT_EXPECT_EQ(test, str_has_prefix("module", "module."), 0u);
}

static struct kunit_case libext_cases[] = {
	KUNIT_CASE(sort_r_passes_priv_and_swaps),
	KUNIT_CASE(sort_edge_sizes),
	KUNIT_CASE(minmax_types_and_values),
	KUNIT_CASE(bitfield_macros),
	KUNIT_CASE(hash_buckets_are_linux_s),
	KUNIT_CASE(for_each_cpu_wrap_visits_each_once_in_order),
	KUNIT_CASE(hotplug_disable_refuses_hotplug),
	KUNIT_CASE(bitmap_formats),
	KUNIT_CASE(vmalloc_and_kvmalloc),
	KUNIT_CASE(devres_released_newest_first),
	KUNIT_CASE(string_extras),
	{}
};

static struct kunit_suite libext_suite = {
	.name = "libext",
	.test_cases = libext_cases,
};
kunit_test_suite(libext_suite);
