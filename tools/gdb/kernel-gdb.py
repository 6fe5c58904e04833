# GDB helpers for the kernel: thread- and CPU-aware views of tasks, run queues, the log.
#
# Loaded by `make debug`, or by a plain `gdb build/kernel.elf` through the auto-load script
# build/kernel.elf-gdb.py (allow it with `add-auto-load-safe-path <repo>/build` in ~/.gdbinit).
# Names follow Linux's scripts/gdb where the job is the same:
#
#   lx-ps                  every task: pid, comm, state, CPU, kthread flags, worker, address
#   lx-dmesg               the kernel log ring buffer
#   lx-cpus                possible / present / online / active CPUs, and each CPU's current
#   lx-runqueues [cpu]     each run queue: current task and queued tasks in pick order
#   lx-bt <pid>            backtrace of a task that is not running (from its saved context)
#   lx-list-check <expr>   check a list_head list's links
#   lx-workqueues          each workqueue and its pool_workqueues (active, max, inactive)
#   lx-pools               each worker pool: workers (idle/busy, current work), manager, worklist
#   $lx_current([cpu])     the task running on a CPU (default: the selected GDB thread's CPU)
#   $lx_per_cpu("var"[, cpu])  a per-CPU variable's instance
#
# Constants (task states, flags) are read from the kernel image (kernel/gdb_constants.c),
# not written here.  QEMU presents each vCPU as a GDB thread; thread N is CPU N-1.

import gdb

STACK_REGS = 6          # callee-saved registers __switch_to_asm pushes: r15..r12, rbx, rbp


def const(name):
    return int(gdb.parse_and_eval("gdb_const_" + name))


def ulong(expr):
    return int(gdb.parse_and_eval("(unsigned long)(%s)" % expr))


def read_ulong(addr):
    return int(gdb.parse_and_eval("*(unsigned long *)%d" % addr))


def task_type():
    return gdb.lookup_type("struct task_struct")


def per_cpu_addr(var, cpu):
    return ulong("&%s" % var) + ulong("__per_cpu_offset[%d]" % cpu)


def cpu_mask(name):
    words = gdb.parse_and_eval("%s.bits" % name)
    n = words.type.range()[1] + 1
    cpus = []
    for w in range(n):
        v = int(words[w])
        for b in range(64):
            if v & (1 << b):
                cpus.append(w * 64 + b)
    return cpus


def online_cpus():
    return cpu_mask("__cpu_online_mask")


def selected_cpu():
    th = gdb.selected_thread()
    return (th.num - 1) if th is not None else 0


def current_task(cpu):
    addr = per_cpu_addr("pcpu_hot.current_task", cpu)
    return gdb.Value(read_ulong(addr)).cast(task_type().pointer())


def list_entries(head_addr, typename, member):
    t = gdb.lookup_type(typename)
    off = ulong("&((%s *)0)->%s" % (typename, member))
    node = read_ulong(head_addr)
    seen = 0
    while node != head_addr and node != 0 and seen < 100000:
        yield gdb.Value(node - off).cast(t.pointer())
        node = read_ulong(node)
        seen += 1


def all_tasks():
    yield gdb.parse_and_eval("&init_task")
    for cpu in cpu_mask("__cpu_possible_mask"):
        if cpu:
            yield gdb.parse_and_eval("&idle_tasks[%d]" % cpu)
    for t in list_entries(ulong("&init_task.tasks"), "struct task_struct", "tasks"):
        yield t


def state_letter(t):
    st = int(t["__state"])
    flags = int(t["flags"])
    if flags & const("PF_IDLE"):
        return "I"
    if st == const("TASK_RUNNING"):
        return "R"
    if st & const("TASK_PARKED"):
        return "P"
    if st & const("TASK_DEAD"):
        return "X"
    if st & const("TASK_NEW"):
        return "N"
    if st & const("TASK_WAKING"):
        return "W"
    if st & const("TASK_UNINTERRUPTIBLE"):
        return "I" if st & const("TASK_NOLOAD") else "D"
    if st & const("TASK_INTERRUPTIBLE"):
        return "S"
    return "?"


def kthread_flags(t):
    if not (int(t["flags"]) & const("PF_KTHREAD")) or int(t["worker_private"]) == 0:
        return ""
    try:
        kt = t["worker_private"].cast(gdb.lookup_type("struct kthread").pointer())
        f = int(kt["flags"])
    except gdb.error:
        return ""
    out = ""
    if f & (1 << const("KTHREAD_SHOULD_STOP")):
        out += "S"
    if f & (1 << const("KTHREAD_SHOULD_PARK")):
        out += "P"
    if f & (1 << const("KTHREAD_IS_PER_CPU")):
        out += "C"
    return out


def find_task(pid):
    for t in all_tasks():
        if int(t["pid"]) == pid:
            return t
    return None


