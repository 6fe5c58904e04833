# Build, run, test and debug the kernel.
#
#   make            build/kernel.elf (with symbols) and build/kernel.iso
#   make run        boot the ISO in QEMU, serial console on this terminal
#   make test       boot the test image on every CPU count in SMP_MATRIX
#   make bench      boot the benchmark image, print BENCH lines
#   make debug      QEMU halted with its GDB stub + GDB with the helpers
#
# Knobs: SMP, MEM, SMP_MATRIX, T (test glob), S (scenario glob: only those), CMDLINE, DEBUG=0|1, CC=clang,
# CROSS_COMPILE=x86_64-elf- (picked automatically when on PATH), ACCEL, V=1.

SMP        ?= 4
MEM        ?= 256M
SMP_MATRIX ?= 1 2 4 8
ACCEL      ?= tcg,thread=multi
DEBUG      ?= 1
T          ?=
CMDLINE    ?=
TEST_TIMEOUT ?= 180

ifeq ($(origin CROSS_COMPILE),undefined)
  ifneq ($(shell command -v x86_64-elf-gcc 2>/dev/null),)
    CROSS_COMPILE := x86_64-elf-
  endif
endif
ifeq ($(origin CC),default)
  CC := $(CROSS_COMPILE)gcc
endif
LD      := $(CROSS_COMPILE)ld
NM      := $(CROSS_COMPILE)nm
OBJCOPY := $(CROSS_COMPILE)objcopy
NASM    ?= nasm
PYTHON  ?= python3
QEMU    ?= qemu-system-x86_64

B ?= build

CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror \
	-Wno-unused-parameter -Wno-sign-compare -Wno-type-limits -Wmissing-prototypes \
	-ffreestanding -fno-builtin -nostdlib -fno-pic -fno-pie \
	-mcmodel=kernel -mno-red-zone -mno-mmx -mno-sse -mno-sse2 -mno-80387 \
	-fno-stack-protector -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer \
	-fno-strict-aliasing -fno-common -fno-asynchronous-unwind-tables \
	-nostdinc -isystem $(shell $(CC) -print-file-name=include) -Iinclude -MMD -MP
ifeq ($(findstring clang,$(CC)),)
  CFLAGS += -mgeneral-regs-only -fno-optimize-sibling-calls -fno-tree-loop-distribute-patterns
else
  CFLAGS += --target=x86_64-unknown-none-elf -fno-optimize-sibling-calls \
	-Wno-tautological-constant-out-of-range-compare
endif
ifeq ($(DEBUG),1)
  CFLAGS += -DCONFIG_DEBUG_KERNEL=1
endif
ifeq ($(NOTRACE),1)
  CFLAGS += -DCONFIG_NO_TRACE=1
endif
NASMFLAGS := -f elf64 -g -F dwarf -Iarch/x86_64/include/
LDFLAGS   := -nostdlib -n -z max-page-size=0x1000 -z noexecstack --no-warn-rwx-segments -T linker.ld

C_SRCS   := $(filter-out $(EXCLUDE),$(shell find arch kernel tests -name '*.c' | sort))
ASM_SRCS := $(shell find arch -name '*.asm' | sort)
OBJS     := $(C_SRCS:%.c=$(B)/%.o) $(ASM_SRCS:%.asm=$(B)/%.o)

# What a build depends on besides file contents, recorded in files that are
# rewritten only when the value changes (as kbuild records each command):
# the list of objects (a removed or added source relinks the kernel), the
# compiler and its flags (every object is rebuilt), the ISO's command line.
# $(call record,FILE,VALUE) runs while the Makefile is read.
record = $(file >$(1).new,$(2))$(shell cmp -s $(1).new $(1) && rm -f $(1).new || mv -f $(1).new $(1))
ifeq ($(filter clean,$(MAKECMDGOALS)),)
$(shell mkdir -p $(B))
$(call record,$(B)/.objs,$(OBJS))
$(call record,$(B)/.cflags,$(CC) $(CFLAGS) $(NASM) $(NASMFLAGS))
$(call record,$(B)/.ldflags,$(LD) $(LDFLAGS))
$(call record,$(B)/.cmdline,$(CMDLINE))
endif

.PHONY: all run test bench bench-compare trace debug deps clean
all: $(B)/kernel.elf $(B)/kernel.iso

# Each object is a "module" named after its file, as kbuild names built-in
# objects: KBUILD_MODNAME is the base name with '-' turned into '_'
# (list-test.c -> "list_test"); it prefixes the object's module parameters
# on the command line.  The objects of kernel/kunit/ are one module,
# "kunit", as Linux's kunit.ko (kunit.timeout=, kunit.filter_glob=).
modname = $(if $(filter kernel/kunit/%,$(1)),kunit,$(subst -,_,$(basename $(notdir $(1)))))

$(B)/%.o: %.c Makefile $(B)/.cflags
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS) -DKBUILD_MODNAME='"$(call modname,$*.o)"' -DKBUILD_BASENAME='"$(basename $(notdir $<))"' -c $< -o $@

$(B)/%.o: %.asm Makefile $(B)/.cflags
	@mkdir -p $(dir $@)
	@echo "  NASM    $<"
	@$(NASM) $(NASMFLAGS) -MD $(@:.o=.d) -MP $< -o $@

