/*
 * Library code: formatting, strings, parsing, lists, bitmaps, cpumasks.
 * Each case pins the exact output Linux's version of the function gives.
 */
#include <kunit/test.h>
#include <linux/list.h>
#include <linux/bitops.h>
#include <linux/cpumask.h>
#include <linux/kallsyms.h>

static void snprintf_formats(struct kunit *test)
{
	char b[64];

	snprintf(b, sizeof(b), "%d|%5d|%-5d|%05d|%+d", -42, 7, 7, 7, 7);
	KUNIT_EXPECT_STREQ(test, b, "-42|    7|7    |00007|+7");
	snprintf(b, sizeof(b), "%x|%X|%#x|%o|%lu|%lld", 255, 255, 255, 8, 123456789012UL, -5LL);
	KUNIT_EXPECT_STREQ(test, b, "ff|FF|0xff|10|123456789012|-5");
	snprintf(b, sizeof(b), "%s|%.3s|%6s|%-6s|%c|%%", "abc", "abcdef", "ab", "ab", 'z');
	KUNIT_EXPECT_STREQ(test, b, "abc|abc|    ab|ab    |z|%");
	snprintf(b, sizeof(b), "%zu %u %hhu", (size_t)3, 4000000000U, (unsigned char)300);
	KUNIT_EXPECT_STREQ(test, b, "3 4000000000 44");
	KUNIT_EXPECT_EQ(test, snprintf(b, 4, "%s", "truncated"), 9);
	KUNIT_EXPECT_STREQ(test, b, "tru");
	KUNIT_EXPECT_EQ(test, scnprintf(b, 4, "%s", "truncated"), 3);
}

static void symbol_formatting(struct kunit *test)
{
	char b[KSYM_SYMBOL_LEN];
	unsigned long addr = (unsigned long)snprintf + 3;

	snprintf(b, sizeof(b), "%pS", (void *)addr);
	KUNIT_EXPECT_EQ(test, strncmp(b, "snprintf+0x3/0x", 15), 0);
	snprintf(b, sizeof(b), "%ps", (void *)addr);
	KUNIT_EXPECT_STREQ(test, b, "snprintf");
	KUNIT_EXPECT_EQ(test, kallsyms_lookup_name("snprintf"), (unsigned long)snprintf);
	KUNIT_EXPECT_NULL(test, kallsyms_lookup(16, NULL, NULL));
}

static void string_functions(struct kunit *test)
{
	char b[16], s[] = "a,b,,c";
	char *p = s;

	KUNIT_EXPECT_EQ(test, strlen("hello"), 5UL);
	KUNIT_EXPECT_EQ(test, strnlen("hello", 3), 3UL);
	KUNIT_EXPECT_LT(test, strcmp("abc", "abd"), 0);
	KUNIT_EXPECT_EQ(test, strncmp("abcx", "abcy", 3), 0);
	KUNIT_EXPECT_EQ(test, strscpy(b, "0123456789abcdefXYZ", sizeof(b)), -7L);
	KUNIT_EXPECT_STREQ(test, b, "0123456789abcde");
	KUNIT_EXPECT_EQ(test, strscpy(b, "ok", sizeof(b)), 2L);
	KUNIT_EXPECT_STREQ(test, strsep(&p, ","), "a");
	KUNIT_EXPECT_STREQ(test, strsep(&p, ","), "b");
	KUNIT_EXPECT_STREQ(test, strsep(&p, ","), "");
	KUNIT_EXPECT_STREQ(test, strsep(&p, ","), "c");
	KUNIT_EXPECT_NULL(test, strsep(&p, ","));
	KUNIT_EXPECT_STREQ(test, strstr("kthread/park", "park"), "park");
	memset(b, 0x5a, sizeof(b));
	KUNIT_EXPECT_NULL(test, memchr_inv(b, 0x5a, sizeof(b)));
	memmove(b + 1, b, 8);
	KUNIT_EXPECT_EQ(test, memcmp(b, "\x5a\x5a\x5a", 3), 0);
}

