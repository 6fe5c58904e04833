/*
 * The KUnit executor: runs the registered suites and prints KTAP v1.
 *
 *   KTAP version 1
 *   1..<suites>
 *       KTAP version 1
 *       # Subtest: <suite>
 *       1..<cases>
 *       <diagnostics of a failed case>
 *       ok|not ok <n> <case> [# SKIP reason]
 *   ok|not ok <i> <suite>
 *
 * A case runs init -> run_case -> exit.  An ASSERT failure or kunit_skip
 * jumps back here (__builtin_longjmp to the context saved before the
 * case), exit still runs, and test-managed allocations are released: the
 * suite goes on with the next case.  Cases run on the boot CPU's context
 * one after another; the glob "suite" or "suite.case" picks a subset.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/ktime.h>
#include <kernel/printk.h>

extern struct kunit_suite *const __kunit_suites_start[], *const __kunit_suites_end[];
struct kunit *kunit_current;

struct kunit_resource {
	struct list_head list;
	void (*action)(void *);
	void *ctx;
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

static void vdiag(struct kunit *test, const char *prefix, const char *fmt, va_list ap)
{
	char buf[384];

	vscnprintf(buf, sizeof(buf), fmt, ap);
	ktap("    %s%s", prefix, buf);
	(void)test;
}

void kunit_log_line(struct kunit *test, const char *level, const char *fmt, ...)
{
	va_list ap;
	char pre[96];

	snprintf(pre, sizeof(pre), "# %s: %s", test->name, level);
	va_start(ap, fmt);
	vdiag(test, pre, fmt, ap);
	va_end(ap);
}

void __kunit_abort(struct kunit *test)
{
	__builtin_longjmp(test->jmp, 1);
}

static void fail_header(struct kunit *test, bool assert, const char *file, int line)
{
	test->status = KUNIT_FAILURE;
	if (file)
		ktap("    # %s: %s FAILED at %s:%d", test->name,
		     assert ? "ASSERTION" : "EXPECTATION", file, line);
}

void kunit_do_fail(struct kunit *test, bool assert, const char *file, int line,
		   const char *fmt, ...)
{
	va_list ap;

	fail_header(test, assert, file, line);
	if (fmt) {
		va_start(ap, fmt);
		vdiag(test, "", fmt, ap);
		va_end(ap);
	}
}

static void user_msg(struct kunit *test, const char *fmt, va_list ap)
{
	if (fmt)
		vdiag(test, "", fmt, ap);
}

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
	user_msg(test, fmt, ap);
	va_end(ap);
}

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
	user_msg(test, fmt, ap);
	va_end(ap);
}

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
	user_msg(test, fmt, ap);
	va_end(ap);
}

void kunit_mark_skipped(struct kunit *test, const char *fmt, ...)
{
	va_list ap;

	test->status = KUNIT_SKIPPED;
	va_start(ap, fmt);
	vscnprintf(test->status_comment, sizeof(test->status_comment), fmt, ap);
	va_end(ap);
}

int kunit_add_action(struct kunit *test, void (*action)(void *), void *ctx)
{
	struct kunit_resource *r = kmalloc(sizeof(*r), GFP_KERNEL);

	if (!r)
		return -ENOMEM;
	r->action = action;
	r->ctx = ctx;
	list_add(&r->list, &test->resources);	/* LIFO */
	return 0;
}

static void kfree_action(void *p)
{
	kfree(p);
}

void *kunit_kmalloc(struct kunit *test, size_t size, gfp_t gfp)
{
	void *p = kmalloc(size, gfp);

	if (p && kunit_add_action(test, kfree_action, p)) {
		kfree(p);
		return NULL;
	}
	return p;
}

void kunit_kfree(struct kunit *test, const void *p)
{
	struct kunit_resource *r;

	list_for_each_entry(r, &test->resources, list) {
		if (r->action == kfree_action && r->ctx == p) {
			list_del(&r->list);
			kfree(r);
			kfree(p);
			return;
		}
	}
	WARN(1, "kunit_kfree: %px was not allocated by kunit_kmalloc", p);
}

static void release_resources(struct kunit *test)
{
	struct kunit_resource *r, *n;

	list_for_each_entry_safe(r, n, &test->resources, list) {
		list_del(&r->list);
		r->action(r->ctx);
		kfree(r);
	}
}

/* Run one case (one parameter) in its own context; abort lands here. */
static noinline void run_case_once(struct kunit_suite *suite, struct kunit_case *c,
				   struct kunit *test)
{
	int err;

	if (__builtin_setjmp(test->jmp) == 0) {
		if (suite->init) {
			err = suite->init(test);
			if (err) {
				kunit_do_fail(test, false, NULL, 0, NULL);
				ktap("    # %s: failed to initialize: %d", c->name, err);
				goto out;
			}
		}
		c->run_case(test);
	}
out:
	if (__builtin_setjmp(test->jmp) == 0 && suite->exit)
		suite->exit(test);
	release_resources(test);
}

