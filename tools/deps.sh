#!/usr/bin/env bash
# tools/deps.sh [--gdb] -- make sure the host tools to build and boot the kernel exist.
#
# Checks: qemu-system-x86_64, grub-mkrescue, xorriso, mformat (mtools), nasm, python3,
# GRUB's BIOS (i386-pc) modules in /usr/lib/grub/i386-pc, and with --gdb also gdb.
# On Debian/Ubuntu (apt-get present) installs whatever is missing with apt-get (after one
# `apt-get update`), as root or through sudo. Nothing is ever fetched from anywhere but apt.
# Prints nothing when everything is already present.
#
# Exit codes: 0  everything present (possibly after installing it)
#             1  something is missing and could not be installed (message on stderr)
#             2  bad usage
set -euo pipefail

want_gdb=0
for arg in "$@"; do
    case "$arg" in
        --gdb) want_gdb=1 ;;
        -h|--help) sed -n '2,12s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) echo "deps.sh: unknown argument '$arg' (usage: tools/deps.sh [--gdb])" >&2; exit 2 ;;
    esac
done

# command -> Debian package
checks=(
    "qemu-system-x86_64 qemu-system-x86"
    "grub-mkrescue grub-common"
    "xorriso xorriso"
    "mformat mtools"
    "nasm nasm"
    "python3 python3"
)
[ "$want_gdb" = 1 ] && checks+=("gdb gdb")

missing=()
for entry in "${checks[@]}"; do
    cmd=${entry%% *} pkg=${entry#* }
    command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
done
# grub-mkrescue needs the BIOS platform files to make a BIOS-bootable ISO.
[ -f /usr/lib/grub/i386-pc/moddep.lst ] || missing+=(grub-pc-bin grub-common)

[ ${#missing[@]} -eq 0 ] && exit 0

# de-duplicate, keep order
declare -A seen=()
pkgs=()
for p in "${missing[@]}"; do
    [ -n "${seen[$p]:-}" ] || { seen[$p]=1; pkgs+=("$p"); }
done

if ! command -v apt-get >/dev/null 2>&1; then
    echo "deps.sh: missing host tools; please install the packages providing: ${pkgs[*]}" >&2
    echo "deps.sh: (Debian/Ubuntu names; on other systems: QEMU for x86_64, GRUB 2 with BIOS/i386-pc" >&2
    echo "          modules and grub-mkrescue, xorriso, mtools, nasm, python3, gdb)" >&2
    exit 1
fi

if [ "$(id -u)" = 0 ]; then
    sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo=(sudo -n)
elif command -v sudo >/dev/null 2>&1 && [ -t 0 ]; then
    sudo=(sudo)            # interactive: let sudo ask for the password
else
    echo "deps.sh: missing packages: ${pkgs[*]}" >&2
    echo "deps.sh: not root and sudo is not usable; run as root: apt-get install -y ${pkgs[*]}" >&2
    exit 1
fi

echo "deps.sh: installing ${pkgs[*]} with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
apt_opts=(-o DPkg::Lock::Timeout=600 -o Dpkg::Use-Pty=0)
if ! "${sudo[@]}" apt-get "${apt_opts[@]}" update -qq >&2; then
    echo "deps.sh: apt-get update failed" >&2
    exit 1
fi
if ! "${sudo[@]}" apt-get "${apt_opts[@]}" install -y -qq --no-install-recommends "${pkgs[@]}" >&2; then
    echo "deps.sh: apt-get install ${pkgs[*]} failed" >&2
    exit 1
fi

# Verify: re-run the checks (without installing again).
still=()
for entry in "${checks[@]}"; do
    cmd=${entry%% *}
    command -v "$cmd" >/dev/null 2>&1 || still+=("$cmd")
done
[ -f /usr/lib/grub/i386-pc/moddep.lst ] || still+=(/usr/lib/grub/i386-pc)
if [ ${#still[@]} -gt 0 ]; then
    echo "deps.sh: still missing after apt-get install: ${still[*]}" >&2
    exit 1
fi
exit 0
