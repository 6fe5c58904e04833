; AP start-up trampoline, copied to TRAMPOLINE_PHYS (below 1 MiB) and
; entered in real mode at CS:IP = (TRAMPOLINE_PHYS >> 4):0 by the STARTUP
; IPI.  It goes straight from real mode to long mode (PAE, the kernel's own
; PML4, EFER.LME, then CR0.PG|PE at once) and jumps to ap_start64 in the
; kernel.  The boot CPU fills in tr_cr3 and tr_entry before sending SIPIs.
; All APs may run it at the same time: it writes no memory and uses no
; stack; each AP finds its own stack in ap_start64.

%include "layout.inc"
%define TR(x) (TRAMPOLINE_PHYS + (x) - trampoline_start)

section .trampoline progbits alloc exec nowrite
bits 16
global trampoline_start, trampoline_end, tr_cr3, tr_entry
trampoline_start:
	cli
	cld
	mov ax, cs
	mov ds, ax
	lgdt [tr_gdt_ptr - trampoline_start]
	mov eax, cr4
	or eax, (1 << 5) | (1 << 7)     ; PAE, PGE
	mov cr4, eax
	mov eax, [tr_cr3 - trampoline_start]
	mov cr3, eax
	mov ecx, 0xC0000080             ; EFER: LME, NXE
	rdmsr
	or eax, (1 << 8) | (1 << 11)
	wrmsr
	mov eax, cr0
	or eax, (1 << 31) | (1 << 16) | 1
	mov cr0, eax
	jmp dword 0x08:TR(tr_long)

bits 64
tr_long:
	mov ax, 0x10
	mov ds, ax
	mov es, ax
	mov ss, ax
	xor eax, eax
	mov fs, ax
	mov gs, ax
	mov rax, [TR(tr_entry)]
	jmp rax

align 8
tr_gdt:
	dq 0
	dq 0x00AF9A000000FFFF
	dq 0x00CF92000000FFFF
tr_gdt_ptr:
	dw 23
	dd TR(tr_gdt)
align 8
tr_cr3:   dq 0
tr_entry: dq 0
trampoline_end:

; In the kernel proper: find this CPU's logical number from its APIC ID,
; take its idle stack, and enter C.  An AP not in the table (or started
; after the boot CPU gave up on it) parks itself.
section .text
extern cpu_apic_id, ap_stack_top, ap_start_kernel, nr_cpu_slots
global ap_start64
ap_start64:
	mov eax, 1
	cpuid
	shr ebx, 24
	xor ecx, ecx
.find:
	cmp ecx, [nr_cpu_slots]
	jae .park
	cmp ebx, [cpu_apic_id + rcx * 4]
	je .found
	inc ecx
	jmp .find
.found:
	mov rsp, [ap_stack_top + rcx * 8]
	test rsp, rsp
	jz .park
	xor ebp, ebp
	mov edi, ecx
	push 0                          ; return address 0 ends backtraces (and GDB's)
	jmp ap_start_kernel             ; (never returns)
.park:
	cli
	hlt
	jmp .park
