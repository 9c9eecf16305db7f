/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The cycle counter: DWT CYCCNT where the core has one and it runs (Cortex-M3/M4/M7/M33/M55),
 * else SysTick (Cortex-M0/M0+, a locked DWT, or an emulator without one, such as QEMU).
 *
 * Both count core clock cycles. They are extended to 64 bits: SysTick's 24-bit wraps are
 * counted by its interrupt, and the same interrupt (every 2^24 cycles) folds the 32-bit CYCCNT
 * wraps, so a timed block may last longer than 2^32 cycles (54 s at 80 MHz). */
#include "kit.h"

#define REG(addr) (*(volatile uint32_t*)(addr))
#define DEMCR REG(0xE000EDFCu)
#define DWT_CTRL REG(0xE0001000u)
#define DWT_CYCCNT REG(0xE0001004u)
#define DWT_LAR REG(0xE0001FB0u)
#define SYST_CSR REG(0xE000E010u)
#define SYST_RVR REG(0xE000E014u)
#define SYST_CVR REG(0xE000E018u)

#define SYSTICK_RELOAD 0x00FFFFFFu

static volatile uint32_t systick_wraps;
static int use_dwt;
static uint32_t dwt_last;
static uint64_t dwt_high; /* 2^32 multiples folded so far */
static uint64_t systick_last;

/* CYCCNT extended to 64 bits; interrupts off so that the SysTick handler and the main code
 * do not fold the same wrap twice. */
static uint64_t dwt_cycles(void) {
    uint32_t primask;
    __asm volatile("mrs %0, primask\n cpsid i" : "=r"(primask)::"memory");
    const uint32_t now = DWT_CYCCNT;
    if (now < dwt_last)
        dwt_high += (uint64_t)1 << 32;
    dwt_last = now;
    const uint64_t v = dwt_high | now;
    __asm volatile("msr primask, %0" ::"r"(primask) : "memory");
    return v;
}

void SysTick_Handler(void) {
    ++systick_wraps;
    if (use_dwt)
        (void)dwt_cycles();
}

static uint64_t systick_cycles(void) {
    uint32_t w1 = systick_wraps;
    uint32_t v = SYST_CVR;
    const uint32_t w2 = systick_wraps;
    if (w1 != w2) { /* wrapped while reading: read again under the new count */
        v = SYST_CVR;
        w1 = w2;
    }
    uint64_t c = (uint64_t)w1 * (SYSTICK_RELOAD + 1u) + (SYSTICK_RELOAD - (v & SYSTICK_RELOAD));
    /* A wrap whose interrupt has not run yet reads as time going back by one period. */
    if (c < systick_last)
        c += SYSTICK_RELOAD + 1u;
    systick_last = c;
    return c;
}

uint64_t kit_cycles(void) {
    return use_dwt ? dwt_cycles() : systick_cycles();
}

#if !defined(__ARM_ARCH_6M__) && !defined(__ARM_ARCH_8M_BASE__) && !defined(KIT_FORCE_SYSTICK)
/* True when CYCCNT exists, could be enabled and advances. */
static int dwt_start(void) {
    DEMCR |= 1u << 24;         /* TRCENA: power the DWT */
    DWT_LAR = 0xC5ACCE55u;     /* Cortex-M7: unlock the DWT registers (ignored elsewhere) */
    if (DWT_CTRL & (1u << 25)) /* NOCYCCNT */
        return 0;
    DWT_CYCCNT = 0;
    DWT_CTRL |= 1u;
    const uint32_t a = DWT_CYCCNT;
    for (volatile int i = 0; i < 64; ++i) {
    }
    return DWT_CYCCNT != a;
}
#endif

const char* kit_counter_init(void) {
    /* SysTick runs in both cases: it counts cycles itself, or it folds the CYCCNT wraps. */
    SYST_CSR = 0;
    SYST_RVR = SYSTICK_RELOAD;
    SYST_CVR = 0;
    systick_wraps = 0;
    systick_last = 0;
    SYST_CSR = 7u; /* core clock, interrupt, enable */
#if !defined(__ARM_ARCH_6M__) && !defined(__ARM_ARCH_8M_BASE__) && !defined(KIT_FORCE_SYSTICK)
    if (dwt_start()) {
        dwt_last = DWT_CYCCNT;
        dwt_high = 0;
        use_dwt = 1;
        return "dwt";
    }
#endif
    use_dwt = 0;
    return "systick";
}
