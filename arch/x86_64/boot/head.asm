; Kernel entry from GRUB (multiboot2), 32-bit protected mode -> long mode.
;
; GRUB jumps to _start in 32-bit protected mode with paging off, EAX = the
; multiboot2 magic and EBX = the physical address of the information block.
; We check the magic and that the CPU has long mode (printing a message on
; COM1 and halting otherwise), build throw-away page tables that map the
; first 4 GiB three times (identity, the direct map at PAGE_OFFSET and the
; kernel image at KERNEL_VMA), enter long mode and call start_kernel() on
; the boot stack.  arch/x86_64/mm/paging.c replaces these tables with the
; real ones (permissions, NULL unmapped, all RAM) early in start_kernel().

%include "layout.inc"

section .multiboot progbits alloc noexec nowrite
align 8
mb2_header:
	dd 0xE85250D6                   ; multiboot2 magic
	dd 0                            ; architecture: i386 protected mode
	dd mb2_header_end - mb2_header
	dd -(0xE85250D6 + 0 + (mb2_header_end - mb2_header))
	; end tag
	dw 0, 0
	dd 8
mb2_header_end:

;
; A Xen PVH entry note (XEN_ELFNOTE_PHYS32_ENTRY = 18) pointing at _start.
; Nothing uses PVH for real: it lets `qemu-system-x86_64 -kernel kernel.elf`
; enter _start without a multiboot2 loader, which is how the test runner
; checks the wrong-magic path (scenario "badmagic").
section .note.Xen note alloc noexec nowrite align=4
	dd 4                            ; name size
	dd 4                            ; descriptor size
	dd 18                           ; type: PHYS32_ENTRY
	db "Xen", 0
	dd _start

section .boot.text progbits alloc exec nowrite
bits 32
global _start
_start:
	cli
	cld
	mov esp, boot_stack_top - KERNEL_VMA
	mov [mb_magic - KERNEL_VMA], eax
	mov [mb_info - KERNEL_VMA], ebx
	rdtsc                           ; kernel entry time for the boot report
	mov [boot_tsc - KERNEL_VMA], eax
	mov [boot_tsc - KERNEL_VMA + 4], edx

	cmp dword [mb_magic - KERNEL_VMA], MB2_MAGIC
	jne .bad_magic

	; long mode present? (CPUID 0x80000001 EDX bit 29)
	mov eax, 0x80000000
	cpuid
	cmp eax, 0x80000001
	jb .no_long_mode
	mov eax, 0x80000001
	cpuid
	test edx, 1 << 29
	jz .no_long_mode

	; PML4[0] and PML4[256] -> identity PDPT; PML4[511] -> high PDPT.
	mov eax, boot_pdpt - KERNEL_VMA
	or eax, 3
	mov [boot_pml4 - KERNEL_VMA + 0 * 8], eax
	mov [boot_pml4 - KERNEL_VMA + 256 * 8], eax
	mov eax, boot_pdpt_hi - KERNEL_VMA
	or eax, 3
	mov [boot_pml4 - KERNEL_VMA + 511 * 8], eax

	; boot_pdpt[0..3] -> boot_pd[0..3]; boot_pdpt_hi[510] -> boot_pd[0]
	mov ecx, 0
.fill_pdpt:
	mov eax, ecx
	shl eax, 12
	add eax, boot_pd - KERNEL_VMA
	or eax, 3
	mov [boot_pdpt - KERNEL_VMA + ecx * 8], eax
	inc ecx
	cmp ecx, 4
	jne .fill_pdpt
	mov eax, boot_pd - KERNEL_VMA
	or eax, 3
	mov [boot_pdpt_hi - KERNEL_VMA + 510 * 8], eax

	; 2048 2 MiB pages: physical 0 .. 4 GiB
	mov ecx, 0
.fill_pd:
	mov eax, ecx
	shl eax, 21
	or eax, 0x83                    ; present, writable, 2 MiB page
	mov [boot_pd - KERNEL_VMA + ecx * 8], eax
	mov eax, ecx
	shr eax, 11                     ; bits 32.. of the address
	mov [boot_pd - KERNEL_VMA + ecx * 8 + 4], eax
	inc ecx
	cmp ecx, 2048
	jne .fill_pd

	mov eax, boot_pml4 - KERNEL_VMA
	mov cr3, eax
	mov eax, cr4
	or eax, (1 << 5)                ; PAE
	mov cr4, eax
	mov ecx, 0xC0000080             ; EFER
	rdmsr
	or eax, (1 << 8) | (1 << 11)    ; LME, NXE
	wrmsr
	mov eax, cr0
	or eax, (1 << 31) | (1 << 16) | 1 ; PG, WP, PE
	mov cr0, eax

	lgdt [boot_gdt_ptr]
	jmp 0x08:long_mode_low

.bad_magic:
	mov esi, msg_bad_magic
	jmp .die
.no_long_mode:
	mov esi, msg_no_lm
.die:
	mov dx, 0x3FD                   ; polled 16550 output on COM1
.wait_thr:
	in al, dx
	test al, 0x20
	jz .wait_thr
	lodsb
	test al, al
	jz .halt
	mov dx, 0x3F8
	out dx, al
	jmp .die
.halt:
	cli
	hlt
	jmp .halt

bits 64
long_mode_low:
	mov ax, 0x10
	mov ds, ax
	mov es, ax
	mov ss, ax
	xor eax, eax
	mov fs, ax
	mov gs, ax
	mov rax, long_mode_high
	jmp rax

section .boot.data progbits alloc noexec write
align 16
boot_gdt:
	dq 0
	dq 0x00AF9A000000FFFF           ; 0x08: 64-bit code
	dq 0x00CF92000000FFFF           ; 0x10: data
boot_gdt_end:
boot_gdt_ptr:
	dw boot_gdt_end - boot_gdt - 1
	dd boot_gdt
msg_bad_magic:
	db "boot: not started by a multiboot2 loader (bad magic in EAX); halting", 13, 10, 0
msg_no_lm:
	db "boot: this CPU has no long mode (x86_64); halting", 13, 10, 0

section .text.entry
bits 64
extern start_kernel
long_mode_high:
	mov rsp, boot_stack_top
	xor ebp, ebp
	mov edi, [mb_magic]
	mov esi, [mb_info]
	push 0                          ; return address 0: the end of every backtrace
	jmp start_kernel                ; (never returns)

section .bss
align 4096
global boot_pml4
boot_pml4:      resb 4096
boot_pdpt:      resb 4096
boot_pdpt_hi:   resb 4096
boot_pd:        resb 4 * 4096
global boot_stack_bottom, boot_stack_top
boot_stack_bottom:
	resb 16384
boot_stack_top:

section .data
global mb_magic, mb_info, boot_tsc
mb_magic: dd 0
mb_info:  dd 0
align 8
boot_tsc: dq 0
