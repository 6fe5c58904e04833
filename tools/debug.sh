#!/usr/bin/env bash
# tools/debug.sh KERNEL_ELF ISO SMP MEM -- `make debug`: QEMU halted with its GDB stub,
# and GDB attached with the kernel's symbols and the project's helpers.
#
# QEMU starts halted (-S) before the BIOS runs; GRUB later loads the kernel and enters it
# in 32-bit mode.  GDB is told the architecture explicitly (i386:x86-64), so the register
# packet is read as 64-bit from the first instruction on (no "g packet reply is too long"),
# and it stops at start_kernel through a *hardware* breakpoint: a software breakpoint set
# before GRUB has loaded the kernel would be overwritten by the load.  From start_kernel
# on, plain `break` works.  The kernel's serial console goes to build/debug-serial.log
# (watch it with `tail -f` in another terminal).  Extra GDB commands: GDB_EXTRA="-ex ...".
set -euo pipefail
kernel=$1 iso=$2 smp=${3:-4} mem=${4:-256M}
port=${GDB_PORT:-1234}
log=build/debug-serial.log
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

qemu-system-x86_64 -accel tcg,thread=multi -cpu max -smp "$smp" -m "$mem" -no-reboot \
    -display none -serial "file:$log" -monitor none -S -gdb "tcp:127.0.0.1:$port" \
    -device isa-debug-exit,iobase=0xf4,iosize=0x04 -cdrom "$iso" &
qemu=$!
trap 'kill $qemu 2>/dev/null || true' EXIT
echo "QEMU (pid $qemu) is halted with its GDB stub on :$port; serial console -> $log"

helpers=()
[ -f "$here/gdb/kernel-gdb.py" ] && helpers=(-ex "source $here/gdb/kernel-gdb.py")
# shellcheck disable=SC2086
gdb -q "$kernel" \
    -ex "set architecture i386:x86-64" \
    -ex "target remote 127.0.0.1:$port" \
    "${helpers[@]}" \
    -ex "hbreak start_kernel" \
    -ex "continue" \
    -ex "delete" \
    -ex "echo \\nStopped in start_kernel. Software breakpoints work from here; 'continue' to boot.\\n" \
    ${GDB_EXTRA:-}
