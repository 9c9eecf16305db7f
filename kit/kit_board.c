/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The board hooks' defaults (kit.h): semihosting output and exit, the build-time clock.
 * A board port overrides any of them by defining the same function in its own file
 * (docs/kit.md, "Your board"). */
#include "kit.h"

#ifndef KIT_NO_SEMIHOSTING
#define SYS_WRITE0 0x04
#define SYS_EXIT 0x18
#define ADP_STOPPED_APPLICATION_EXIT 0x20026
#define ADP_STOPPED_RUNTIME_ERROR 0x20023

/* An ARM semihosting call: the debugger (or QEMU with -semihosting-config enable=on) traps
 * the BKPT 0xAB. Without a debugger attached the BKPT faults: build UART ports with
 * -DKIT_NO_SEMIHOSTING. */
static int semihost(int op, const void* arg) {
    register int r0 __asm("r0") = op;
    register const void* r1 __asm("r1") = arg;
    __asm volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

/* One semihosting call per line: a call costs a debugger round trip (milliseconds). Nothing
 * is printed while a loop is timed, so the calls never fall inside a measurement. */
static char line[160];
static size_t line_len;

static void flush_line(void) {
    line[line_len] = '\0';
    (void)semihost(SYS_WRITE0, line);
    line_len = 0;
}

__attribute__((weak)) void kit_putchar(char c) {
    line[line_len++] = c;
    if (c == '\n' || line_len == sizeof line - 1)
        flush_line();
}

__attribute__((weak)) void kit_exit(int status) {
    if (line_len)
        flush_line();
    (void)semihost(SYS_EXIT, (const void*)(uintptr_t)(status == 0 ? ADP_STOPPED_APPLICATION_EXIT
                                                                  : ADP_STOPPED_RUNTIME_ERROR));
    for (;;) {
    }
}
#else
__attribute__((weak)) void kit_exit(int status) {
    (void)status;
    for (;;)
        __asm volatile("wfi");
}
#endif

__attribute__((weak)) int kit_set_clock_mhz(double mhz) {
    /* Compared in kHz: 0.1 MHz is not exact in binary. */
    return (uint32_t)(mhz * 1000.0 + 0.5) == (uint32_t)((KIT_CLOCK_MHZ)*1000.0 + 0.5) ? 0 : -1;
}

__attribute__((weak)) void kit_board_init(void) {}

__attribute__((weak)) void kit_marker(int on) {
    (void)on;
}
