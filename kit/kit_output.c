/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Text output with integer arithmetic only: no printf, no float formatting in the image. */
#include "kit.h"

void kit_puts(const char* s) {
    while (*s)
        kit_putchar(*s++);
}

void kit_put_u64(uint64_t v) {
    char digits[21];
    int n = 0;
    do {
        digits[n++] = (char)('0' + (int)(v % 10u));
        v /= 10u;
    } while (v);
    while (n)
        kit_putchar(digits[--n]);
}

void kit_put_ratio(uint64_t v, uint64_t div, int decimals) {
    if (div == 0) {
        kit_puts("nan");
        return;
    }
    kit_put_u64(v / div);
    uint64_t rest = v % div;
    char frac[20];
    int n = 0;
    /* Long division digit by digit: v may be near 2^64, so v * 10^decimals would overflow. */
    for (int i = 0; i < decimals && i < 19; ++i) {
        /* rest < div; rest * 10 overflows only for div > 2^60, far beyond any cycle count */
        rest *= 10u;
        frac[n++] = (char)('0' + (int)(rest / div));
        rest %= div;
    }
    while (n > 0 && frac[n - 1] == '0')
        --n;
    if (n == 0)
        return;
    kit_putchar('.');
    for (int i = 0; i < n; ++i)
        kit_putchar(frac[i]);
}

void kit_put_mhz(uint32_t khz) {
    kit_put_ratio(khz, 1000u, 3);
}
