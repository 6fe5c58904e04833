#!/usr/bin/env python3
"""Turn `nm -n kernel` output into the kernel's embedded symbol table.

Usage: gensyms.py NM_OUTPUT > ksyms.asm

Emits a NASM file with section .ksyms holding every text symbol of the
kernel image, sorted by address: ksym_num (u64), ksym_addrs (u64 each),
ksym_name_offs (u32 each, into ksym_names) and ksym_names (NUL-separated).
kernel/kallsyms.c binary-searches it to symbolize backtraces.  Given
/dev/null it emits an empty table (the first link pass).
"""
import sys

KERNEL_VMA = 0xFFFFFFFF80000000


def main():
    syms = []
    with open(sys.argv[1]) as f:
        for line in f:
            parts = line.split()
            if len(parts) != 3 or parts[1] not in "tTwW":
                continue
            addr = int(parts[0], 16)
            name = parts[2]
            if addr < KERNEL_VMA or name.startswith((".L", "ksym_")):
                continue
            if name.startswith("__") and name.endswith(("_start", "_end")):
                continue        # linker-script markers, not functions
            syms.append((addr, name))
    syms.sort()
    out = ["section .ksyms progbits alloc noexec nowrite align=8",
           "global ksym_num, ksym_addrs, ksym_name_offs, ksym_names",
           "ksym_num: dq %d" % len(syms),
           "ksym_addrs:"]
    out += ["\tdq 0x%x" % a for a, _ in syms]
    out.append("ksym_name_offs:")
    off = 0
    for _, n in syms:
        out.append("\tdd %d" % off)
        off += len(n) + 1
    out.append("ksym_names:")
    for _, n in syms:
        out.append('\tdb "%s", 0' % n)
    out.append("\tdb 0")
    print("\n".join(out))


if __name__ == "__main__":
    main()
