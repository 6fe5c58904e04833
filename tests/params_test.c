/*
 * Module parameters (linux/moduleparam.h, kernel/params.c): this file's
 * KBUILD_MODNAME is "params_test", so its parameters are
 * "params_test.<name>" on the command line.
 *
 * set_at_boot checks values that came from the real boot command line:
 * tools/ktest.py puts "params_test.boot_*" words on every matrix boot.
 * The other cases feed command lines to parse_kernel_cmdline() (the
 * boot-time parser) and kernel_param_apply(), covering each type, the
 * refusals, quoting and the dash/underscore rule.
 */
#include <kunit/test.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/init.h>

/* ---- given on the boot command line by tools/ktest.py ---- */

static bool boot_flag;
module_param(boot_flag, bool, 0444);
MODULE_PARM_DESC(boot_flag, "set by a bare word at boot");
static int boot_int = 5;
module_param(boot_int, int, 0444);
static unsigned long boot_hex;
module_param_named(boot_ulong, boot_hex, ulong, 0444);
static char *boot_str = "unset";
module_param(boot_str, charp, 0444);
static int boot_arr[4];
static unsigned int boot_arr_n;
module_param_array(boot_arr, int, &boot_arr_n, 0444);

static void set_at_boot(struct kunit *test)
{
	if (!boot_flag)
		kunit_skip(test, "the command line has no params_test.boot_flag (not a matrix boot)");
	KUNIT_EXPECT_EQ(test, boot_int, -42);
	KUNIT_EXPECT_EQ(test, boot_hex, 0x10UL);	/* given as params-test.boot_ulong */
	KUNIT_EXPECT_STREQ(test, boot_str, "hello");
	KUNIT_EXPECT_EQ(test, boot_arr_n, 3u);
	KUNIT_EXPECT_EQ(test, boot_arr[0], 1);
	KUNIT_EXPECT_EQ(test, boot_arr[2], 3);
}

/* ---- parsed at run time ---- */

static int rt_int = 1;
module_param(rt_int, int, 0644);
static unsigned int rt_uint;
module_param(rt_uint, uint, 0644);
static unsigned char rt_byte = 7;
module_param(rt_byte, byte, 0644);
static short rt_short;
module_param(rt_short, short, 0644);
static unsigned long long rt_ullong;
module_param(rt_ullong, ullong, 0644);
static unsigned int rt_hexint;
module_param(rt_hexint, hexint, 0644);
static bool rt_bool;
module_param(rt_bool, bool, 0644);
static bool rt_invbool;
module_param(rt_invbool, invbool, 0644);
static int rt_bint;
module_param(rt_bint, bint, 0644);
static char *rt_charp;
module_param(rt_charp, charp, 0644);
static char rt_string[8] = "init";
module_param_string(rt_string, rt_string, sizeof(rt_string), 0644);
static long rt_long_array[3];
static unsigned int rt_long_array_n;
module_param_array(rt_long_array, long, &rt_long_array_n, 0644);

/* The parser works in place and charp values point into the line. */
static char line[256];

static void parse(const char *cmdline)
{
	strscpy(line, cmdline, sizeof(line));
	parse_kernel_cmdline(line);
}

static int apply(const char *name, const char *val)
{
	return kernel_param_apply(__start___param, __stop___param, name, val);
}

static void integer_types(struct kunit *test)
{
	parse("params_test.rt_int=-17 params_test.rt_uint=0x20 params_test.rt_byte=255 "
	      "params_test.rt_short=-32768 params_test.rt_ullong=18446744073709551615 "
	      "params_test.rt_hexint=017");
	KUNIT_EXPECT_EQ(test, rt_int, -17);
	KUNIT_EXPECT_EQ(test, rt_uint, 0x20u);
	KUNIT_EXPECT_EQ(test, rt_byte, 255);
	KUNIT_EXPECT_EQ(test, rt_short, -32768);
	KUNIT_EXPECT_EQ(test, rt_ullong, ULLONG_MAX);
	KUNIT_EXPECT_EQ(test, rt_hexint, 017u);	/* any base in, hex out */
}

/* A value the type refuses is an error, and the variable keeps its value. */
static void refused_values_change_nothing(struct kunit *test)
{
	rt_byte = 7;
	rt_int = 1;
	KUNIT_EXPECT_EQ(test, apply("params_test.rt_byte", "256"), -ERANGE);
	KUNIT_EXPECT_EQ(test, apply("params_test.rt_int", "12abc"), -EINVAL);
	KUNIT_EXPECT_EQ(test, apply("params_test.rt_int", NULL), -EINVAL);	/* needs a value */
	KUNIT_EXPECT_EQ(test, apply("params_test.rt_bool", "maybe"), -EINVAL);
	KUNIT_EXPECT_EQ(test, apply("params_test.no_such", "1"), -ENOENT);
	KUNIT_EXPECT_EQ(test, apply("no_such_module.rt_int", "1"), -ENOENT);
	parse("params_test.rt_byte=-1 params_test.rt_int=");
	KUNIT_EXPECT_EQ(test, rt_byte, 7);
	KUNIT_EXPECT_EQ(test, rt_int, 1);
}

