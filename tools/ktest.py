#!/usr/bin/env python3
"""tools/ktest.py -- the test runner behind `make test`.

Boots the kernel's test image in QEMU once per CPU count, reads its serial console, parses
the KTAP (version 1, as Linux KUnit prints it) and decides per test case: pass, fail or skip.
Then runs a few "scenario" boots (odd CPU counts, tiny/huge memory, no ACPI, maxcpus=,
an unknown boot option, an oops, a KUnit case that times out, a GDB session), each counting
as one test case.

    tools/ktest.py --kernel build/kernel.elf [--smp "1 2 4 8"] [--filter GLOB] [--mem 256M]
                   [--timeout SECONDS] [--no-scenarios] [-v]
    tools/ktest.py --selftest          # check the KTAP parser and verdicts on canned logs

ISOs are made with tools/mkiso.sh into BUILD/iso/ (named after a hash of kernel path and
command line; BUILD is the kernel's directory), serial logs go to BUILD/logs/<name>.log.
Only one QEMU runs at a time, always with TCG (`--accel` can change that).

How a boot is judged (a boot failing for any of these counts as one failed case, `<boot>`,
on top of the cases it printed):
  * the kernel leaves QEMU through isa-debug-exit (port 0xf4): 0x10 "all passed" -> exit
    status 33, 0x11 "some test failed" -> 35, 0x12 "panic/oops" -> 37; the status must be
    33 or 35 and agree with the KTAP results. (39 comes from boot/grub.cfg.in: GRUB could not
    load the kernel.)
  * the top-level plan `1..N` is present and N top-level results follow; every suite has a
    plan matching its number of results; results are numbered 1, 2, ...
  * no line contains "Kernel panic", "Oops" or "BUG:";
  * QEMU exits within --timeout seconds (or 10 s after a "Kernel panic" line), else it is
    killed and the boot fails.
Failed cases are reported as suite.case@smpN with their diagnostic lines; a failed boot with
its cause and the last 30 lines of its log.

Output ends with a per-suite table, the scenario results and, as the very last line,
`N passed, N failed, N skipped`.
Exit codes: 0 nothing failed and at least one case passed; 1 otherwise; 2 bad usage.
Pure Python 3 standard library.
"""

import argparse
import codecs
import hashlib
import json
import fnmatch
import os
import re
import select
import selectors
import shutil
import socket
import subprocess
import sys
import tempfile
import time

EXIT_PASS, EXIT_FAIL, EXIT_PANIC, EXIT_GRUB = 33, 35, 37, 39
# Module parameters of tests/params_test.c, set from the command line of every matrix boot
# (one written with dashes: '-' and '_' are the same in parameter names).
MATRIX_PARAMS = ("params_test.boot_flag params_test.boot_int=-42 params-test.boot_ulong=0x10 "
                 "params_test.boot_str=hello params_test.boot_arr=1,2,3")
CRASH_MARKERS = ("Kernel panic", "Oops", "BUG:")
PANIC_GRACE = 10          # seconds QEMU may still run after a "Kernel panic" line
TAIL_LINES = 30
TOOLS = os.path.dirname(os.path.abspath(__file__))

# --------------------------------------------------------------------------------------------
# KTAP parser
# --------------------------------------------------------------------------------------------

RE_VERSION = re.compile(r"^(\s*)K?TAP version (\d+)\s*$")
RE_SUBTEST = re.compile(r"^(\s*)# Subtest:\s*(.*?)\s*$")
RE_PLAN = re.compile(r"^(\s*)1\.\.(\d+)\s*(?:#.*)?$")
RE_RESULT = re.compile(r"^(\s*)(ok|not ok)\s+(\d+)\b(?:\s+-)?(.*)$")
RE_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\x1b[=>]")


class Result:
    """One `ok N name` / `not ok N name # DIRECTIVE` line."""

    def __init__(self, num, name, status, directive, lineno):
        self.num, self.name, self.status = num, name, status   # status: pass|fail|skip
        self.directive, self.lineno = directive, lineno
        self.diag = []            # lines printed before this result, since the previous one
        self.child = None         # the Block of a subtest this result concludes


class Block:
    """A (sub)test block: optional `KTAP version`, `# Subtest: name`, plan, results."""

    def __init__(self, indent, parent, lineno, name=None):
        self.indent, self.parent, self.lineno, self.name = indent, parent, lineno, name
        self.plan = None
        self.results = []
        self.children = []        # nested Blocks, in order of appearance
        self.pending = []         # non-KTAP lines since the last result
        self.result = None        # the parent's Result line concluding this block
        if parent is not None:
            parent.children.append(self)


def parse_result_line(m, lineno):
    rest = m.group(4).strip()
    directive = ""
    name = rest
    if "#" in rest:
        name, _, directive = rest.partition("#")
        name, directive = name.strip(), directive.strip()
    status = "pass" if m.group(2) == "ok" else "fail"
    word = directive.split()[0].upper() if directive else ""
    if word in ("SKIP", "TODO"):
        status = "skip"
    return Result(int(m.group(3)), name, status, directive, lineno)


def clean_lines(text):
    text = RE_ANSI.sub("", text).replace("\x00", "")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def parse_ktap(text):
    """Parse KTAP out of a serial log. Returns (root Block or None, list of error strings).

    Lines before the first `KTAP version` line are ignored. Lines that are not KTAP
    (kernel messages, KUnit's `Expected ...` lines) are kept as diagnostics of the next result
    in the innermost open block. If the version line has a non-blank prefix (a printk
    timestamp), that many characters are cut from every following line.
    """
    lines = clean_lines(text)
    errors = []
    start = prefix = None
    for i, line in enumerate(lines):
        m = re.search(r"K?TAP version \d+", line)
        if m:
            start = i
            prefix = m.start() if line[: m.start()].strip() else 0
            break
    if start is None:
        return None, ["no KTAP output (no 'KTAP version' line)"]

    root = None
    stack = []

    def close_to(indent, lineno):
        """Pop blocks nested deeper than indent; return the outermost popped one."""
        closed = None
        while len(stack) > 1 and stack[-1].indent > indent:
            blk = stack.pop()
            if closed is not None:      # an inner block that never got its result line
                errors.append("line %d: subtest '%s' has no result line" %
                              (closed.lineno, closed.name or "?"))
            closed = blk
        return closed

    for i in range(start, len(lines)):
        lineno = i + 1
        line = lines[i][prefix:].rstrip() if prefix else lines[i].rstrip()
        m = RE_VERSION.match(line)
        if m:
            ind = len(m.group(1))
            if root is None:
                root = Block(ind, None, lineno)
                stack = [root]
            elif ind > stack[-1].indent:
                stack.append(Block(ind, stack[-1], lineno))
            elif ind <= root.indent:
                errors.append("line %d: second top-level 'KTAP version' line "
                              "(kernel restarted?)" % lineno)
            else:
                stack[-1].pending.append(line)
            continue
        m = RE_SUBTEST.match(line)
        if m:
            ind = len(m.group(1))
            top = stack[-1]
            if ind > top.indent:
                stack.append(Block(ind, top, lineno, m.group(2)))
            elif ind == top.indent and top.name is None and not top.results and top is not root:
                top.name = m.group(2)
            else:
                top.pending.append(line)
            continue
        m = RE_PLAN.match(line)
        if m:
            ind = len(m.group(1))
            if ind > stack[-1].indent:
                stack.append(Block(ind, stack[-1], lineno))
            top = stack[-1]
            if ind == top.indent:
                if top.plan is not None:
                    errors.append("line %d: second plan in %s" % (lineno, block_desc(top)))
                else:
                    top.plan = int(m.group(2))
            else:
                top.pending.append(line)
            continue
        m = RE_RESULT.match(line)
        if m:
            ind = len(m.group(1))
            if ind < root.indent:
                stack[-1].pending.append(line)
                continue
            child = close_to(ind, lineno)
            top = stack[-1]
            if ind > top.indent:          # results without any header: anonymous block
                top = Block(ind, top, lineno)
                stack.append(top)
            res = parse_result_line(m, lineno)
            res.diag, top.pending = top.pending, []
            if child is not None:
                res.child, child.result = child, res
                if child.name is None:
                    child.name = res.name
            if res.num != len(top.results) + 1:
                errors.append("line %d: %s: expected result number %d, found %d" %
                              (lineno, block_desc(top), len(top.results) + 1, res.num))
            top.results.append(res)
            continue
        stack[-1].pending.append(line)

    # Whatever is still open never got its result line: the output stopped inside it.
    for blk in reversed(stack[1:]):
        errors.append("output ended inside %s (crash or hang?)" % block_desc(blk))
    check_plans(root, 0, errors)
    return root, errors


