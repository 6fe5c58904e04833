/*
 * The KUnit executor: runs the registered suites and prints KTAP v1.
 *
 *   KTAP version 1
 *   1..<suites>
 *       KTAP version 1
 *       # Subtest: <suite>
 *       # module: <module of its first case>
 *       1..<cases>
 *       <diagnostics of a case: "    # <case>: ...">
 *       ok|not ok <n> <case> [# SKIP reason]
 *   ok|not ok <i> <suite>
 *   # Totals: pass:P fail:F skip:S total:T
 *
 * A parameterised case prints a nested block of one result per
 * parameter (named by the generator's description, else "param-<i>").
 *
 * How a case runs (Linux's lib/kunit/test.c semantics):
 *
 *   runner (kernel_init, or the monitor)
 *     suite_init                              once per suite
 *     try kthread 1:  init, case               (kernel/kunit/try-catch.c)
 *     try kthread 2:  exit, release of the case's resources
 *     suite_exit
 *
 * A failed ASSERT or kunit_skip() ends the kthread it runs in; the
 * runner goes on with the second kthread, so exit and the resources run
 * whatever happened.  A kthread that does not end within the case's
 * timeout (kunit.timeout seconds, default 300, times 3 for a slow case
 * and 12 for a very slow one, as Linux) is reported ("test case timed
 * out") and failed, and the suite goes on; since the kthread may still be
 * using the case's context and resources, nothing of the case is
 * released then: the struct kunit (and its parent's, for a parameter
 * run) is leaked on purpose and cleanup is skipped.
 *
 * Each struct kunit lives in a struct kunit_run allocated per run, not
 * on the runner's stack, for that reason.  Only one run of the suites
 * happens at a time (kunit_run_lock); kunit_running is the test whose
 * case kthread runs, for kunit_get_current_test().
 *
 * The glob "suite" or "suite.case" picks a subset (ktest=GLOB on the
 * command line, or kunit.filter_glob=GLOB); several may be given,
 * separated by commas.
 */
#include <kunit/test.h>
#include <kunit/test-bug.h>
#include <kunit/resource.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/ktime.h>
#include <kernel/printk.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/export.h>
#include "kunit-internal.h"

/* Linux's CONFIG_KUNIT_DEFAULT_TIMEOUT: seconds for a normal-speed case. */
#define KUNIT_DEFAULT_TIMEOUT	300

static unsigned long kunit_base_timeout = KUNIT_DEFAULT_TIMEOUT;
module_param_named(timeout, kunit_base_timeout, ulong, 0644);
MODULE_PARM_DESC(timeout, "Set the base timeout for Kunit test cases");

/* 0: no statistics lines; 1: for a case with more than one result; 2: always. */
static int kunit_stats_enabled = 1;
module_param_named(stats_enabled, kunit_stats_enabled, int, 0644);
MODULE_PARM_DESC(stats_enabled,
		 "Print test stats: never (0), only for multiple subtests (1), or always (2)");

static char *kunit_filter_glob;
module_param_named(filter_glob, kunit_filter_glob, charp, 0);
MODULE_PARM_DESC(filter_glob, "Filter which KUnit test suites/tests run at boot-time, e.g. list*");

extern struct kunit_suite *const __kunit_suites_start[], *const __kunit_suites_end[];

static DEFINE_MUTEX(kunit_run_lock);
static struct kunit *kunit_running;	/* WRITE_ONCE by the runner */

/* One struct kunit and what its try kthreads read. */
struct kunit_run {
	struct kunit test;
	struct kunit_suite *suite;		/* I */
	struct kunit_case *test_case;		/* I */
	struct kunit_run *parent;		/* I: the parameterised case's */
	bool abandoned;				/* a try kthread timed out */
};

static __printf(1, 2) void ktap(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vscnprintf(buf, sizeof(buf) - 1, fmt, ap);
	va_end(ap);
	buf[n++] = '\n';
	console_write_raw(buf, n);
}

/* Print fmt/ap as one line with prefix, without a trailing newline of fmt's. */
static void vline(const char *prefix, const char *fmt, va_list ap)
{
	char buf[384];
	int n = vscnprintf(buf, sizeof(buf), fmt, ap);

	while (n > 0 && buf[n - 1] == '\n')
		buf[--n] = 0;
	ktap("%s%s", prefix, buf);
}

void kunit_log_line(const void *test_or_suite, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vline("", fmt, ap);
	va_end(ap);
}
EXPORT_SYMBOL_GPL(kunit_log_line);

