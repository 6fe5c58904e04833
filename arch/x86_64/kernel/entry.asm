; Interrupt and exception entry.
;
; One stub per vector pushes a dummy error code (when the CPU pushes none)
; and the vector number, then jumps to the common path, which saves the
; general registers as a struct pt_regs (include/asm/ptrace.h), builds a
; fake stack frame [interrupted rbp][interrupted rip] so backtraces run
; through the interrupt, and calls do_interrupt(regs).  Everything runs in
; ring 0 with the kernel's GS, so there is no SWAPGS.

bits 64
section .text

extern do_interrupt

%macro STUB 1
align 16
isr_stub_%1:
%if (%1 = 8) || (%1 >= 10 && %1 <= 14) || (%1 = 17) || (%1 = 21) || (%1 = 29) || (%1 = 30)
	; the CPU pushed an error code
%else
	push 0
%endif
	push %1
	jmp interrupt_common
%endmacro

%assign v 0
%rep 256
	STUB v
%assign v v + 1
%endrep

interrupt_common:
	push rax
	push rbx
	push rcx
	push rdx
	push rsi
	push rdi
	push rbp
	push r8
	push r9
	push r10
	push r11
	push r12
	push r13
	push r14
	push r15
	cld
	push qword [rsp + 17 * 8]       ; interrupted rip
	push rbp                        ; interrupted rbp
	mov rbp, rsp
	lea rdi, [rsp + 16]             ; struct pt_regs *
	call do_interrupt
	add rsp, 16
	pop r15
	pop r14
	pop r13
	pop r12
	pop r11
	pop r10
	pop r9
	pop r8
	pop rbp
	pop rdi
	pop rsi
	pop rdx
	pop rcx
	pop rbx
	pop rax
	add rsp, 16                     ; vector, error code
	iretq

section .rodata
global isr_stub_table
isr_stub_table:
%assign v 0
%rep 256
	dq isr_stub_ %+ v
%assign v v + 1
%endrep