def block_desc(blk):
    if blk.parent is None:
        return "the top level"
    return "suite '%s'" % (blk.name or "?") if blk.parent.parent is None else \
        "subtest '%s'" % (blk.name or "?")


def check_plans(blk, depth, errors):
    """Top level and suites need a plan equal to their number of results; deeper subtests
    (KUnit's parameterised tests print none) only need to match when they have one."""
    if blk.plan is None:
        if depth <= 1:
            errors.append("%s has no plan (1..N)" % block_desc(blk))
    elif blk.plan != len(blk.results):
        errors.append("%s: plan 1..%d but %d result(s)" %
                      (block_desc(blk), blk.plan, len(blk.results)))
    for child in blk.children:
        check_plans(child, depth + 1, errors)


# --------------------------------------------------------------------------------------------
# Verdicts
# --------------------------------------------------------------------------------------------

class Case:
    def __init__(self, suite, name, status, diag=()):
        self.suite, self.name, self.status, self.diag = suite, name, status, list(diag)

    def full_name(self):
        return "%s.%s" % (self.suite, self.name) if self.name else self.suite


class Verdict:
    """What one boot produced: its test cases and, if it failed as a whole, why."""

    def __init__(self):
        self.cases = []
        self.errors = []

    @property
    def ok(self):
        return not self.errors

    def count(self, status):
        return sum(1 for c in self.cases if c.status == status)


def collect_cases(root):
    """Flatten the parsed tree into Cases: every result inside a suite is one case; a top-level
    result without a subtest block is a case named after the suite; a suite reported
    `not ok` although none of its cases failed adds one failed case named after the suite."""
    cases = []
    if root is None:
        return cases
    for res in root.results:
        if res.child is None:
            cases.append(Case(res.name, "", res.status, res.diag))
    for blk in root.children:
        suite = blk.name or (blk.result.name if blk.result else "?")
        for res in blk.results:
            diag = list(res.diag)
            if res.child is not None:   # parameterised: show the failing params' lines too
                for sub in res.child.results:
                    if sub.status == "fail":
                        diag += sub.diag + ["not ok %d %s" % (sub.num, sub.name)]
            cases.append(Case(suite, res.name, res.status, diag))
        if blk.result is not None and blk.result.status == "fail" and \
                not any(r.status == "fail" for r in blk.results):
            cases.append(Case(suite, "", "fail", blk.pending + blk.result.diag +
                              ["suite reported 'not ok' without a failed case"]))
    return cases


def describe_exit(status):
    if status == EXIT_PANIC:
        return "kernel panic/oops (isa-debug-exit 0x12, QEMU exit status 37)"
    if status == EXIT_GRUB:
        return "GRUB could not boot the kernel (QEMU exit status 39; GRUB's error is in the log)"
    if status == 0:
        return ("QEMU exit status 0: the guest reset (triple fault?) or powered off "
                "without isa-debug-exit")
    if status == 1:
        return "QEMU failed to start or run (exit status 1; its message is in the log)"
    if status is not None and status < 0:
        return "QEMU was killed by signal %d" % -status
    return "unexpected QEMU exit status %s" % status


def crash_lines(lines):
    return [(i + 1, l.strip()) for i, l in enumerate(lines)
            if any(mark in l for mark in CRASH_MARKERS)]


def judge_ktest(text, status, timed_out=None):
    """Verdict on a normal test boot. timed_out: None, or a string saying how QEMU was killed."""
    v = Verdict()
    root, errors = parse_ktap(text)
    v.cases = collect_cases(root)
    if timed_out:
        v.errors.append(timed_out)
    else:
        nfail = v.count("fail")
        if status == EXIT_PASS:
            if nfail:
                v.errors.append("QEMU exit status 33 (kernel says all passed) but KTAP "
                                "reports %d failed case(s)" % nfail)
        elif status == EXIT_FAIL:
            if not nfail:
                v.errors.append("QEMU exit status 35 (kernel says some test failed) but "
                                "KTAP reports no failed case")
        else:
            v.errors.append(describe_exit(status))
    crashes = crash_lines(clean_lines(text))
    if crashes:
        v.errors.append("crash at log line %d: %s" % crashes[0])
    v.errors += errors
    return v


def require_patterns(v, text, patterns):
    for pat in patterns:
        if not re.search(pat, text, re.MULTILINE):
            v.errors.append("log has no line matching /%s/" % pat)


def judge_exit(expected_status, patterns, what):
    """A judge for a boot that must end with expected_status and print every regex in
    patterns (scenarios that provoke a report: oops, overflow, lockups, ...)."""
    def judge(text, status, timed_out=None):
        v = Verdict()
        if timed_out:
            v.errors.append(timed_out)
        elif status != expected_status:
            v.errors.append("expected QEMU exit status %d (%s), got: %s" % (
                expected_status, what, describe_exit(status)))
        require_patterns(v, text, patterns)
        return v
    return judge


# KUnit's per-case timeout, end to end: with kunit.timeout=1 the case that never ends is
# reported as timed out and failed (so the boot exits "some test failed"), and the suite
# goes on with its next case, which passes.
judge_kunit_timeout = judge_exit(EXIT_FAIL, [
    r"# blocks_past_the_timeout: test case timed out",
    r"^\s*not ok 1 blocks_past_the_timeout\b",
    r"^\s*ok 2 runs_after_a_timed_out_case\b",
    r"^# Totals: pass:1 fail:1 skip:0 total:2"], "some test failed")

# The page-fault oops: symbolized, with CR2, then the panic exit.
judge_oops = judge_exit(EXIT_PANIC, [r"Oops", r"crashtest_page_fault\+0x", r"CR2"], "panic")

# A kernel thread recursing without end hits its guard page: the oops names the task.
judge_stack_overflow = judge_exit(EXIT_PANIC, [
    r"Oops", r"kernel stack overflow in task stack_hog", r"crashtest_recurse\+0x"], "panic")

# Taking a held spinlock again: reported with the caller's backtrace, then panic.
judge_spinlock_recursion = judge_exit(EXIT_PANIC, [r"recursion", r"run_crashtest"], "panic")

# With 2 s thresholds: a CPU spinning with preemption off is a soft lockup naming the task
# and the spinning function; a kthread asleep in D state a hung task with its backtrace;
# the kernel carries on and exits normally.
judge_lockups = judge_exit(EXIT_PASS, [
    r"soft lockup - CPU#\d+ stuck for \d+s! \[kernel_init:1\]",
    r"RIP: 0008:run_crashtest\+0x",
    r"INFO: task hung_sleeper:\d+ blocked for more than 2 seconds",
    r"crash_hung_fn\+0x"], "normal exit")


