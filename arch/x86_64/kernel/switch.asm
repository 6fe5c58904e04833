; Context switch and the first instructions of a new task.
;
; __switch_to_asm(prev_sp, next_sp, prev): only the callee-saved registers
; (rbp, rbx, r12-r15) and rsp are switched: the C caller has already
; saved everything else it needs, as for any call.  Returns prev in rax.
;
; A new task's stack is built by arch_setup_task_stack() (switch.c) so
; that the pops below load rbx = fn, r12 = arg, rbp = 0 and the ret lands
; in ret_from_fork, which finishes the switch in C (schedule_tail:
; run-queue unlock, interrupts on, preemption on), calls fn(arg), and
; exits with fn's return value if fn returns.

bits 64
section .text

global __switch_to_asm, ret_from_fork
extern schedule_tail, do_exit

__switch_to_asm:
	push rbp
	push rbx
	push r12
	push r13
	push r14
	push r15
	mov [rdi], rsp
	mov rsp, [rsi]
	pop r15
	pop r14
	pop r13
	pop r12
	pop rbx
	pop rbp
	mov rax, rdx
	ret

ret_from_fork:
	mov rdi, rax                    ; prev
	call schedule_tail
	mov rdi, r12
	call rbx                        ; fn(arg)
	mov rdi, rax
	call do_exit                    ; never returns
	ud2