bool kunit_enabled(void)
{
	return true;
}

void __noreturn __kunit_abort(struct kunit *test)
{
	kunit_try_catch_throw(&test->try_catch);
}
EXPORT_SYMBOL_GPL(__kunit_abort);

/* ---- failure reports ---- */

static void fail_header(struct kunit *test, bool assert, const char *file, int line)
{
	kunit_set_failure(test);
	if (file)
		ktap("    # %s: %s FAILED at %s:%d", test->name,
		     assert ? "ASSERTION" : "EXPECTATION", file, line);
}

static void user_msg(const char *fmt, va_list ap)
{
	if (fmt)
		vline("    ", fmt, ap);
}

void kunit_do_fail(struct kunit *test, bool assert, const char *file, int line,
		   const char *fmt, ...)
{
	va_list ap;

	fail_header(test, assert, file, line);
	va_start(ap, fmt);
	user_msg(fmt, ap);
	va_end(ap);
}
EXPORT_SYMBOL_GPL(kunit_do_fail);

void kunit_fail_unary(struct kunit *test, bool assert, const char *file, int line,
		      const char *cond, bool want, const char *fmt, ...)
{
	va_list ap;

	fail_header(test, assert, file, line);
	ktap("    Expected %s to be %s, but is %s", cond, want ? "true" : "false",
	     want ? "false" : "true");
	va_start(ap, fmt);
	user_msg(fmt, ap);
	va_end(ap);
}
EXPORT_SYMBOL_GPL(kunit_fail_unary);

void kunit_fail_binary(struct kunit *test, bool assert, const char *file, int line,
		       const char *left, const char *op, const char *right,
		       long long lv, long long rv, const char *fmt, ...)
{
	va_list ap;

	fail_header(test, assert, file, line);
	ktap("    Expected %s %s %s, but", left, op, right);
	ktap("        %s == %lld (%#llx)", left, lv, lv);
	ktap("        %s == %lld (%#llx)", right, rv, rv);
	va_start(ap, fmt);
	user_msg(fmt, ap);
	va_end(ap);
}
EXPORT_SYMBOL_GPL(kunit_fail_binary);

void kunit_fail_ptr(struct kunit *test, bool assert, const char *file, int line,
		    const char *left, const char *op, const char *right,
		    const void *lv, const void *rv, const char *fmt, ...)
{
	va_list ap;

	fail_header(test, assert, file, line);
	ktap("    Expected %s %s %s, but", left, op, right);
	ktap("        %s == %px", left, lv);
	ktap("        %s == %px", right, rv);
	va_start(ap, fmt);
	user_msg(fmt, ap);
	va_end(ap);
}
EXPORT_SYMBOL_GPL(kunit_fail_ptr);

void kunit_fail_str(struct kunit *test, bool assert, const char *file, int line,
		    const char *left, const char *op, const char *right,
		    const char *lv, const char *rv, const char *fmt, ...)
{
	va_list ap;

	fail_header(test, assert, file, line);
	ktap("    Expected %s %s %s, but", left, op, right);
	ktap("        %s == \"%s\"", left, lv);
	ktap("        %s == \"%s\"", right, rv);
	va_start(ap, fmt);
	user_msg(fmt, ap);
	va_end(ap);
}
EXPORT_SYMBOL_GPL(kunit_fail_str);

/* 16 bytes a line in hex; bytes that differ from other's are in <>. */
static void hex_lines(const u8 *buf, const u8 *other, size_t size)
{
	char line[16 * 4 + 16];

	for (size_t off = 0; off < size; off += 16) {
		int n = 0;

		for (size_t i = off; i < size && i < off + 16; i++)
			n += scnprintf(line + n, sizeof(line) - n,
				       other && buf[i] != other[i] ? "<%02x>" : " %02x ", buf[i]);
		ktap("        %s", line);
	}
}

void kunit_fail_mem(struct kunit *test, bool assert, const char *file, int line,
		    const char *left, const char *op, const char *right,
		    const void *lv, const void *rv, size_t size, const char *fmt, ...)
{
	va_list ap;

	fail_header(test, assert, file, line);
	ktap("    Expected %s %s %s, but", left, op, right);
	if (!lv || !rv) {
		ktap("        %s == %px", left, lv);
		ktap("        %s == %px", right, rv);
	} else {
		ktap("        %s ==", left);
		hex_lines(lv, rv, size);
		ktap("        %s ==", right);
		hex_lines(rv, lv, size);
	}
	va_start(ap, fmt);
	user_msg(fmt, ap);
	va_end(ap);
}
EXPORT_SYMBOL_GPL(kunit_fail_mem);

