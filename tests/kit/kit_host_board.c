/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The kit's board hooks and counter on the build machine, so that its kernels can run under
 * AddressSanitizer and UndefinedBehaviorSanitizer (tests/kit/run-kit-host-test.sh): every
 * arena offset, weight offset and index of a generated layer table is checked by a run. */
#define _POSIX_C_SOURCE 199309L
#include "kit.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

void kit_putchar(char c) {
    putchar(c);
}
int kit_set_clock_mhz(double mhz) {
    (void)mhz;
    return 0;
}
void kit_board_init(void) {}
void kit_marker(int on) {
    (void)on;
}
void kit_exit(int status) {
    exit(status);
}
const char* kit_counter_init(void) {
    return "host";
}
uint64_t kit_cycles(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}
