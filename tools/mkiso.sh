#!/usr/bin/env bash
# tools/mkiso.sh KERNEL_ELF CMDLINE OUT_ISO -- make a GRUB (multiboot2, BIOS) bootable ISO.
#
# The ISO holds boot/kernel.elf (KERNEL_ELF without its DWARF debug sections, which GRUB
# would otherwise load into guest memory for nothing; the symbol table is kept. Set
# MKISO_STRIP=0 to copy the ELF unchanged) and boot/grub/grub.cfg generated from
# boot/grub.cfg.in with @CMDLINE@ replaced by CMDLINE (each whitespace-separated word
# single-quoted: spaces, `*`, `=`, `$` are safe).
# Only GRUB's i386-pc (BIOS) platform is used (-d /usr/lib/grub/i386-pc), so a UEFI-only
# host GRUB does not matter, and only the GRUB modules the config needs are installed.
#
# Does nothing if OUT_ISO is newer than KERNEL_ELF, the template and this script, and was
# made with the same CMDLINE (remembered in OUT_ISO.cmdline). The ISO is written to a
# temporary file and renamed, so an interrupted build never leaves a half-written ISO.
#
# Exit codes: 0 ISO up to date or built; 1 build failed (grub-mkrescue output on stderr);
#             2 bad usage or missing input.
set -euo pipefail

if [ $# -ne 3 ]; then
    echo "usage: tools/mkiso.sh KERNEL_ELF CMDLINE OUT_ISO" >&2
    exit 2
fi
kernel=$1 cmdline=$2 out=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
template=${GRUB_CFG_IN:-$here/../boot/grub.cfg.in}
grubdir=/usr/lib/grub/i386-pc
stamp=$out.cmdline

[ -f "$kernel" ]   || { echo "mkiso.sh: kernel '$kernel' not found" >&2; exit 2; }
[ -f "$template" ] || { echo "mkiso.sh: template '$template' not found" >&2; exit 2; }
[ -d "$grubdir" ]  || { echo "mkiso.sh: $grubdir missing (install grub-pc-bin, see tools/deps.sh)" >&2; exit 2; }

# Up to date?
if [ -f "$out" ] && [ -f "$stamp" ] && [ "$out" -nt "$kernel" ] && [ "$out" -nt "$template" ] \
   && [ "$out" -nt "${BASH_SOURCE[0]}" ] && cmp -s "$stamp" <(printf '%s' "$cmdline"); then
    exit 0
fi

# Quote each word of the command line for GRUB's script parser ('...' is literal there; a
# single quote inside a word becomes '\''). Words are not glob-expanded here (set -f).
quoted=""
set -f
read -r -d '' -a words <<<"$cmdline" || true
set +f
for w in ${words[@]+"${words[@]}"}; do
    quoted+="${quoted:+ }'${w//\'/\'\\\'\'}'"
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mkiso.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/root/boot/grub" "$(dirname "$out")"

if [ "${MKISO_STRIP:-1}" != 0 ] && command -v "${OBJCOPY:-objcopy}" >/dev/null 2>&1 \
   && "${OBJCOPY:-objcopy}" --strip-debug "$kernel" "$tmp/root/boot/kernel.elf" 2>/dev/null; then
    :
else
    cp "$kernel" "$tmp/root/boot/kernel.elf"
fi

# Generate grub.cfg line by line (no sed: the command line may contain any character).
while IFS= read -r line || [ -n "$line" ]; do
    while [[ $line == *@CMDLINE@* ]]; do
        line="${line%%@CMDLINE@*}${quoted}${line#*@CMDLINE@}"
    done
    printf '%s\n' "$line"
done <"$template" >"$tmp/root/boot/grub/grub.cfg"

rm -f "$stamp"
if ! grub-mkrescue -d "$grubdir" --fonts= --locales= --themes= \
        --install-modules="normal multiboot2 serial terminal iorw echo all_video gzio" \
        -o "$tmp/out.iso" "$tmp/root" >"$tmp/log" 2>&1; then
    cat "$tmp/log" >&2
    echo "mkiso.sh: grub-mkrescue failed (are xorriso and grub-pc-bin installed? see tools/deps.sh)" >&2
    exit 1
fi
mv -f "$tmp/out.iso" "$out"
printf '%s' "$cmdline" >"$stamp"