/* ---- the current test, for code that has no struct kunit ---- */

struct kunit *kunit_get_current_test(void)
{
	struct kunit *test = READ_ONCE(kunit_running);

	return test && kunit_try_catch_is_current(&test->try_catch) ? test : NULL;
}
EXPORT_SYMBOL_GPL(kunit_get_current_test);

void __kunit_fail_current_test(const char *file, int line, const char *fmt, ...)
{
	struct kunit *test = kunit_get_current_test();
	char prefix[160];
	va_list ap;

	if (!test)
		return;
	kunit_set_failure(test);
	snprintf(prefix, sizeof(prefix), "    # %s: %s:%d: ", test->name, file, line);
	va_start(ap, fmt);
	vline(prefix, fmt, ap);
	va_end(ap);
}
EXPORT_SYMBOL_GPL(__kunit_fail_current_test);

/* ---- running cases ---- */

void kunit_init_test(struct kunit *test, const char *name, char *log)
{
	spin_lock_init(&test->lock);
	INIT_LIST_HEAD(&test->resources);
	test->name = name;
	test->log = log;
	test->status = KUNIT_SUCCESS;
	test->status_comment[0] = '\0';
	memset(&test->params_array, 0, sizeof(test->params_array));
}
EXPORT_SYMBOL_GPL(kunit_init_test);

static struct kunit_run *run_new(struct kunit_suite *suite, struct kunit_case *test_case,
				 struct kunit_run *parent)
{
	struct kunit_run *run = kzalloc(sizeof(*run), GFP_KERNEL);

	if (!run)
		return NULL;
	kunit_init_test(&run->test, test_case->name, test_case->log);
	run->suite = suite;
	run->test_case = test_case;
	run->parent = parent;
	if (parent)
		run->test.parent = &parent->test;
	return run;
}

/* Free a run, unless a kthread of it (or of a parameter run) may still use it. */
static void run_free(struct kunit_run *run)
{
	if (!run->abandoned)
		kfree(run);
}

static int timeout_mult(enum kunit_speed speed)
{
	switch (speed) {
	case KUNIT_SPEED_SLOW:
		return 3;
	case KUNIT_SPEED_VERY_SLOW:
		return 12;
	default:
		return 1;
	}
}

/* The case's timeout in jiffies; the innermost speed attribute wins. */
static unsigned long case_timeout(struct kunit_suite *suite, struct kunit_case *test_case)
{
	int mult = 1;

	if (suite->attr.speed != KUNIT_SPEED_UNSET)
		mult = timeout_mult(suite->attr.speed);
	if (test_case->attr.speed != KUNIT_SPEED_UNSET)
		mult = timeout_mult(test_case->attr.speed);
	return mult * kunit_base_timeout * msecs_to_jiffies(MSEC_PER_SEC);
}

/* Slow is over 1 s; warn past twice that for a case not marked slow. */
#define KUNIT_SPEED_SLOW_WARNING_NS	(2 * NSEC_PER_SEC)

/* Try kthread 1: init and the case. */
static void try_run_case(void *data)
{
	struct kunit_run *run = data;
	struct kunit *test = &run->test;
	enum kunit_speed speed = run->test_case->attr.speed;
	u64 t0, ns;

	if (run->suite->init) {
		int ret = run->suite->init(test);

		if (ret) {
			kunit_err(test, "failed to initialize: %d", ret);
			kunit_set_failure(test);
			return;
		}
	}
	t0 = ktime_get_ns();
	run->test_case->run_case(test);
	ns = ktime_get_ns() - t0;
	if (ns >= KUNIT_SPEED_SLOW_WARNING_NS && speed != KUNIT_SPEED_SLOW &&
	    speed != KUNIT_SPEED_VERY_SLOW)
		kunit_warn(test, "Test should be marked slow (runtime: %llu.%09llus)",
			   ns / NSEC_PER_SEC, ns % NSEC_PER_SEC);
}

static void catch_run_case(void *data)
{
	struct kunit_run *run = data;
	struct kunit *test = &run->test;
	int err = kunit_try_catch_get_result(&test->try_catch);

	if (!err)
		return;		/* an ASSERT or a skip ended the case: as planned */
	kunit_set_failure(test);
	if (err == -ETIMEDOUT)
		kunit_err(test, "test case timed out (after %lu s); its kthread is left running",
			  test->try_catch.timeout / HZ);
	else
		kunit_err(test, "internal error occurred preventing test case from running: %d",
			  err);
}