static void bool_forms(struct kunit *test)
{
	static const struct { const char *val; bool want; } forms[] = {
		{ "y", true }, { "N", false }, { "1", true }, { "0", false },
		{ "on", true }, { "off", false }, { "true", true }, { "false", false },
	};

	for (size_t i = 0; i < ARRAY_SIZE(forms); i++) {
		rt_bool = !forms[i].want;
		KUNIT_EXPECT_EQ_MSG(test, apply("params_test.rt_bool", forms[i].val), 0,
				    "%s", forms[i].val);
		KUNIT_EXPECT_EQ_MSG(test, rt_bool, forms[i].want, "%s", forms[i].val);
	}
	rt_bool = false;
	parse("params_test.rt_bool");			/* a bare word: true */
	KUNIT_EXPECT_TRUE(test, rt_bool);
	parse("params_test.rt_invbool=y params_test.rt_bint=on");
	KUNIT_EXPECT_FALSE(test, rt_invbool);
	KUNIT_EXPECT_EQ(test, rt_bint, 1);
}

static void strings_and_quotes(struct kunit *test)
{
	parse("params_test.rt_charp=\"two words\" params_test.rt_string=abc");
	KUNIT_EXPECT_STREQ(test, rt_charp, "two words");
	KUNIT_EXPECT_STREQ(test, rt_string, "abc");
	/* 8 bytes: 7 characters fit, 8 do not (and change nothing) */
	KUNIT_EXPECT_EQ(test, apply("params_test.rt_string", "1234567"), 0);
	KUNIT_EXPECT_STREQ(test, rt_string, "1234567");
	KUNIT_EXPECT_EQ(test, apply("params_test.rt_string", "12345678"), -ENOSPC);
	KUNIT_EXPECT_STREQ(test, rt_string, "1234567");
}

static void arrays(struct kunit *test)
{
	parse("params_test.rt_long_array=-1,2,3000000000");
	KUNIT_EXPECT_EQ(test, rt_long_array_n, 3u);
	KUNIT_EXPECT_EQ(test, rt_long_array[0], -1L);
	KUNIT_EXPECT_EQ(test, rt_long_array[2], 3000000000L);
	KUNIT_EXPECT_EQ(test, apply("params_test.rt_long_array", "1,2,3,4"), -EINVAL);
	KUNIT_EXPECT_EQ(test, rt_long_array_n, 3u);
	KUNIT_EXPECT_EQ(test, apply("params_test.rt_long_array", "9"), 0);
	KUNIT_EXPECT_EQ(test, rt_long_array_n, 1u);
}

/* '-' and '_' are one character in names, anywhere in them (parameq). */
static void dashes_match_underscores(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, parameq("params-test.rt_int", "params_test.rt-int"));
	KUNIT_EXPECT_FALSE(test, parameq("params_test.rt_int", "params_test.rt_in"));
	parse("params-test.rt-int=99");
	KUNIT_EXPECT_EQ(test, rt_int, 99);
}

/* get() prints what set() parsed, as sysfs would show it. */
static void get_prints_the_value(struct kunit *test)
{
	char buf[64];

	for (const struct kernel_param *kp = __start___param; kp < __stop___param; kp++) {
		if (!strcmp(kp->name, "params_test.rt_hexint")) {
			rt_hexint = 0xab;
			kp->ops->get(buf, kp);
			KUNIT_EXPECT_STREQ(test, buf, "0x0000ab\n");
		} else if (!strcmp(kp->name, "params_test.rt_invbool")) {
			rt_invbool = true;
			kp->ops->get(buf, kp);
			KUNIT_EXPECT_STREQ(test, buf, "N\n");
		}
	}
}

static struct kunit_case params_cases[] = {
	KUNIT_CASE(set_at_boot),
	KUNIT_CASE(integer_types),
	KUNIT_CASE(refused_values_change_nothing),
	KUNIT_CASE(bool_forms),
	KUNIT_CASE(strings_and_quotes),
	KUNIT_CASE(arrays),
	KUNIT_CASE(dashes_match_underscores),
	KUNIT_CASE(get_prints_the_value),
	{}
};

static struct kunit_suite params_suite = {
	.name = "module_param",
	.test_cases = params_cases,
};
kunit_test_suite(params_suite);

MODULE_DESCRIPTION("Module parameters from the command line");
MODULE_LICENSE("GPL");