static bool case_selected(const char *glob, const char *suite, const char *name)
{
	char full[300];

	if (!glob)
		return true;
	if (!strchr(glob, '.'))
		return glob_match(glob, suite);
	snprintf(full, sizeof(full), "%s.%s", suite, name);
	return glob_match(glob, full);
}

static int count_cases(struct kunit_suite *s, const char *glob)
{
	int n = 0;

	for (struct kunit_case *c = s->test_cases; c->run_case; c++)
		n += case_selected(glob, s->name, c->name);
	return n;
}

static enum kunit_status run_suite(struct kunit_suite *s, int idx, const char *glob,
				   int *pass, int *fail, int *skip)
{
	int n = 0, p = 0, f = 0, k = 0, err = 0;
	enum kunit_status st;

	ktap("    KTAP version 1");
	ktap("    # Subtest: %s", s->name);
	ktap("    1..%d", count_cases(s, glob));
	if (s->suite_init)
		err = s->suite_init(s);
	for (struct kunit_case *c = s->test_cases; c->run_case; c++) {
		struct kunit test = { .name = c->name, .status = KUNIT_SUCCESS };
		u64 t0 = ktime_get_ns();

		if (!case_selected(glob, s->name, c->name))
			continue;
		INIT_LIST_HEAD(&test.resources);
		kunit_current = &test;
		if (err) {
			test.status = KUNIT_FAILURE;
			ktap("    # %s: suite failed to initialize (%d)", c->name, err);
		} else if (c->generate_params) {
			char desc[KUNIT_PARAM_DESC_SIZE];
			const void *param = NULL;
			int pi = 0;
			enum kunit_status worst = KUNIT_SUCCESS;

			ktap("        KTAP version 1");
			ktap("        # Subtest: %s", c->name);
			while (desc[0] = 0, (param = c->generate_params(param, desc))) {
				struct kunit pt = { .name = c->name, .status = KUNIT_SUCCESS };
				INIT_LIST_HEAD(&pt.resources);
				pt.param_value = (void *)param;
				pt.param_index = pi;
				kunit_current = &pt;
				run_case_once(s, c, &pt);
				if (!desc[0])
					snprintf(desc, sizeof(desc), "param-%d", pi);
				ktap("        %s %d %s", pt.status == KUNIT_FAILURE ? "not ok" : "ok",
				     pi + 1, desc);
				if (pt.status == KUNIT_FAILURE)
					worst = KUNIT_FAILURE;
				pi++;
			}
			test.status = worst;
		} else {
			run_case_once(s, c, &test);
		}
		kunit_current = NULL;
		ktap("    # %s: duration %llu ms", c->name,
		     (unsigned long long)(ktime_get_ns() - t0) / NSEC_PER_MSEC);
		c->status = test.status;
		n++;
		if (test.status == KUNIT_FAILURE) {
			f++;
			ktap("    not ok %d %s", n, c->name);
		} else if (test.status == KUNIT_SKIPPED) {
			k++;
			ktap("    ok %d %s # SKIP %s", n, c->name, test.status_comment);
		} else {
			p++;
			ktap("    ok %d %s", n, c->name);
		}
	}
	if (s->suite_exit && !err)
		s->suite_exit(s);
	ktap("# %s: pass:%d fail:%d skip:%d total:%d", s->name, p, f, k, n);
	st = f ? KUNIT_FAILURE : (k == n && n) ? KUNIT_SKIPPED : KUNIT_SUCCESS;
	ktap("%s %d %s%s", st == KUNIT_FAILURE ? "not ok" : "ok", idx, s->name,
	     st == KUNIT_SKIPPED ? " # SKIP all cases skipped" : "");
	*pass += p;
	*fail += f;
	*skip += k;
	return st;
}

/* Run every suite matching glob (NULL: all).  Return: failed cases. */
int kunit_run_tests(const char *glob)
{
	int nsuites = 0, idx = 0, pass = 0, fail = 0, skip = 0;

	/* (entries may be padded with NULLs by section alignment: skip them) */
	for (struct kunit_suite *const *s = __kunit_suites_start; s < __kunit_suites_end; s++)
		if (*s && count_cases(*s, glob))
			nsuites++;
	ktap("KTAP version 1");
	ktap("1..%d", nsuites);
	for (struct kunit_suite *const *s = __kunit_suites_start; s < __kunit_suites_end; s++)
		if (*s && count_cases(*s, glob))
			run_suite(*s, ++idx, glob, &pass, &fail, &skip);
	ktap("# Totals: pass:%d fail:%d skip:%d total:%d", pass, fail, skip, pass + fail + skip);
#ifdef CONFIG_DEBUG_KERNEL
	/* a lock-order report no test asked for is a bug in the code under test */
	if (lockdep_reports > lockdep_reports_expected)
		pr_err("BUG: %lu lock-order report(s) besides the %lu the lockdep tests provoke\n",
		       lockdep_reports - lockdep_reports_expected, lockdep_reports_expected);
#endif
	return fail;
}