/* Try kthread 2: exit and the resources. */
static void try_run_case_cleanup(void *data)
{
	struct kunit_run *run = data;

	if (run->suite->exit)
		run->suite->exit(&run->test);
	kunit_cleanup(&run->test);
}

static void catch_run_case_cleanup(void *data)
{
	struct kunit_run *run = data;
	struct kunit *test = &run->test;
	int err = kunit_try_catch_get_result(&test->try_catch);

	kunit_set_failure(test);	/* an aborted cleanup always fails the case */
	if (err == -ETIMEDOUT)
		kunit_err(test, "test case cleanup timed out");
	else if (err)
		kunit_err(test, "internal error occurred during test case cleanup: %d", err);
	else
		kunit_err(test, "test aborted during cleanup. continuing without cleaning up");
}

static void abandon(struct kunit_run *run)
{
	for (; run; run = run->parent)
		run->abandoned = true;
}

/* Run one case (or one parameter of it) in its two try kthreads. */
static void run_case_catch_errors(struct kunit_run *run)
{
	struct kunit *test = &run->test;
	struct kunit_case *test_case = run->test_case;
	unsigned long timeout = case_timeout(run->suite, test_case);

	WRITE_ONCE(kunit_running, test);
	kunit_try_catch_init(&test->try_catch, test, try_run_case, catch_run_case, timeout);
	kunit_try_catch_run(&test->try_catch, run);
	if (kunit_try_catch_get_result(&test->try_catch) == -ETIMEDOUT) {
		kunit_err(test, "cleanup skipped: the case may still use its resources");
		abandon(run);
	} else {
		kunit_try_catch_init(&test->try_catch, test, try_run_case_cleanup,
				     catch_run_case_cleanup, timeout);
		kunit_try_catch_run(&test->try_catch, run);
		if (kunit_try_catch_get_result(&test->try_catch) == -ETIMEDOUT)
			abandon(run);
	}
	WRITE_ONCE(kunit_running, NULL);

	/* a parameter run's result joins its case's */
	if (test->status == KUNIT_FAILURE)
		test_case->status = KUNIT_FAILURE;
	else if (test_case->status != KUNIT_FAILURE && test->status == KUNIT_SUCCESS)
		test_case->status = KUNIT_SUCCESS;
}

const void *kunit_array_gen_params(struct kunit *test, const void *prev, char *desc)
{
	struct kunit_params *p = &test->params_array;
	const void *param;

	if ((size_t)test->param_index >= p->num_params)
		return NULL;
	param = (const char *)p->params + test->param_index * p->elem_size;
	if (p->get_description)
		p->get_description(test, param, desc);
	return param;
}
EXPORT_SYMBOL_GPL(kunit_array_gen_params);

struct kunit_result_stats {
	unsigned long passed, skipped, failed, total;
};

static void stats_add(struct kunit_result_stats *s, enum kunit_status status)
{
	if (status == KUNIT_SUCCESS)
		s->passed++;
	else if (status == KUNIT_SKIPPED)
		s->skipped++;
	else
		s->failed++;
	s->total++;
}

static bool stats_print(const struct kunit_result_stats *s)
{
	return kunit_stats_enabled == 2 || (kunit_stats_enabled == 1 && s->total > 1);
}

static const char *speed_name(enum kunit_speed speed)
{
	switch (speed) {
	case KUNIT_SPEED_VERY_SLOW:
		return "very_slow";
	case KUNIT_SPEED_SLOW:
		return "slow";
	case KUNIT_SPEED_NORMAL:
		return "normal";
	default:
		return NULL;
	}
}