def symbol(addr):
    try:
        b = gdb.block_for_pc(addr)
        while b is not None and b.function is None:
            b = b.superblock
        if b is not None and b.function is not None:
            return "%s+0x%x" % (b.function.name, addr - b.start)
    except RuntimeError:
        pass
    try:        # assembly symbols have no block: ask the symbol table
        out = gdb.execute("info symbol 0x%x" % addr, to_string=True)
        if "No symbol" not in out:
            name, _, rest = out.partition(" in section")[0].partition(" + ")
            return "%s+0x%x" % (name.strip(), int(rest or "0"))
    except gdb.error:
        pass
    return "0x%x" % addr


class LxPs(gdb.Command):
    """List every task: pid, comm, state (R S D P I X N W), CPU, kthread flags
(S should-stop, P should-park, C per-CPU), W for PF_WQ_WORKER, and the task address."""

    def __init__(self):
        super().__init__("lx-ps", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        gdb.write("%5s %-16s %2s %3s %-4s %-2s %s\n" % ("PID", "COMM", "ST", "CPU", "KTHR",
                                                       "WQ", "TASK"))
        wq = const("PF_WQ_WORKER")
        for t in all_tasks():
            gdb.write("%5d %-16s %2s %3d %-4s %-2s 0x%x\n" % (
                int(t["pid"]), t["comm"].string(), state_letter(t), int(t["cpu"]),
                kthread_flags(t), "W" if int(t["flags"]) & wq else "", int(t)))


class LxDmesg(gdb.Command):
    """Print the kernel log ring buffer."""

    def __init__(self):
        super().__init__("lx-dmesg", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        head = ulong("log_head")
        size = ulong("log_buf_len")
        start = head - size if head > size else 0
        buf = ulong("&log_buf")
        inf = gdb.selected_inferior()
        data = bytearray()
        pos = start
        while pos < head:
            chunk = min(head - pos, size - (pos % size))
            data += inf.read_memory(buf + pos % size, chunk).tobytes()
            pos += chunk
        text = data.decode("utf-8", "replace")
        if start:
            text = text[text.find("\n") + 1:]
        gdb.write(text)


class LxCpus(gdb.Command):
    """Show possible / present / online / active CPUs and each online CPU's current task."""

    def __init__(self):
        super().__init__("lx-cpus", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        for name in ("possible", "present", "online", "active"):
            gdb.write("%-8s %s\n" % (name, cpu_mask("__cpu_%s_mask" % name)))
        for cpu in online_cpus():
            t = current_task(cpu)
            gdb.write("cpu %d (gdb thread %d): current %s/%d\n" % (
                cpu, cpu + 1, t["comm"].string(), int(t["pid"])))


class LxRunqueues(gdb.Command):
    """lx-runqueues [cpu]: each run queue's current task and its queued tasks in order."""

    def __init__(self):
        super().__init__("lx-runqueues", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        cpus = [int(arg)] if arg.strip() else online_cpus()
        for cpu in cpus:
            rq = per_cpu_addr("runqueues", cpu)
            rqv = gdb.parse_and_eval("*(struct rq *)%d" % rq)
            curr = rqv["curr"]
            gdb.write("cpu %d: nr_running %d, curr %s/%d, switches %d\n" % (
                cpu, int(rqv["nr_running"]), curr["comm"].string(), int(curr["pid"]),
                int(rqv["nr_switches"])))
            rt = rqv["rt"]
            for prio in range(100):
                head = rq + ulong("&((struct rq *)0)->rt.queue[%d]" % prio)
                for t in list_entries(head, "struct task_struct", "rt.run_list"):
                    gdb.write("  fifo prio %2d  %s/%d\n" % (prio, t["comm"].string(),
                                                            int(t["pid"])))
            head = rq + ulong("&((struct rq *)0)->cfs.tasks")
            for t in list_entries(head, "struct task_struct", "se.run_node"):
                gdb.write("  fair vruntime %-14d %s/%d%s\n" % (
                    int(t["se"]["vruntime"]), t["comm"].string(), int(t["pid"]),
                    "  (running)" if int(t) == int(curr) else ""))


class LxBt(gdb.Command):
    """lx-bt <pid>: backtrace of a task that is not running, from its saved stack pointer
(frame-pointer chain).  For a running task, select its CPU's thread and use bt."""

    def __init__(self):
        super().__init__("lx-bt", gdb.COMMAND_STACK)

    def invoke(self, arg, from_tty):
        t = find_task(int(arg))
        if t is None:
            raise gdb.GdbError("no task with pid %s" % arg)
        if int(t["on_cpu"]):
            raise gdb.GdbError("pid %s is running on CPU %d: use `thread %d` and `bt`" % (
                arg, int(t["cpu"]), int(t["cpu"]) + 1))
        sp = int(t["thread"]["sp"])
        rbp = read_ulong(sp + (STACK_REGS - 1) * 8)
        ret = read_ulong(sp + STACK_REGS * 8)
        gdb.write("#0  %s\n" % symbol(ret))
        n = 1
        while rbp and n < 40:
            try:
                ret = read_ulong(rbp + 8)
                rbp = read_ulong(rbp)
            except gdb.MemoryError:
                break
            if not ret:
                break
            gdb.write("#%-2d %s\n" % (n, symbol(ret)))
            n += 1


class LxListCheck(gdb.Command):
    """lx-list-check <expr>: walk the list_head at expr (an address or a list_head
expression) and check that every node's next->prev points back at it."""

    def __init__(self):
        super().__init__("lx-list-check", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        v = gdb.parse_and_eval(arg)
        head = int(v.address) if v.type.code != gdb.TYPE_CODE_PTR else int(v)
        node, prev, n = read_ulong(head), head, 0
        while node != head:
            if node == 0:
                raise gdb.GdbError("node %d: next of 0x%x is NULL" % (n, prev))
            if read_ulong(node + 8) != prev:
                raise gdb.GdbError("node %d at 0x%x: prev is 0x%x, expected 0x%x" % (
                    n, node, read_ulong(node + 8), prev))
            prev, node, n = node, read_ulong(node), n + 1
            if n > 1000000:
                raise gdb.GdbError("no end after 1000000 nodes (a cycle?)")
        if read_ulong(head + 8) != prev:
            raise gdb.GdbError("head's prev is 0x%x, expected 0x%x" % (read_ulong(head + 8), prev))
        gdb.write("list is consistent, %d nodes\n" % n)


class LxCurrent(gdb.Function):
    """$lx_current([cpu]): the task running on cpu (default: the selected thread's CPU)."""

    def __init__(self):
        super().__init__("lx_current")

    def invoke(self, cpu=None):
        return current_task(int(cpu) if cpu is not None else selected_cpu()).dereference()


class LxPerCpu(gdb.Function):
    """$lx_per_cpu("var"[, cpu]): the instance of a per-CPU variable on cpu."""

    def __init__(self):
        super().__init__("lx_per_cpu")

    def invoke(self, var, cpu=None):
        name = var.string()
        c = int(cpu) if cpu is not None else selected_cpu()
        sym = gdb.parse_and_eval(name)
        addr = per_cpu_addr(name, c)
        return gdb.parse_and_eval("*(%s *)%d" % (str(sym.type), addr))


def count_list(head_addr):
    n, node = 0, read_ulong(head_addr)
    while node != head_addr and node and n < 100000:
        n, node = n + 1, read_ulong(node)
    return n


def field_addr(base, typename, member):
    return base + ulong("&((%s *)0)->%s" % (typename, member))


class LxWorkqueues(gdb.Command):
    """Each workqueue: name, flags, and its pool_workqueues (pool, active/max, inactive)."""

    def __init__(self):
        super().__init__("lx-workqueues", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        for wq in list_entries(ulong("&workqueues"), "struct workqueue_struct", "list"):
            gdb.write("%-24s flags 0x%x\n" % (wq["name"].string(), int(wq["flags"])))
            head = field_addr(int(wq), "struct workqueue_struct", "pwqs")
            for pwq in list_entries(head, "struct pool_workqueue", "pwqs_node"):
                inact = count_list(field_addr(int(pwq), "struct pool_workqueue",
                                              "inactive_works"))
                gdb.write("    pool %-3d active %d/%d inactive %d\n" % (
                    int(pwq["pool"]["id"]), int(pwq["nr_active"]), int(pwq["max_active"]),
                    inact))


class LxPools(gdb.Command):
    """Each worker pool: CPU, counts, manager, pending work, and every worker (idle or busy
with its current work function)."""

    def __init__(self):
        super().__init__("lx-pools", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        for pool in list_entries(ulong("&wq_all_pools"), "struct worker_pool", "all_node"):
            mgr = pool["manager"]
            gdb.write("pool %d cpu %d flags 0x%x workers %d idle %d running %d manager %s\n" % (
                int(pool["id"]), int(pool["cpu"]), int(pool["flags"]), int(pool["nr_workers"]),
                int(pool["nr_idle"]), int(pool["nr_running"]),
                mgr["task"]["comm"].string() if int(mgr) else "-"))
            wl = field_addr(int(pool), "struct worker_pool", "worklist")
            for w in list_entries(wl, "struct work_struct", "entry"):
                gdb.write("    pending %s\n" % symbol(int(w["func"])))
            wh = field_addr(int(pool), "struct worker_pool", "workers")
            for wk in list_entries(wh, "struct worker", "node"):
                cur = int(wk["current_func"])
                gdb.write("    worker %-16s pid %-4d %s\n" % (
                    wk["task"]["comm"].string(), int(wk["task"]["pid"]),
                    ("busy in " + symbol(cur)) if cur else "idle"))


for cls in (LxPs, LxDmesg, LxCpus, LxRunqueues, LxBt, LxListCheck, LxCurrent, LxPerCpu,
            LxWorkqueues, LxPools):
    cls()