# The symbol table is linked into the image (kernel/kallsyms.c reads it).
# Pass 1 links with an empty table, pass 2 with pass 1's symbols; the table
# is the last section, so adding it moves no other symbol.  Pass 3 checks.
$(B)/kernel.elf: $(OBJS) $(B)/.objs $(B)/.ldflags linker.ld tools/gensyms.py
	@echo "  LD      $@"
	@$(PYTHON) tools/gensyms.py /dev/null > $(B)/ksyms0.asm
	@$(NASM) -f elf64 $(B)/ksyms0.asm -o $(B)/ksyms0.o
	@$(LD) $(LDFLAGS) -o $(B)/kernel.pass1 $(OBJS) $(B)/ksyms0.o
	@$(NM) -n $(B)/kernel.pass1 > $(B)/kernel.pass1.nm
	@$(PYTHON) tools/gensyms.py $(B)/kernel.pass1.nm > $(B)/ksyms.asm
	@$(NASM) -f elf64 $(B)/ksyms.asm -o $(B)/ksyms.o
	@$(LD) $(LDFLAGS) -o $@ $(OBJS) $(B)/ksyms.o
	@$(NM) -n $@ | grep -v -E ' [aA] |ksym|__image_end' > $(B)/kernel.nm
	@grep -v -E ' [aA] |ksym|__image_end' $(B)/kernel.pass1.nm | cmp -s - $(B)/kernel.nm || \
		{ echo "kallsyms: symbol addresses moved between link passes"; rm -f $@; exit 1; }
	@echo 'import gdb; gdb.execute("source $(CURDIR)/tools/gdb/kernel-gdb.py")' > $@-gdb.py

$(B)/kernel.iso: $(B)/kernel.elf $(B)/.cmdline tools/mkiso.sh boot/grub.cfg.in
	@echo "  ISO     $@"
	@tools/mkiso.sh $(B)/kernel.elf "$(CMDLINE)" $@

deps:
	@tools/deps.sh --gdb

QEMU_RUN = $(QEMU) -accel $(ACCEL) -cpu max -smp $(SMP) -m $(MEM) -no-reboot \
	-display none -serial mon:stdio -device isa-debug-exit,iobase=0xf4,iosize=0x04

run: deps all
	@echo "Booting (SMP=$(SMP) MEM=$(MEM)). Quit QEMU with Ctrl-A X."
	@$(QEMU_RUN) -cdrom $(B)/kernel.iso; st=$$?; [ $$st -eq 0 ] || [ $$st -eq 33 ] || [ $$st -eq 1 ]

test: deps $(B)/kernel.elf
	@$(PYTHON) tools/ktest.py --kernel $(B)/kernel.elf --mem $(MEM) \
		--smp "$(if $(filter command line,$(origin SMP)),$(SMP),$(SMP_MATRIX))" \
		$(if $(T),--filter '$(T)') $(if $(S),--scenarios '$(S)') --timeout $(TEST_TIMEOUT)

# Benchmarks run the production configuration (DEBUG=0: no lock-order checker, no
# poisoning), as the Linux reference is a production kernel; built in $(B)/bench.
bench: deps
	@$(MAKE) -s B=$(B)/bench DEBUG=0 $(B)/bench/kernel.elf
	@tools/mkiso.sh $(B)/bench/kernel.elf "bench$(if $(BENCH),=$(BENCH)) $(CMDLINE)" $(B)/bench.iso
	@$(QEMU) -accel $(if $(filter 1,$(ICOUNT)),tcg,$(ACCEL)) -cpu max -smp $(SMP) -m 512M -no-reboot -display none \
		-serial stdio -monitor none $(if $(filter 1,$(ICOUNT)),-icount shift=0) \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 -cdrom $(B)/bench.iso \
		</dev/null | tee $(B)/bench.log | grep '^BENCH'; true

# make trace SCENARIO=park: boot, run the scenario with tracing on, write
# build/trace-$(SCENARIO).txt, .json (Perfetto) and .png (needs python3-matplotlib).
SCENARIO ?= park
trace: deps $(B)/kernel.elf
	@/usr/bin/python3 -c 'import matplotlib' 2>/dev/null || \
		{ [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
		  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-matplotlib >/dev/null; } || \
		echo "make trace: install python3-matplotlib for the PNG timeline"
	@tools/mkiso.sh $(B)/kernel.elf "tracescenario=$(SCENARIO) quiet" $(B)/trace.iso
	@$(QEMU) -accel $(ACCEL) -cpu max -smp $(SMP) -m $(MEM) -no-reboot -display none \
		-serial stdio -monitor none -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-cdrom $(B)/trace.iso </dev/null > $(B)/trace-$(SCENARIO).txt; true
	@/usr/bin/python3 tools/trace2perfetto.py $(B)/trace-$(SCENARIO).txt \
		$(B)/trace-$(SCENARIO).json $(B)/trace-$(SCENARIO).png

bench-compare: deps $(B)/kernel.elf
	@$(PYTHON) tools/bench_compare.py --runs $(or $(RUNS),1)

debug: deps all
	@tools/debug.sh $(B)/kernel.elf $(B)/kernel.iso "$(SMP)" "$(MEM)"

clean:
	rm -rf $(B)

-include $(OBJS:.o=.d)