/* The parameterised case: param_init, one run per parameter, param_exit. */
static void run_param_case(struct kunit_run *run, struct kunit_result_stats *stats)
{
	struct kunit *parent = &run->test;
	struct kunit_case *test_case = run->test_case;
	char desc[KUNIT_PARAM_DESC_SIZE];
	const void *param;

	if (test_case->param_init) {
		int err = test_case->param_init(parent);

		if (err) {
			ktap("        # failed to initialize parent parameter test (%d)", err);
			parent->status = KUNIT_FAILURE;
			test_case->status = KUNIT_FAILURE;
			stats_add(stats, KUNIT_FAILURE);
			return;
		}
	}
	desc[0] = 0;
	param = test_case->generate_params(parent, NULL, desc);
	test_case->status = KUNIT_SKIPPED;
	ktap("        KTAP version 1");
	ktap("        # Subtest: %s", test_case->name);
	if (parent->params_array.params && test_case->generate_params == kunit_array_gen_params)
		ktap("        1..%zu", parent->params_array.num_params);
	while (param) {
		struct kunit_run *prun = run_new(run->suite, test_case, run);

		if (!prun) {
			ktap("        # %s: out of memory", test_case->name);
			test_case->status = KUNIT_FAILURE;
			stats_add(stats, KUNIT_FAILURE);
			break;
		}
		prun->test.param_value = param;
		prun->test.param_index = ++parent->param_index;
		run_case_catch_errors(prun);
		if (!desc[0])
			snprintf(desc, sizeof(desc), "param-%d", prun->test.param_index);
		ktap("        %s %d %s%s%s", kunit_status_to_ok_not_ok(prun->test.status),
		     prun->test.param_index, desc,
		     prun->test.status == KUNIT_SKIPPED ? " # SKIP " : "",
		     prun->test.status == KUNIT_SKIPPED ? prun->test.status_comment : "");
		stats_add(stats, prun->test.status);
		if (prun->abandoned) {
			ktap("        # %s: stopping after a parameter that did not end",
			     test_case->name);
			break;
		}
		run_free(prun);
		desc[0] = 0;
		param = test_case->generate_params(parent, param, desc);
	}
	if (run->abandoned)
		return;		/* the runs' kthreads may still use the parent */
	if (test_case->param_exit)
		test_case->param_exit(parent);
	kunit_cleanup(parent);
}

/* One glob: "suite" (its cases all) or "suite.case". */
static bool glob_selects(const char *glob, const char *suite, const char *name)
{
	char full[300];

	if (!strchr(glob, '.'))
		return glob_match(glob, suite);
	snprintf(full, sizeof(full), "%s.%s", suite, name);
	return glob_match(glob, full);
}

/* glob may list several, separated by commas ("list*,klist.klist_test_add_head"). */
static bool case_selected(const char *glob, const char *suite, const char *name)
{
	char one[128];

	if (!glob)
		return true;
	while (*glob) {
		size_t n = strcspn(glob, ",");

		if (n && n < sizeof(one)) {
			memcpy(one, glob, n);
			one[n] = 0;
			if (glob_selects(one, suite, name))
				return true;
		}
		glob += n + (glob[n] == ',');
	}
	return false;
}

static int count_cases(struct kunit_suite *s, const char *glob)
{
	int n = 0;

	for (struct kunit_case *c = s->test_cases; c->run_case; c++)
		n += case_selected(glob, s->name, c->name);
	return n;
}

size_t kunit_suite_num_test_cases(struct kunit_suite *suite)
{
	struct kunit_case *test_case;
	size_t len = 0;

	kunit_suite_for_each_test_case(suite, test_case)
		len++;
	return len;
}
EXPORT_SYMBOL_GPL(kunit_suite_num_test_cases);

unsigned int kunit_test_case_num(struct kunit_suite *suite, struct kunit_case *test_case)
{
	struct kunit_case *tc;
	unsigned int i = 1;

	kunit_suite_for_each_test_case(suite, tc) {
		if (tc == test_case)
			return i;
		i++;
	}
	return 0;
}
EXPORT_SYMBOL_GPL(kunit_test_case_num);

enum kunit_status kunit_suite_has_succeeded(struct kunit_suite *suite)
{
	const struct kunit_case *test_case;
	enum kunit_status status = KUNIT_SKIPPED;

	if (suite->suite_init_err)
		return KUNIT_FAILURE;
	kunit_suite_for_each_test_case(suite, test_case) {
		if (test_case->status == KUNIT_FAILURE)
			return KUNIT_FAILURE;
		if (test_case->status == KUNIT_SUCCESS)
			status = KUNIT_SUCCESS;
	}
	return status;
}
EXPORT_SYMBOL_GPL(kunit_suite_has_succeeded);

static void run_suite(struct kunit_suite *s, int idx, const char *glob,
		      struct kunit_result_stats *totals)
{
	struct kunit_result_stats suite_stats = { 0 };
	enum kunit_status st;
	int n = 0;