# --------------------------------------------------------------------------------------------
# Running QEMU
# --------------------------------------------------------------------------------------------

def run_logged(argv, log_path, timeout, verbose):
    """Run argv with stdin from /dev/null, its stdout+stderr copied to log_path (and to our
    stdout with verbose). Kill it after `timeout` s, or PANIC_GRACE s after a "Kernel panic"
    line. Returns (exit status or None, text, None or a string saying why it was killed)."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    chunks = []
    killed = None
    with open(log_path, "wb") as log:
        try:
            proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT)
        except OSError as e:
            msg = "cannot run %s: %s (see tools/deps.sh)\n" % (argv[0], e)
            log.write(msg.encode())
            return None, msg, "QEMU could not be started: %s" % e
        try:
            sel = selectors.DefaultSelector()
            sel.register(proc.stdout, selectors.EVENT_READ)
            start = time.monotonic()
            deadline = start + timeout
            panic_deadline = None
            tail = ""
            while True:
                now = time.monotonic()
                if now >= deadline:
                    killed = "timeout: QEMU still running after %g s; killed" % timeout
                    break
                if panic_deadline and now >= panic_deadline:
                    killed = ("kernel panic and QEMU did not exit within %d s; killed"
                              % PANIC_GRACE)
                    break
                limit = min(deadline, panic_deadline or deadline) - now
                if not sel.select(min(limit, 1.0)):
                    continue
                data = os.read(proc.stdout.fileno(), 65536)
                if not data:
                    break
                log.write(data)
                log.flush()
                s = decoder.decode(data)
                chunks.append(s)
                if verbose:
                    sys.stdout.write(s)
                    sys.stdout.flush()
                if panic_deadline is None and "Kernel panic" in tail + s:
                    panic_deadline = time.monotonic() + PANIC_GRACE
                tail = s[-32:]
            sel.close()
            if not killed:          # output closed: QEMU is exiting; don't kill it meanwhile
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    killed = "QEMU closed its output but did not exit; killed"
        finally:
            stop(proc)
            proc.stdout.close()
        status = proc.wait()
    chunks.append(decoder.decode(b"", final=True))
    return (None if killed else status), "".join(chunks), killed


def stop(proc, grace=3):
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def qemu_argv(args, smp, mem, iso, extra=()):
    return [args.qemu, "-accel", args.accel, "-cpu", "max", "-smp", str(smp), "-m", mem,
            "-display", "none", "-no-reboot", "-serial", "stdio", "-monitor", "none",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"] + list(extra) + \
           ["-cdrom", iso]


class Runner:
    def __init__(self, args):
        self.args = args
        self.build = args.build_dir or os.path.dirname(os.path.abspath(args.kernel))
        self.isodir = os.path.join(self.build, "iso")
        self.logdir = os.path.join(self.build, "logs")
        os.makedirs(self.isodir, exist_ok=True)
        os.makedirs(self.logdir, exist_ok=True)
        self.boots = []          # (smp, Verdict, log path)
        self.scenarios = []      # (name, Verdict, log path, seconds)

    def iso_for(self, cmdline):
        """Build (or reuse) the ISO for this command line. Returns (path, error or None)."""
        key = os.path.realpath(self.args.kernel) + "\0" + cmdline
        iso = os.path.join(self.isodir, "ktest-%s.iso" %
                           hashlib.sha1(key.encode()).hexdigest()[:12])
        p = subprocess.run(["bash", os.path.join(TOOLS, "mkiso.sh"), self.args.kernel,
                            cmdline, iso],
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, universal_newlines=True)
        if p.returncode != 0:
            return iso, "mkiso.sh failed (status %d):\n%s" % (p.returncode, p.stdout.rstrip())
        return iso, None

    def boot(self, name, cmdline, smp, mem, extra=(), judge=judge_ktest):
        """Build the ISO, boot it once, judge it. Returns (Verdict, log path, text, seconds)."""
        log = os.path.join(self.logdir, name + ".log")
        iso, err = self.iso_for(cmdline)
        if err:
            with open(log, "w") as f:
                f.write(err + "\n")
            v = Verdict()
            v.errors.append(err.splitlines()[0])
            return v, log, err, 0.0
        argv = qemu_argv(self.args, smp, mem, iso, extra)
        if self.args.verbose:
            say("$ " + " ".join(argv))
        t0 = time.monotonic()
        status, text, killed = run_logged(argv, log, self.args.timeout, self.args.verbose)
        secs = time.monotonic() - t0
        return judge(text, status, killed), log, text, secs

    # ---- the SMP matrix ----
    def run_matrix(self):
        base = "ktest=%s" % self.args.filter if self.args.filter else "ktest"
        for smp in self.args.smp:
            # expect_cpus lets the kernel's boot suite check that every CPU came up;
            # the params_test words are module parameters its module_param suite checks
            cmdline = "%s expect_cpus=%d %s" % (base, smp, MATRIX_PARAMS)
            say("== ktest smp=%d: booting (cmdline '%s') ..." % (smp, cmdline))
            v, log, text, secs = self.boot("ktest-smp%d" % smp, cmdline, smp, self.args.mem)
            self.boots.append((smp, v, log))
            say("== ktest smp=%d: %d passed, %d failed, %d skipped in %.1f s%s (log: %s)" %
                (smp, v.count("pass"), v.count("fail"), v.count("skip"), secs,
                 "" if v.ok else ", BOOT FAILED", rel(log)))
            for c in v.cases:
                if c.status == "fail":
                    report_case("%s@smp%d" % (c.full_name(), smp), c.diag)
            if not v.ok:
                report_boot("<boot>@smp%d" % smp, v.errors, text)

    # ---- scenarios ----
    def run_scenarios(self):
        a = self.args
        plain = [
            # name, smp, mem, cmdline, extra QEMU args, required log patterns
            ("smp3", 3, a.mem, "ktest=boot expect_cpus=3", [], []),
            ("smp16", 16, a.mem, "ktest=boot expect_cpus=16", [], []),
            ("mem64M", 2, "64M", "ktest=boot expect_cpus=2", [], []),
            ("mem4G", 2, "4G", "ktest=boot expect_cpus=2", [], []),
            ("mem32M", 1, "32M", "ktest=boot expect_cpus=1", [], []),
            # `-machine pc,acpi=off` is the non-deprecated spelling of `-no-acpi`
            ("noacpi", 2, a.mem, "ktest=boot expect_cpus=1", ["-machine", "pc,acpi=off"],
             [r"(?i)no ACPI"]),
            ("maxcpus", 4, a.mem, "ktest=boot maxcpus=2 expect_cpus=2", [], []),
            ("badopt", 1, a.mem, "ktest=boot expect_cpus=1 frobnicate=7", [],
             [r"Unknown kernel command line parameter.*frobnicate"]),
        ]
        for name, smp, mem, cmdline, extra, patterns in plain:
            self.scenario(name, lambda: self.plain_scenario(name, smp, mem, cmdline,
                                                            extra, patterns))
        self.scenario("oops", lambda: self.boot("scenario-oops", "crashtest=pagefault", 2,
                                                a.mem, judge=judge_oops))
        self.scenario("stackoverflow", lambda: self.boot(
            "scenario-stackoverflow", "crashtest=stackoverflow", 2, a.mem, judge=judge_stack_overflow))
        self.scenario("spinlock_recursion", lambda: self.boot(
            "scenario-spinlock_recursion", "crashtest=spinlock_recursion", 1, a.mem,
            judge=judge_spinlock_recursion))
        self.scenario("lockups", lambda: self.boot(
            "scenario-lockups", "crashtest=lockups softlockup_thresh=2 hung_task_thresh=2", 2,
            a.mem, judge=judge_lockups))
        self.scenario("kunit-timeout", lambda: self.boot(
            "scenario-kunit-timeout", "ktest=kunit_timeout kunit.timeout=1 kunit_test.timeout_demo",
            2, a.mem, judge=judge_kunit_timeout))
        self.scenario("trace-wq", self.trace_wq_scenario)
        self.scenario("monitor", self.monitor_scenario)
        self.scenario("gdb", self.gdb_scenario)
        self.scenario("gdb-helpers", self.gdb_helpers_scenario)
        self.scenario("badmagic", self.badmagic_scenario)
        self.scenario("build-deps", self.build_deps_scenario)

    def scenario(self, name, fn):
        if self.args.scenarios and not fnmatch.fnmatch(name, self.args.scenarios):
            return
        say("== scenario:%s ..." % name)
        v, log, text, secs = fn()
        self.scenarios.append((name, v, log, secs))
        say("== scenario:%s: %s in %.1f s (log: %s)" %
            (name, "passed" if v.ok else "FAILED", secs, rel(log)))
        if not v.ok:
            report_boot("scenario:%s" % name, v.errors, text)

    def plain_scenario(self, name, smp, mem, cmdline, extra, patterns):
        v, log, text, secs = self.boot("scenario-" + name, cmdline, smp, mem, extra)
        if not v.errors:
            failed = [c.full_name() for c in v.cases if c.status == "fail"]
            if failed:
                v.errors.append("failed case(s): " + ", ".join(failed))
            elif not v.count("pass"):
                v.errors.append("no test case passed (is there a 'boot' suite?)")
        require_patterns(v, text, patterns)
        return v, log, text, secs

    def build_deps_scenario(self):
        """The build follows the source tree, as a user changes it: in a scratch copy of the
        tree (with the current build output, so only the change is rebuilt) a test file is
        added (its symbol must reach build/kernel.elf), then removed (the symbol must leave
        it), and the ISO must follow a changed CMDLINE. Before the link depended on the
        list of sources, removing a file left "Nothing to be done"."""
        v = Verdict()
        log = os.path.join(self.logdir, "scenario-build-deps.log")
        top = os.path.dirname(TOOLS)
        t0 = time.monotonic()
        lines = []
        tmp = tempfile.mkdtemp(prefix="ktest-build-")
        try:
            skip_top = shutil.ignore_patterns(".git", "build")
            shutil.copytree(top, os.path.join(tmp, "src"), ignore=skip_top, symlinks=True)
            src = os.path.join(tmp, "src")
            build = os.path.abspath(self.build)

            def skip_outputs(d, names):     # ISOs, logs and the bench build: not needed
                if os.path.abspath(d) == build:
                    return [n for n in names if n in ("iso", "logs", "bench")]
                return [n for n in names if n.endswith(".iso")]
            shutil.copytree(build, os.path.join(src, "build"), symlinks=True, ignore=skip_outputs)
            probe = os.path.join(src, "tests", "zz_build_probe.c")
            sym = "build_probe_%d" % os.getpid()

            def make(*targets):
                p = subprocess.run(["make", "-s"] + list(targets), cwd=src,
                                   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, universal_newlines=True,
                                   timeout=600)
                lines.append("$ make %s (status %d)\n%s" % (" ".join(targets), p.returncode,
                                                             p.stdout))
                if p.returncode != 0:
                    v.errors.append("make %s failed (status %d)" % (" ".join(targets),
                                                                   p.returncode))
                return p.returncode == 0

            def has_symbol():
                nm = subprocess.run(["nm", os.path.join(src, "build", "kernel.elf")],
                                    stdout=subprocess.PIPE, universal_newlines=True)
                return re.search(r" %s$" % sym, nm.stdout, re.M) is not None

            with open(probe, "w") as f:
                f.write("int %s(void);\nint %s(void) { return 7; }\n" % (sym, sym))
            if make("build/kernel.elf") and not has_symbol():
                v.errors.append("a file added to tests/ is not in build/kernel.elf")
            os.unlink(probe)
            if make("build/kernel.elf") and has_symbol():
                v.errors.append("a file removed from tests/ is still in build/kernel.elf")
            iso = os.path.join(src, "build", "kernel.iso")
            if make("build/kernel.iso", "CMDLINE=quiet"):
                first = os.path.getmtime(iso)
                if make("build/kernel.iso", "CMDLINE=loglevel=8") and \
                        os.path.getmtime(iso) == first:
                    v.errors.append("build/kernel.iso was not rebuilt for a new CMDLINE")
        except (OSError, subprocess.SubprocessError, shutil.Error) as e:
            v.errors.append("scratch build: %s" % e)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        text = "\n".join(lines)
        with open(log, "w") as f:
            f.write(text)
        return v, log, text, time.monotonic() - t0

    def badmagic_scenario(self):
        """Enter the kernel without a multiboot2 loader: QEMU's -kernel starts it through
        its PVH note with EAX != the multiboot2 magic. The 32-bit entry must say so on
        COM1 and halt (so QEMU is killed after a short wait, which is expected here)."""
        log = os.path.join(self.logdir, "scenario-badmagic.log")
        argv = [self.args.qemu, "-accel", self.args.accel, "-cpu", "max", "-m", "128M",
                "-display", "none", "-no-reboot", "-serial", "stdio", "-monitor", "none",
                "-kernel", self.args.kernel]
        t0 = time.monotonic()
        status, text, killed = run_logged(argv, log, 4, self.args.verbose)
        v = Verdict()
        if not killed:
            v.errors.append("expected the kernel to halt, but QEMU ended: " +
                            describe_exit(status))
        require_patterns(v, text, [r"not started by a multiboot2 loader \(bad magic"])
        return v, log, text, time.monotonic() - t0

    # The scripted monitor session: (keys typed, regex the reply must match[, options]).
    # Keys may hold editing keys (DEL, Ctrl-U, the up arrow); "{name}" in keys or regex
    # is a value captured from an earlier reply (option "capture": {name: regex with one
    # group}); option "then": keys sent once the reply matched (to end `top`), after
    # which the prompt must come back.
    MONITOR_SCRIPT = [
        ("help", r"park/unpark/stop <pid>"),
        ("cpus", r"online 2, possible 2"),
        ("spawn 2", r"spawned 2 demo threads"),
        ("ps", r"(?m)^\s+2 kthreadd\s+S", {"capture": {"d0": r"(?m)^\s*(\d+) demo/0\s"}}),
        ("park {d0}", r"(?m)^parked"),
        ("ps", r"(?m)^\s*{d0} demo/0\s+P\s"),
        ("unpark {d0}", r"(?m)^unparked"),
        ("bind {d0} 1", r"bound to cpu 1"),
        ("nice {d0} 5", r"pid {d0} nice 5"),
        ("stop {d0}", r"stopped, result 0"),
        ("stop {d0}", r"error: no task with pid {d0}"),
        ("mem", r"pages: \d+ total, \d+ free"),
        ("bogus", r'error: unknown command "bogus"'),
        ("park", r"error: expected a pid"),
        ("park 9999", r"error: no task with pid 9999"),
        ("park 1", r"error: pid 1 was not made by kthread_create\(\)"),
        ("nice 2 x", r"error: nice <pid> <-20..19>"),
        ("bind 2 7", r"error: bind <pid> <online cpu>"),
        ("spawn 0", r"error: spawn <n>, 1..1000"),
        ("queue 8", r"queued 8 demo work items on system_wq"),
        ("wq", r"(?ms)^events\s+per-cpu\s+256.*^pool \d+: cpu 1, \d+ workers.*"
               r"^\s+kworker/1:\d+\s+pid \d+\s+(idle|busy in demo_work_fn)"),
        ("queue x", r"error: queue <n>, 1..1000"),
        ("trace start", r"(?m)^tracing"),
        ("spawn 1", r"spawned 1 demo threads"),
        ("trace stop", r"(?m)^stopped"),
        ("trace dump", r"(?ms)^T \d+ \d kthread_create \d+ demo/0 .*"
                       r"^T \d+ \d sched_switch \d+ demo/0 .*^# trace end"),
        ("trace", r"error: trace start\|stop\|dump"),
        ("cpu offline 1", r"(?m)^ok"),
        ("cpus", r"online 1, possible 2"),
        ("bind 2 1", r"error: bind <pid> <online cpu>"),
        ("cpu offline 0", r"error: -16"),
        ("cpu offline 5", r"error: -"),
        ("cpu online 1", r"(?m)^ok"),
        ("cpus", r"online 2, possible 2"),
        ("wq", r"demo items: 8 queued, 8 done"),
        ("top", r"CPU  curr-load  switches/s", {"then": "q"}),
        ("cpuz\x7fs", r"online 2, possible 2"),            # backspace
        ("garbage\x15mem", r"pages: \d+ total"),             # Ctrl-U kills the line
        ("\x1b[A", r"pages: \d+ total"),                     # up: the last command again
        ("test lib*", r"(?m)^0 failed"),
        ("bench ctxsw_same_cpu", r"BENCH ctxsw_same_cpu \d+ ns.*\n.*1 benchmarks"),
        ("dmesg", r"Booting kthread-kernel"),
        ("poweroff", r"Power down"),
    ]
    # Commands exempt from the answer-time bound (the issue exempts test and bench; top runs
    # until a key, poweroff ends the machine).
    MONITOR_SLOW = ("test", "bench", "poweroff", "top")
    MONITOR_ANSWER_S = 0.1

    def monitor_scenario(self):
        """Feed a scripted session to the serial monitor (QEMU's serial input) and check
        every reply; the last command powers the machine off (exit status 33)."""
        v = Verdict()
        log = os.path.join(self.logdir, "scenario-monitor.log")
        iso, err = self.iso_for("")
        if err:
            v.errors.append(err.splitlines()[0])
            return v, log, err, 0.0
        argv = qemu_argv(self.args, 2, self.args.mem, iso)
        t0 = time.monotonic()
        text = ""
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT)
        os.set_blocking(proc.stdout.fileno(), False)

        def read_until(pattern, timeout):
            nonlocal text
            end = time.monotonic() + timeout
            start = len(text)
            fd = proc.stdout.fileno()
            while time.monotonic() < end:
                ready, _, _ = select.select([fd], [], [], max(0.0, end - time.monotonic()))
                if not ready:
                    continue
                try:
                    data = os.read(fd, 65536)
                except BlockingIOError:
                    continue
                if not data:
                    break
                text += data.decode("utf-8", "replace")
                if re.search(pattern, text[start:]):
                    return text[start:]
            return None

        try:
            if read_until(r"kthread> ", 30) is None:
                v.errors.append("no monitor prompt after boot")
            else:
                self.run_monitor_script(v, proc, read_until, lambda: text)
            try:
                status = proc.wait(10)
                if status != EXIT_PASS:
                    v.errors.append("poweroff: QEMU exit status %s, expected %d" % (status, EXIT_PASS))
            except subprocess.TimeoutExpired:
                v.errors.append("QEMU did not exit after poweroff")
        finally:
            stop(proc)
            with open(log, "w") as f:
                f.write(text)
        return v, log, text, time.monotonic() - t0

    def run_monitor_script(self, v, proc, read_until, transcript):
        def send(keys, pause_after=True):
            for i, ch in enumerate(keys):       # typed, one character at a time
                proc.stdin.write(ch.encode())
                proc.stdin.flush()
                if pause_after or i < len(keys) - 1:
                    time.sleep(0.005)

        vars_ = {}
        times = []
        for entry in self.MONITOR_SCRIPT:
            keys, want = entry[0], entry[1]
            opts = entry[2] if len(entry) > 2 else {}
            try:
                keys = keys.format(**vars_) if "{" in keys else keys
                want = re.sub(r"\{(\w+)\}", lambda m: re.escape(vars_[m.group(1)]), want)
            except KeyError as e:
                v.errors.append("'%s': no value captured for %s" % (keys, e))
                break
            shown = keys.encode("unicode_escape").decode()
            send(keys)
            read_until(r"(?!)", 0.03)           # the echo and redraws of the keys so far
            t_cmd = time.monotonic()
            send("\r", pause_after=False)      # timed from the Enter key
            if "then" in opts:
                reply = read_until(want, 20)
                if reply is not None:
                    send(opts["then"])
                    reply = (reply + (read_until(r"kthread> ", 5) or "<no prompt>"))
            else:
                reply = read_until(r"kthread> " if keys != "poweroff" else want, 60)
            took = time.monotonic() - t_cmd
            if reply is None or not re.search(want, reply):
                v.errors.append("'%s': reply does not match /%s/" % (shown, want))
                continue
            for name, pat in opts.get("capture", {}).items():
                m = re.search(pat, reply)
                if m:
                    vars_[name] = m.group(1)
            if not any(keys.startswith(s) for s in self.MONITOR_SLOW):
                times.append((took, shown))
        if times:
            times.sort()
            say("   monitor: %d timed commands, median %.0f ms, slowest %.0f ms ('%s')" % (
                len(times), 1000 * times[len(times) // 2][0], 1000 * times[-1][0],
                times[-1][1]))
            slow = [(t, c) for t, c in times if t > self.MONITOR_ANSWER_S]
            # the bound is the kernel's; a host that stalls QEMU may stretch one answer
            if len(slow) > 1 or (slow and slow[0][0] > 10 * self.MONITOR_ANSWER_S):
                v.errors.append("commands answered in more than %d ms: %s" % (
                    1000 * self.MONITOR_ANSWER_S,
                    ", ".join("'%s' %.0f ms" % (c, 1000 * t) for t, c in slow)))

    def trace_wq_scenario(self):
        """`make trace SCENARIO=wq` end to end: the kernel traces a workqueue's items on 4
        CPUs while CPU 3 goes offline and back and dumps the trace; tools/trace2perfetto.py
        must turn it into Perfetto JSON with one slice per item (16) and both CPU events."""
        v, log, text, secs = self.boot("scenario-trace-wq", "tracescenario=wq quiet", 4,
                                       self.args.mem, judge=judge_exit(EXIT_PASS, [
                                           r"(?m)^T \d+ \d wq_exec_start \d+ kworker/\d+:\d+ "
                                           r"-?\d+ traced_work_fn\r?$",
                                           r"(?m)^T \d+ \d cpu_offline -1 - 3 ",
                                           r"(?m)^# trace end"], "normal exit"))
        if v.ok:
            out = os.path.join(self.logdir, "scenario-trace-wq.json")
            p = subprocess.run([sys.executable, os.path.join(TOOLS, "trace2perfetto.py"), log, out],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               universal_newlines=True)
            try:
                with open(out) as f:
                    evs = json.load(f)["traceEvents"]
            except (OSError, ValueError, KeyError) as e:
                v.errors.append("trace2perfetto.py gave no JSON (%s): %s" % (e, p.stdout.strip()))
                return v, log, text, secs
            work = [e for e in evs if e.get("ph") == "X" and e["name"] == "work: traced_work_fn"]
            if len(work) != 16:
                v.errors.append("expected 16 work-item slices in the JSON, found %d" % len(work))
            if not any(e.get("name", "").startswith("cpu_online") for e in evs):
                v.errors.append("no cpu_online event in the JSON")
        return v, log, text, secs

    def gdb_helpers_scenario(self):
        """The GDB helpers against a live kernel: the `gdb` suite parks one kthread and puts
        another to sleep, then calls gdb_breakpoint_here(); GDB stops there and runs lx-ps,
        lx-bt, lx-cpus, lx-runqueues, lx-list-check and lx-dmesg, whose output is checked."""
        v = Verdict()
        log = os.path.join(self.logdir, "scenario-gdb-helpers.log")
        gdb_log = os.path.join(self.logdir, "scenario-gdb-helpers.gdb.log")
        iso, err = self.iso_for("ktest=gdb")
        if err:
            v.errors.append(err.splitlines()[0])
            return v, log, err, 0.0
        gdb_bin = shutil.which(self.args.gdb)
        if not gdb_bin:
            v.errors.append("gdb not found (tools/deps.sh --gdb installs it)")
            return v, log, "", 0.0
        port = free_port()
        argv = qemu_argv(self.args, 2, self.args.mem, iso, ["-S", "-gdb", "tcp:127.0.0.1:%d" % port])
        t0 = time.monotonic()
        with open(log, "wb") as qlog:
            qemu = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=qlog,
                                    stderr=subprocess.STDOUT)
            try:
                wait_listening(port, qemu, 10)
                cmds = ["set architecture i386:x86-64", "target remote 127.0.0.1:%d" % port,
                        "source %s" % os.path.join(TOOLS, "gdb", "kernel-gdb.py"),
                        "hbreak gdb_breakpoint_here", "continue", "lx-ps",
                        'eval "lx-bt %d", gdb_test_sleeper_pid',
                        'printf "PARKED_PID %d\\n", gdb_test_parked_pid',
                        "lx-cpus", "lx-runqueues", "lx-list-check init_task.tasks", "lx-dmesg",
                        "lx-workqueues", "lx-pools",
                        "print $lx_current().pid", "kill"]
                argv_gdb = [gdb_bin, "-nx", "-batch", self.args.kernel]
                for c in cmds:
                    argv_gdb += ["-ex", c]
                p = subprocess.run(argv_gdb, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, universal_newlines=True,
                                   timeout=self.args.timeout)
                out = p.stdout
            except (subprocess.TimeoutExpired, OSError) as e:
                out = "gdb failed: %s" % e
            finally:
                stop(qemu)
        with open(gdb_log, "w") as f:
            f.write(out)
        m = re.search(r"PARKED_PID (\d+)", out)
        checks = [
            (r"Breakpoint 1, .*gdb_breakpoint_here", "gdb did not stop at gdb_breakpoint_here"),
            (r"(?m)^\s+2 kthreadd\s", "lx-ps does not list kthreadd as pid 2"),
            (r"(?m)^#\d+\s+schedule\+", "lx-bt of the sleeping kthread lacks schedule"),
            (r"(?m)^#\d+\s+gdb_sleeper_fn\+", "lx-bt of the sleeping kthread lacks its function"),
            (r"Booting kthread-kernel", "lx-dmesg lacks the boot banner"),
            (r"list is consistent", "lx-list-check did not pass on init_task.tasks"),
            (r"(?m)^cpu 1 \(gdb thread 2\)", "lx-cpus does not map CPUs to GDB threads"),
            (r"(?m)^gdb_wq\s+flags", "lx-workqueues does not list the test's workqueue gdb_wq"),
            (r"(?m)^events\s+flags", "lx-workqueues does not list system_wq (events)"),
            (r"(?m)^pool \d+ cpu -?\d+ .*workers [1-9]", "lx-pools shows no pool with workers"),
            (r"(?m)^\s+worker kworker/\d+:\d+H?\s+pid \d+\s+idle", "lx-pools shows no idle kworker"),
            (r"(?m)^\s+worker kworker/\d+:\d+\s+pid \d+\s+busy in gdb_blocking_work_fn\+",
             "lx-pools does not show the worker busy in gdb_blocking_work_fn"),
        ]
        for pat, msg in checks:
            if not re.search(pat, out):
                v.errors.append(msg)
        if not m or not re.search(r"(?m)^\s+%s gdb_parked\s+P\s" % m.group(1), out):
            v.errors.append("lx-ps does not show the parked kthread in state P")
        return v, gdb_log, out, time.monotonic() - t0

    def gdb_scenario(self):
        """QEMU halted with its GDB stub; GDB sets a hardware breakpoint on smp_init (GRUB
        loads the kernel after GDB attached and would overwrite an int3), continues, and
        prints a backtrace that must reach kernel_init (pid 1, which brings up the CPUs)."""
        a = self.args
        log = os.path.join(self.logdir, "scenario-gdb.log")
        gdb_log = os.path.join(self.logdir, "scenario-gdb.gdb.log")
        v = Verdict()
        gdb = shutil.which(a.gdb)
        if not gdb:
            msg = "gdb not found ('%s'); install it: tools/deps.sh --gdb" % a.gdb
            v.errors.append(msg)
            return v, log, msg, 0.0
        iso, err = self.iso_for("ktest=boot expect_cpus=2")
        if err:
            v.errors.append(err.splitlines()[0])
            return v, log, err, 0.0
        port = free_port()
        argv = qemu_argv(a, 2, a.mem, iso, ["-S", "-gdb", "tcp:127.0.0.1:%d" % port])
        gdb_argv = [gdb, "-nx", "-batch", a.kernel,
                    "-ex", "set architecture i386:x86-64",
                    "-ex", "target remote 127.0.0.1:%d" % port,
                    "-ex", "hbreak smp_init", "-ex", "continue", "-ex", "bt", "-ex", "kill"]
        t0 = time.monotonic()
        with open(log, "wb") as logf:
            try:
                qemu = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=logf,
                                        stderr=subprocess.STDOUT)
            except OSError as e:
                v.errors.append("QEMU could not be started: %s" % e)
                return v, log, str(e), 0.0
            try:
                wait_listening(port, qemu, 10)
                try:
                    p = subprocess.run(gdb_argv, stdin=subprocess.DEVNULL,
                                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                       timeout=a.timeout)
                    out = p.stdout.decode("utf-8", "replace")
                except subprocess.TimeoutExpired as e:
                    out = (e.stdout or b"").decode("utf-8", "replace")
                    v.errors.append("timeout: gdb still running after %g s; killed" % a.timeout)
                try:
                    qemu.wait(10)
                except subprocess.TimeoutExpired:
                    pass
            finally:
                stop(qemu)
        secs = time.monotonic() - t0
        with open(gdb_log, "w") as f:
            f.write("$ " + " ".join(gdb_argv) + "\n" + out)
        if a.verbose:
            sys.stdout.write(out)
        if not re.search(r"Breakpoint 1, .*\bsmp_init\b", out):
            v.errors.append("gdb did not stop at 'Breakpoint 1, ... smp_init'")
        elif not re.search(r"^#\d+\s.*\bkernel_init\b", out, re.MULTILINE):
            v.errors.append("the backtrace at smp_init does not contain kernel_init")
        with open(log, errors="replace") as f:
            serial = f.read()
        text = "%s\n--- QEMU output (%s) ---\n%s" % (out.rstrip(), rel(log), serial)
        return v, gdb_log, text, secs

    # ---- summary ----
    def summary(self):
        passed = failed = skipped = 0
        for smp, v, log in self.boots:
            passed += v.count("pass")
            failed += v.count("fail") + (0 if v.ok else 1)
            skipped += v.count("skip")
        for name, v, log, secs in self.scenarios:
            if v.ok:
                passed += 1
            else:
                failed += 1

        failures = []
        for smp, v, log in self.boots:
            failures += ["%s@smp%d" % (c.full_name(), smp) for c in v.cases
                         if c.status == "fail"]
            if not v.ok:
                failures.append("<boot>@smp%d (%s)" % (smp, v.errors[0]))
        failures += ["scenario:%s (%s)" % (n, v.errors[0])
                     for n, v, log, secs in self.scenarios if not v.ok]

        say("")
        if self.boots:
            self.print_table()
        if self.scenarios:
            say("")
            say("Scenarios:")
            for name, v, log, secs in self.scenarios:
                line = "  %-22s %-7s %5.1f s  %s" % ("scenario:" + name,
                                                     "ok" if v.ok else "FAILED", secs,
                                                     "" if v.ok else v.errors[0])
                say(line.rstrip())
        if failures:
            say("")
            say("Failed (%d):" % len(failures))
            for f in failures:
                say("  " + f)
        if passed + failed == 0:
            say("")
            say("ktest: no test case ran")
        say("%d passed, %d failed, %d skipped" % (passed, failed, skipped))
        return 0 if failed == 0 and passed > 0 else 1

    def print_table(self):
        suites = []
        for smp, v, log in self.boots:
            for c in v.cases:
                if c.suite not in suites:
                    suites.append(c.suite)
        width = max([len(s) for s in suites] + [8]) + 2
        cols = ["smp=%d" % smp for smp, v, log in self.boots]
        say("Per suite, passed/failed/skipped:")
        say("  " + "suite".ljust(width) + "".join(c.rjust(12) for c in cols))
        for s in suites:
            cells = []
            for smp, v, log in self.boots:
                cs = [c for c in v.cases if c.suite == s]
                if not cs:
                    cells.append("-")
                    continue
                cells.append("%d/%d/%d" % tuple(sum(1 for c in cs if c.status == st)
                                                for st in ("pass", "fail", "skip")))
            say("  " + s.ljust(width) + "".join(c.rjust(12) for c in cells))
        say("  " + "<boot>".ljust(width) +
            "".join(("ok" if v.ok else "FAILED").rjust(12) for smp, v, log in self.boots))


def free_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_listening(port, proc, timeout):
    """Wait until something listens on 127.0.0.1:port, looking at /proc/net/tcp (connecting
    to probe would use up QEMU's single GDB connection)."""
    want = "0100007F:%04X" % port
    end = time.monotonic() + timeout
    while time.monotonic() < end and proc.poll() is None:
        try:
            with open("/proc/net/tcp") as f:
                for line in f:
                    fields = line.split()
                    if len(fields) > 3 and fields[1] == want and fields[3] == "0A":
                        return True
        except OSError:
            time.sleep(1.0)
            return False
        time.sleep(0.05)
    return False


def rel(path):
    r = os.path.relpath(path)
    return path if r.startswith("..") else r


def say(s):
    sys.stdout.write(s + "\n")
    sys.stdout.flush()


def report_case(name, diag):
    say("FAIL %s" % name)
    shown = [l for l in diag if l.strip()][-TAIL_LINES:]
    for l in shown:
        say("    | " + l.rstrip())


def report_boot(name, errors, text):
    say("FAIL %s:" % name)
    for e in errors:
        say("    " + e)
    lines = [l for l in clean_lines(text)]
    while lines and not lines[-1].strip():
        lines.pop()
    say("    last %d lines of the log:" % TAIL_LINES)
    for l in lines[-TAIL_LINES:]:
        say("    | " + l.rstrip())


# --------------------------------------------------------------------------------------------
# Self-test of the parser and verdicts
# --------------------------------------------------------------------------------------------

GOOD = """\
SeaBIOS noise
Linux-ish boot messages
KTAP version 1
1..2
    KTAP version 1
    # Subtest: mm
    # module: mm_test
    1..3
    ok 1 slab_sizes
    ok 2 buddy_exhaustion
    ok 3 foo # SKIP no memory
# mm: pass:2 fail:0 skip:1 total:3
ok 1 mm
    KTAP version 1
    # Subtest: kthread
    1..2
        KTAP version 1
        # Subtest: park_params
        ok 1 cpu 0
        ok 2 cpu 1 # SKIP offline
    ok 1 park_params
    ok 2 - stop_self
ok 2 kthread
# Totals: pass:4 fail:0 skip:1 total:5
"""

ONE_FAIL = """\
KTAP version 1
1..2
    KTAP version 1
    # Subtest: mm
    1..3
    ok 1 slab_sizes
    # buddy_exhaustion: EXPECTATION FAILED at tests/mm.c:12
    Expected x == 3, but
        x == 2
    not ok 2 buddy_exhaustion
    ok 3 foo # SKIP no memory
not ok 1 mm
    KTAP version 1
    # Subtest: wq
    1..1
    ok 1 flush
ok 2 wq
"""


def selftest():
    checks = [0]

    def check(cond, what):
        checks[0] += 1
        if not cond:
            raise AssertionError("selftest: " + what)

    def counts(v):
        return (v.count("pass"), v.count("fail"), v.count("skip"))

    v = judge_ktest(GOOD, 33)
    check(v.ok, "good log passes: %s" % v.errors)
    check(counts(v) == (4, 0, 1), "good log counts %s" % (counts(v),))
    check([c.full_name() for c in v.cases][:3] == ["mm.slab_sizes", "mm.buddy_exhaustion",
                                                 "mm.foo"], "case names")
    check(v.cases[2].status == "skip", "SKIP directive")
    check(v.cases[4].name == "stop_self", "'ok N - name' form")

    v = judge_ktest(GOOD.replace("\n", "\r\n"), 33)
    check(v.ok and counts(v) == (4, 0, 1), "CRLF line ends")

    stamped = "".join("[%8.3f] %s\n" % (i / 1000.0, l) for i, l in
                      enumerate(GOOD.splitlines()))
    v = judge_ktest(stamped, 33)
    check(v.ok and counts(v) == (4, 0, 1), "timestamp prefix: %s" % v.errors)

    v = judge_ktest("\x1b[H\x1b[J\x1b[1;1H" + GOOD, 33)
    check(v.ok, "escape sequences before KTAP")

    v = judge_ktest(GOOD, 35)
    check(not v.ok and "exit status 35" in v.errors[0], "exit 35 without failures")
    v = judge_ktest(GOOD, 37)
    check(not v.ok and "panic" in v.errors[0], "exit 37")
    v = judge_ktest(GOOD, 0)
    check(not v.ok and "triple fault" in v.errors[0], "exit 0")
    v = judge_ktest(GOOD, EXIT_GRUB)
    check(not v.ok and "GRUB" in v.errors[0], "exit 39")
    v = judge_ktest(GOOD, None, "timeout: killed")
    check(not v.ok and v.errors == ["timeout: killed"], "timeout")

    v = judge_ktest(ONE_FAIL, 35)
    check(v.ok, "one failure with exit 35 is a consistent run: %s" % v.errors)
    check(counts(v) == (2, 1, 1), "one failure counts %s" % (counts(v),))
    bad = [c for c in v.cases if c.status == "fail"]
    check(len(bad) == 1 and bad[0].full_name() == "mm.buddy_exhaustion", "failed case name")
    check(any("tests/mm.c:12" in l for l in bad[0].diag) and
          any("x == 2" in l for l in bad[0].diag), "diagnostics kept with the failed case")
    v = judge_ktest(ONE_FAIL, 33)
    check(not v.ok and "exit status 33" in v.errors[0], "exit 33 with a failure")

    # crash in the middle of a suite: no more output, QEMU exit 37
    crashed = GOOD.split("    ok 2 buddy_exhaustion")[0] + \
        "BUG: unable to handle page fault\nOops: 0002 [#1]\nKernel panic - not syncing\n"
    v = judge_ktest(crashed, 37)
    check(not v.ok and counts(v) == (1, 0, 0), "crash counts what ran")
    check(any("crash at log line" in e for e in v.errors), "crash marker reported")
    check(any("output ended inside suite 'mm'" in e for e in v.errors), "unclosed suite")
    check(any("plan 1..3 but 1" in e for e in v.errors), "suite plan mismatch")
    check(any("top level: plan 1..2 but 0" in e for e in v.errors), "top plan mismatch")

    # a panic line alone fails even with a good exit status
    v = judge_ktest(GOOD + "Kernel panic - not syncing: late\n", 33)
    check(not v.ok, "late panic line")
    v = judge_ktest(GOOD.replace("ok 2 buddy", "ok 2 buddy\nOops: 0000"), 33)
    check(not v.ok, "Oops line")

    v = judge_ktest("booting...\nhello\n", 33)
    check(not v.ok and "no KTAP output" in v.errors[-1], "no KTAP at all")
    v = judge_ktest(GOOD.replace("1..2\n    KTAP", "    KTAP", 1), 33)
    check(not v.ok and any("top level has no plan" in e for e in v.errors), "missing top plan")
    v = judge_ktest(GOOD.replace("    1..3\n", ""), 33)
    check(not v.ok and any("suite 'mm' has no plan" in e for e in v.errors),
          "missing suite plan")
    v = judge_ktest(GOOD.replace("    1..3\n", "    1..4\n"), 33)
    check(not v.ok and any("plan 1..4 but 3" in e for e in v.errors), "suite plan mismatch")
    v = judge_ktest(GOOD.replace("1..2\n", "1..3\n", 1), 33)
    check(not v.ok and any("top level: plan 1..3 but 2" in e for e in v.errors),
          "top plan mismatch")
    v = judge_ktest(GOOD.replace("ok 2 buddy_exhaustion", "ok 3 buddy_exhaustion"), 33)
    check(not v.ok and any("expected result number 2" in e for e in v.errors), "numbering")
    v = judge_ktest(GOOD + "KTAP version 1\n1..2\n", 33)
    check(not v.ok and any("restarted" in e for e in v.errors), "second KTAP header")

    # suite 'not ok' without any failed case: one failed pseudo-case named after the suite
    v = judge_ktest(GOOD.replace("ok 1 mm", "not ok 1 mm"), 35)
    check(v.ok and counts(v) == (4, 1, 1), "suite-level failure counted: %s" % (counts(v),))
    check([c.full_name() for c in v.cases if c.status == "fail"] == ["mm"], "suite failure")

    # interleaved kernel messages between results are tolerated
    noisy = GOOD.replace("    ok 2 buddy", "smpboot: CPU 3 is now offline\n    ok 2 buddy")
    v = judge_ktest(noisy, 33)
    check(v.ok and counts(v) == (4, 0, 1), "interleaved messages")

    # a top-level result without a subtest block is a case of its own
    v = judge_ktest("KTAP version 1\n1..1\nok 1 lonely # SKIP not here\n", 33)
    check(v.ok and counts(v) == (0, 0, 1) and v.cases[0].full_name() == "lonely",
          "bare top-level result")
    v = judge_ktest("KTAP version 1\n1..0\n", 33)
    check(v.ok and not v.cases, "empty plan")

    # the oops scenario
    oops = ("BUG: unable to handle page fault for address: 0000000000000000\n"
            "Oops: 0002 [#1] SMP\nCR2: 0000000000000000\nCall Trace:\n"
            " crashtest_page_fault+0x1a/0x40\nKernel panic - not syncing\n")
    check(judge_oops(oops, 37).ok, "oops passes")
    check(not judge_oops(oops, 33).ok, "oops needs exit 37")
    check(not judge_oops(oops.replace("crashtest_page_fault+0x1a", "0xffffffff8010"), 37).ok,
          "oops needs a symbolized backtrace")
    check(not judge_oops(oops, None, "timeout").ok, "oops timeout")

    v = judge_ktest(GOOD, 33)
    require_patterns(v, GOOD + "Unknown kernel command line parameter \"frobnicate=7\"\n",
                     [r"Unknown kernel command line parameter.*frobnicate"])
    check(v.ok, "badopt pattern")
    require_patterns(v, GOOD, [r"(?i)no ACPI"])
    check(not v.ok, "missing required pattern")

    say("selftest: all %d checks passed" % checks[0])
    say("%d passed, 0 failed, 0 skipped" % checks[0])
    return 0


# --------------------------------------------------------------------------------------------

def parse_args(argv):
    p = argparse.ArgumentParser(
        description="Boot the kernel's KTAP test image in QEMU and judge the results.")
    p.add_argument("--kernel", help="kernel ELF with the tests built in (build/kernel.elf)")
    p.add_argument("--smp", default="1 2 4 8",
                   help="CPU counts to boot the full test run with (default: '1 2 4 8')")
    p.add_argument("--filter", metavar="GLOB",
                   help="run only matching suites (cmdline ktest=GLOB); disables scenarios")
    p.add_argument("--mem", default="256M", help="guest memory (default 256M)")
    p.add_argument("--timeout", type=float, default=120,
                   help="seconds per boot before QEMU is killed (default 120)")
    p.add_argument("--no-scenarios", action="store_true", help="skip the scenario boots")
    p.add_argument("--scenarios", metavar="GLOB",
                   help="run only the scenarios matching GLOB (no test-matrix boots)")
    p.add_argument("-v", "--verbose", action="store_true", help="echo serial output live")
    p.add_argument("--build-dir", help="where iso/ and logs/ go (default: the kernel's dir)")
    p.add_argument("--qemu", default="qemu-system-x86_64", help="QEMU binary")
    p.add_argument("--accel", default="tcg,thread=multi", help="QEMU -accel value")
    p.add_argument("--gdb", default="gdb", help="gdb binary for the gdb scenario")
    p.add_argument("--selftest", action="store_true",
                   help="check the KTAP parser and verdicts on canned logs, boot nothing")
    args = p.parse_args(argv)
    if args.selftest:
        return args
    if not args.kernel:
        p.error("--kernel is required")
    if not os.path.isfile(args.kernel):
        p.error("kernel '%s' not found (build it first)" % args.kernel)
    try:
        args.smp = [int(x) for x in re.split(r"[\s,]+", args.smp.strip()) if x]
    except ValueError:
        p.error("--smp wants CPU counts like '1 2 4 8'")
    if not args.smp or min(args.smp) < 1:
        p.error("--smp wants CPU counts >= 1")
    if args.timeout <= 0:
        p.error("--timeout must be positive")
    return args


def main(argv):
    args = parse_args(argv)
    if args.selftest:
        try:
            return selftest()
        except AssertionError as e:
            say(str(e))
            say("0 passed, 1 failed, 0 skipped")
            return 1
    runner = Runner(args)
    try:
        if not args.scenarios:
            runner.run_matrix()
        if args.scenarios or (not args.no_scenarios and not args.filter):
            runner.run_scenarios()
    except KeyboardInterrupt:
        say("\nktest: interrupted")
        runner.summary()
        return 130
    return runner.summary()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
