#ifndef _LINUX_IRQFLAGS_H
#define _LINUX_IRQFLAGS_H

#include <asm/irqflags.h>

#define local_irq_enable()		arch_local_irq_enable()
#define local_irq_disable()		arch_local_irq_disable()
#define local_irq_save(flags)		do { (flags) = arch_local_irq_save(); } while (0)
#define local_irq_restore(flags)	arch_local_irq_restore(flags)
#define local_save_flags(flags)		do { (flags) = arch_local_save_flags(); } while (0)
#define irqs_disabled()			arch_irqs_disabled_flags(arch_local_save_flags())
#define irqs_disabled_flags(flags)	arch_irqs_disabled_flags(flags)
#define raw_local_irq_save		local_irq_save
#define raw_local_irq_restore		local_irq_restore
#define lockdep_assert_irqs_disabled()	WARN_ON_ONCE(!irqs_disabled())
#define lockdep_assert_irqs_enabled()	WARN_ON_ONCE(irqs_disabled())

#endif