static void glob_and_number_parsing(struct kunit *test)
{
	unsigned long v;
	int i;

	KUNIT_EXPECT_TRUE(test, glob_match("kthread*", "kthread_park"));
	KUNIT_EXPECT_TRUE(test, glob_match("mm.slab_?izes", "mm.slab_sizes"));
	KUNIT_EXPECT_TRUE(test, glob_match("[a-c]x", "bx"));
	KUNIT_EXPECT_FALSE(test, glob_match("kthread", "kthreadd"));
	KUNIT_EXPECT_EQ(test, kstrtoul("0x1f", 0, &v), 0);
	KUNIT_EXPECT_EQ(test, v, 31UL);
	KUNIT_EXPECT_EQ(test, kstrtoul("12a", 10, &v), -EINVAL);
	KUNIT_EXPECT_EQ(test, kstrtoul("99999999999999999999999", 10, &v), -ERANGE);
	KUNIT_EXPECT_EQ(test, kstrtoint("-17\n", 10, &i), 0);
	KUNIT_EXPECT_EQ(test, i, -17);
	KUNIT_EXPECT_EQ(test, kstrtoint("", 10, &i), -EINVAL);
	KUNIT_EXPECT_EQ(test, memparse("64M", NULL), 64ULL << 20);
}

struct item {
	int v;
	struct list_head node;
};

static void list_operations(struct kunit *test)
{
	struct item a = { .v = 1 }, b = { .v = 2 }, c = { .v = 3 }, *pos;
	LIST_HEAD(head);
	LIST_HEAD(other);
	int sum = 0, order[3], n = 0;

	list_add_tail(&a.node, &head);
	list_add_tail(&b.node, &head);
	list_add(&c.node, &head);
	list_for_each_entry(pos, &head, node)
		order[n++] = pos->v;
	KUNIT_EXPECT_EQ(test, n, 3);
	KUNIT_EXPECT_EQ(test, order[0], 3);
	KUNIT_EXPECT_EQ(test, order[2], 2);
	list_del(&c.node);
	KUNIT_EXPECT_PTR_EQ(test, c.node.next, LIST_POISON1);
	list_move_tail(&a.node, &other);
	KUNIT_EXPECT_TRUE(test, list_is_singular(&head));
	list_splice_init(&other, &head);
	KUNIT_EXPECT_TRUE(test, list_empty(&other));
	list_for_each_entry(pos, &head, node)
		sum += pos->v;
	KUNIT_EXPECT_EQ(test, sum, 3);
	KUNIT_EXPECT_EQ(test, list_count_nodes(&head), 2UL);
}

static void bitmaps_and_cpumasks(struct kunit *test)
{
	unsigned long map[2] = { 0, 0 };
	struct cpumask a, b, r;

	set_bit(3, map);
	set_bit(70, map);
	KUNIT_EXPECT_EQ(test, find_first_bit(map, 128), 3UL);
	KUNIT_EXPECT_EQ(test, find_next_bit(map, 128, 4), 70UL);
	KUNIT_EXPECT_EQ(test, find_next_bit(map, 128, 71), 128UL);
	KUNIT_EXPECT_EQ(test, find_first_zero_bit(map, 128), 0UL);
	KUNIT_EXPECT_TRUE(test, test_and_clear_bit(3, map));
	KUNIT_EXPECT_FALSE(test, test_bit(3, map));
	KUNIT_EXPECT_EQ(test, hweight64(0xff00ff00ULL), 16UL);
	KUNIT_EXPECT_EQ(test, roundup_pow_of_two(33), 64UL);
	KUNIT_EXPECT_EQ(test, ilog2(4096), 12);

	cpumask_clear(&a);
	cpumask_clear(&b);
	cpumask_set_cpu(1, &a);
	cpumask_set_cpu(63, &a);
	cpumask_set_cpu(63, &b);
	KUNIT_EXPECT_EQ(test, cpumask_weight(&a), 2U);
	KUNIT_EXPECT_TRUE(test, cpumask_and(&r, &a, &b));
	KUNIT_EXPECT_EQ(test, cpumask_first(&r), 63U);
	KUNIT_EXPECT_TRUE(test, cpumask_subset(&b, &a));
	KUNIT_EXPECT_FALSE(test, cpumask_subset(&a, &b));
	KUNIT_EXPECT_EQ(test, cpumask_next(1, &a), 63U);
	KUNIT_EXPECT_EQ(test, cpumask_next(63, &a), (unsigned int)NR_CPUS);
	KUNIT_EXPECT_TRUE(test, cpumask_equal(cpumask_of(5), cpumask_of(5)));
	KUNIT_EXPECT_EQ(test, cpumask_first(cpumask_of(37)), 37U);
}

static struct kunit_case lib_cases[] = {
	KUNIT_CASE(snprintf_formats),
	KUNIT_CASE(symbol_formatting),
	KUNIT_CASE(string_functions),
	KUNIT_CASE(glob_and_number_parsing),
	KUNIT_CASE(list_operations),
	KUNIT_CASE(bitmaps_and_cpumasks),
	{}
};

static struct kunit_suite lib_suite = {
	.name = "lib",
	.test_cases = lib_cases,
};
kunit_test_suite(lib_suite);
