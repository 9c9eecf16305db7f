/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Start-up without a vendor file: the vector table, .data and .bss, the FPU, then main().
 * Only SysTick's interrupt is used (kit_counter.c), so the table stops after it. */
#include "kit.h"

extern uint32_t _sidata, _sdata, _edata, _sbss, _ebss, _estack;
int main(void);
void SysTick_Handler(void);

void Reset_Handler(void) {
#if defined(__ARM_FP)
    /* CP10 and CP11 full access, before any floating-point instruction */
    *(volatile uint32_t*)0xE000ED88u |= 0xFu << 20;
    __asm volatile("dsb\n isb" ::: "memory");
#endif
    for (uint32_t *s = &_sidata, *d = &_sdata; d < &_edata;)
        *d++ = *s++;
    for (uint32_t* d = &_sbss; d < &_ebss;)
        *d++ = 0u;
    kit_exit(main());
}

/* A fault ends the run with a line saying so, rather than a silent hang. */
static void fault(const char* what) {
    kit_puts("# zipcnn-kit fault: ");
    kit_puts(what);
    kit_putchar('\n');
    kit_exit(3);
}
void NMI_Handler(void) {
    fault("NMI");
}
void HardFault_Handler(void) {
    fault("hard fault");
}
void MemManage_Handler(void) {
    fault("memory management fault");
}
void BusFault_Handler(void) {
    fault("bus fault");
}
void UsageFault_Handler(void) {
    fault("usage fault");
}
static void Default_Handler(void) {
    fault("unexpected interrupt");
}

typedef void (*kit_vector_t)(void);
__attribute__((section(".isr_vector"), used)) const kit_vector_t kit_vectors[16] = {
    (kit_vector_t)(uintptr_t)&_estack,
    Reset_Handler,
    NMI_Handler,
    HardFault_Handler,
    MemManage_Handler,
    BusFault_Handler,
    UsageFault_Handler,
    0,
    0,
    0,
    0,
    Default_Handler, /* SVCall */
    Default_Handler, /* DebugMonitor */
    0,
    Default_Handler, /* PendSV */
    SysTick_Handler,
};