	ktap("    KTAP version 1");
	ktap("    # Subtest: %s", s->name);
	if (s->test_cases->run_case && s->test_cases->module_name)
		ktap("    # module: %s", s->test_cases->module_name);
	ktap("    1..%d", count_cases(s, glob));
	s->status_comment[0] = 0;
	s->suite_init_err = s->suite_init ? s->suite_init(s) : 0;
	if (s->suite_init_err)
		ktap("    # failed to initialize (%d)", s->suite_init_err);
	for (struct kunit_case *c = s->test_cases; c->run_case; c++) {
		struct kunit_result_stats case_stats = { 0 };
		struct kunit_run *run;
		const char *speed;
		u64 t0 = ktime_get_ns();

		if (!case_selected(glob, s->name, c->name))
			continue;
		n++;
		c->status = KUNIT_SKIPPED;
		run = run_new(s, c, NULL);
		if (!run || s->suite_init_err) {
			c->status = KUNIT_FAILURE;
			ktap("    # %s: %s", c->name,
			     run ? "suite failed to initialize" : "out of memory");
			stats_add(&case_stats, KUNIT_FAILURE);
		} else if (!c->generate_params) {
			run_case_catch_errors(run);
			stats_add(&case_stats, run->test.status);
		} else {
			run_param_case(run, &case_stats);
		}
		speed = speed_name(c->attr.speed);
		if (speed)
			ktap("    # %s.speed: %s", c->name, speed);
		if (c->generate_params && stats_print(&case_stats))
			ktap("    # %s: pass:%lu fail:%lu skip:%lu total:%lu", c->name,
			     case_stats.passed, case_stats.failed, case_stats.skipped,
			     case_stats.total);
		ktap("    # %s: duration %llu ms", c->name,
		     (unsigned long long)(ktime_get_ns() - t0) / NSEC_PER_MSEC);
		ktap("    %s %d %s%s%s", kunit_status_to_ok_not_ok(c->status), n, c->name,
		     c->status == KUNIT_SKIPPED ? " # SKIP " : "",
		     c->status == KUNIT_SKIPPED && run ? run->test.status_comment : "");
		stats_add(&suite_stats, c->status);
		totals->passed += case_stats.passed;
		totals->failed += case_stats.failed;
		totals->skipped += case_stats.skipped;
		totals->total += case_stats.total;
		if (run)
			run_free(run);
	}
	if (s->suite_exit && !s->suite_init_err)
		s->suite_exit(s);
	ktap("# %s: pass:%lu fail:%lu skip:%lu total:%lu", s->name, suite_stats.passed,
	     suite_stats.failed, suite_stats.skipped, suite_stats.total);
	st = suite_stats.failed || s->suite_init_err ? KUNIT_FAILURE :
	     (suite_stats.skipped == suite_stats.total && n) ? KUNIT_SKIPPED : KUNIT_SUCCESS;
	ktap("%s %d %s%s", kunit_status_to_ok_not_ok(st), idx, s->name,
	     st == KUNIT_SKIPPED ? " # SKIP all cases skipped" : "");
}

/*
 * kunit_run_tests - run every registered suite matching glob (NULL: the
 * kunit.filter_glob parameter, or all).
 * Context: may sleep; not from a test case.  Return: failed results
 * (cases, or parameter runs of parameterised cases).
 */
int kunit_run_tests(const char *glob)
{
	struct kunit_result_stats totals = { 0 };
	int nsuites = 0, idx = 0;

	if (!glob)
		glob = kunit_filter_glob;
	mutex_lock(&kunit_run_lock);
	/* (entries may be padded with NULLs by section alignment: skip them) */
	for (struct kunit_suite *const *s = __kunit_suites_start; s < __kunit_suites_end; s++)
		if (*s && count_cases(*s, glob))
			nsuites++;
	ktap("KTAP version 1");
	ktap("1..%d", nsuites);
	for (struct kunit_suite *const *s = __kunit_suites_start; s < __kunit_suites_end; s++)
		if (*s && count_cases(*s, glob))
			run_suite(*s, ++idx, glob, &totals);
	ktap("# Totals: pass:%lu fail:%lu skip:%lu total:%lu", totals.passed, totals.failed,
	     totals.skipped, totals.total);
#ifdef CONFIG_DEBUG_KERNEL
	/* a lock-order report no test asked for is a bug in the code under test */
	if (lockdep_reports > lockdep_reports_expected)
		pr_err("BUG: %lu lock-order report(s) besides the %lu the lockdep tests provoke\n",
		       lockdep_reports - lockdep_reports_expected, lockdep_reports_expected);
#endif
	mutex_unlock(&kunit_run_lock);
	return totals.failed;
}
