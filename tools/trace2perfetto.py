#!/usr/bin/env python3
"""Convert a kernel trace dump (the `T <ns> <cpu> <event> <pid> <comm> <arg> <text>` lines
of `trace dump` / `make trace`) into Chrome/Perfetto trace JSON (open it in
ui.perfetto.dev or chrome://tracing) and, when matplotlib is available (Debian's
python3-matplotlib), a PNG timeline: one lane per CPU, one colour per task, markers for
park/unpark, CPU offline/online and marks; work items (wq_exec_start..end) as slices of
their own in the JSON and thin black bars in the PNG.

Usage: tools/trace2perfetto.py TRACE.txt OUT.json [OUT.png]
"""
import json
import sys


def parse(path):
    events = []
    with open(path, errors="replace") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 8 or parts[0] != "T":
                continue
            events.append({"ns": int(parts[1]), "cpu": int(parts[2]), "ev": parts[3],
                           "pid": int(parts[4]), "comm": parts[5], "arg": int(parts[6]),
                           "text": parts[7]})
    return events


def slices(events):
    """Per-CPU running intervals from sched_switch: (cpu, start_ns, end_ns, comm, pid)."""
    cur, out = {}, []
    end = max((e["ns"] for e in events), default=0)
    for e in events:
        if e["ev"] != "sched_switch":
            continue
        c = e["cpu"]
        if c in cur:
            s, comm, pid = cur[c]
            out.append((c, s, e["ns"], comm, pid))
        cur[c] = (e["ns"], e["comm"], e["pid"])
    for c, (s, comm, pid) in cur.items():
        out.append((c, s, end, comm, pid))
    return out


def work_slices(events):
    """Work items running: (cpu, start_ns, end_ns, function, worker pid), from the
    wq_exec_start/wq_exec_end pair of one worker."""
    start, out = {}, []
    for e in events:
        if e["ev"] == "wq_exec_start":
            start[e["pid"]] = e
        elif e["ev"] == "wq_exec_end" and e["pid"] in start:
            s = start.pop(e["pid"])
            out.append((s["cpu"], s["ns"], e["ns"], e["text"], e["pid"]))
    return out


def to_json(events, path):
    trace = []
    for c, s, e, fn, pid in work_slices(events):
        trace.append({"name": "work: %s" % fn, "ph": "X", "ts": s / 1000.0,
                      "dur": max((e - s) / 1000.0, 0.001), "pid": 1, "tid": c,
                      "args": {"worker pid": pid, "ended on cpu": c}})
    for c, s, e, comm, pid in slices(events):
        if comm.startswith("swapper"):
            continue
        trace.append({"name": "%s/%d" % (comm, pid), "ph": "X", "ts": s / 1000.0,
                      "dur": max((e - s) / 1000.0, 0.001), "pid": 0, "tid": c})
    for e in events:
        if e["ev"] == "sched_switch":
            continue
        name = e["ev"] if e["text"] == "-" else "%s: %s" % (e["ev"], e["text"])
        if e["pid"] >= 0:
            name += " %s/%d" % (e["comm"], e["pid"])
        trace.append({"name": name, "ph": "i", "s": "t", "ts": e["ns"] / 1000.0, "pid": 0,
                      "tid": e["cpu"], "args": {"arg": e["arg"]}})
    cpus = sorted({e["cpu"] for e in events})
    meta = [{"name": "process_name", "ph": "M", "pid": 0, "args": {"name": "tasks"}},
            {"name": "process_name", "ph": "M", "pid": 1, "args": {"name": "work items"}}]
    meta += [{"name": "thread_name", "ph": "M", "pid": p, "tid": c,
              "args": {"name": "CPU %d" % c}} for c in cpus for p in (0, 1)]
    with open(path, "w") as f:
        json.dump({"traceEvents": meta + trace, "displayTimeUnit": "ns"}, f)


def to_png(events, path):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        sys.stderr.write("trace2perfetto: no matplotlib (apt-get install python3-matplotlib); "
                         "PNG skipped\n")
        return False
    sl = slices(events)
    cpus = sorted({e["cpu"] for e in events})
    tasks = sorted({(comm, pid) for _, _, _, comm, pid in sl if not comm.startswith("swapper")})
    cmap = plt.get_cmap("tab20")
    colour = {t: cmap(i % 20) for i, t in enumerate(tasks)}
    nlegend = len(tasks) + 6
    fig, ax = plt.subplots(figsize=(14, max(1.0 + 0.7 * len(cpus), 0.8 + 0.19 * nlegend)))
    for c, s, e, comm, pid in sl:
        if comm.startswith("swapper"):
            continue
        ax.broken_barh([(s / 1e6, max((e - s) / 1e6, 0.02))], (c - 0.35, 0.7),
                       facecolors=colour[(comm, pid)])
    work = work_slices(events)
    rows = {}                        # per CPU: end of the last item in each row
    for c, s, e, fn, pid in sorted(work, key=lambda w: w[1]):
        ends = rows.setdefault(c, [])
        r = next((i for i, end in enumerate(ends) if end <= s), len(ends))
        if r == len(ends):
            ends.append(e)
        ends[r] = e
        h = 0.3 / max(4, r + 1)
        ax.broken_barh([(s / 1e6, max((e - s) / 1e6, 0.02))], (c + 0.37 - (r + 1) * h, h * 0.8),
                       facecolors="black")
    marks = {"kthread_park": ("v", "black"), "kthread_unpark": ("^", "green"),
             "cpu_offline": ("x", "red"), "cpu_online": ("+", "blue")}
    for e in events:
        if e["ev"] in marks:
            m, col = marks[e["ev"]]
            y = e["arg"] if e["ev"].startswith("cpu_") else e["cpu"]
            ax.plot(e["ns"] / 1e6, y + 0.45, marker=m, color=col, markersize=8)
    ax.set_yticks(cpus)
    ax.set_yticklabels(["CPU %d" % c for c in cpus])
    ax.set_xlabel("ms since trace start")
    ax.set_ylim(min(cpus) - 0.6, max(cpus) + 0.8)
    handles = [plt.Rectangle((0, 0), 1, 1, color=colour[t]) for t in tasks]
    labels = ["%s/%d" % t for t in tasks]
    if work:
        handles.append(plt.Rectangle((0, 0), 1, 1, color="black"))
        labels.append("a work item, start to return (sleeps included)")
    for name, (m, col) in marks.items():
        handles.append(plt.Line2D([], [], marker=m, color=col, linestyle="None"))
        labels.append(name)
    ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
    ax.set_title("kernel trace: one lane per CPU, one colour per task")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return True


def main():
    if len(sys.argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    events = parse(sys.argv[1])
    if not events:
        sys.stderr.write("trace2perfetto: no trace records in %s\n" % sys.argv[1])
        return 1
    to_json(events, sys.argv[2])
    print("wrote %s (%d events)" % (sys.argv[2], len(events)))
    if len(sys.argv) > 3 and to_png(events, sys.argv[3]):
        print("wrote %s" % sys.argv[3])
    return 0


if __name__ == "__main__":
    sys.exit(main())
