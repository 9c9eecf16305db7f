/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The per-operation loops of the thesis (Annex A.2): add, sub, mul, div and exp, in FP32 and
 * INT8, one operation per array element in a loop, timed with the cycle counter. Like the
 * thesis's tables (and the LUTs made from them), a row's cycles include the loop's own cost:
 * loading the operands, storing the result, the index and the branch. The "copy" row (c[i] =
 * a[i], no arithmetic) shows that cost alone; the tool's cost model expects it included
 * (docs/cost-model.md 1, "The LUT cycles include the characterisation loop's overhead").
 *
 * The empty asm statement in each loop body keeps one operation per element (no vectorisation
 * into SIMD lanes), and the barrier after each pass makes every pass's loads and stores
 * happen: the loops stay as written (checked in the disassembly with arm-none-eabi-objdump). */
#include "kit.h"

#include <math.h>

#define KIT_OP_N 250 /* elements per pass: small enough for any SRAM */
#if KIT_OP_LOOPS < KIT_OP_N
#define KIT_OP_PASSES 1
#else
#define KIT_OP_PASSES (KIT_OP_LOOPS / KIT_OP_N)
#endif

static float fa[KIT_OP_N], fb[KIT_OP_N], fc[KIT_OP_N];
static int8_t ia[KIT_OP_N], ib[KIT_OP_N], ic[KIT_OP_N];

/* The arrays' addresses go into the asm, so the compiler must assume it reads and writes them:
 * without this, static arrays nobody reads would let it delete the loops altogether. */
#define BARRIER()                                                                                  \
    __asm volatile("" ::"r"(fa), "r"(fb), "r"(fc), "r"(ia), "r"(ib), "r"(ic) : "memory")

#define TIME_OP(stmt, total)                                                                       \
    do {                                                                                           \
        kit_marker(1);                                                                             \
        const uint64_t t0_ = kit_cycles();                                                         \
        for (int p_ = 0; p_ < KIT_OP_PASSES; ++p_) {                                               \
            for (int i = 0; i < KIT_OP_N; ++i) {                                                   \
                stmt;                                                                              \
                __asm volatile("");                                                                \
            }                                                                                      \
            BARRIER();                                                                             \
        }                                                                                          \
        (total) = kit_cycles() - t0_;                                                              \
        kit_marker(0);                                                                             \
    } while (0)

static void init_operands(void) {
    for (int i = 0; i < KIT_OP_N; ++i) {
        /* exp's argument stays in [-4, 4): no overflow, no denormal */
        fa[i] = (float)((i * 37) % 80 - 40) / 10.0f;
        fb[i] = 0.5f + (float)((i * 11) % 50) / 25.0f; /* never 0: a divisor */
        ia[i] = (int8_t)((i * 37) % 9 - 4);
        ib[i] = (int8_t)(1 + (i * 13) % 11); /* 1..11: a divisor */
    }
    BARRIER();
}

static void print_op(uint32_t khz, const char* dtype, const char* op, uint64_t total) {
    const uint64_t n = (uint64_t)KIT_OP_PASSES * KIT_OP_N;
    kit_puts("# op," KIT_MCU_NAME ",");
    kit_puts(dtype);
    kit_putchar(',');
    kit_put_mhz(khz);
    kit_putchar(',');
    kit_puts(op);
    kit_putchar(',');
    kit_put_ratio(total, n, 3);
    kit_putchar(',');
    kit_put_ratio(total, n * khz, 12); /* ms = cycles / kHz */
    kit_putchar('\n');
}

void kit_time_ops(uint32_t khz) {
    uint64_t t;
    init_operands();
    kit_puts("# op,mcu,dtype,freq_mhz,op,cycles,latency_ms\n");
    TIME_OP(fc[i] = fa[i], t);
    print_op(khz, "fp32", "copy", t);
    TIME_OP(fc[i] = fa[i] + fb[i], t);
    print_op(khz, "fp32", "add", t);
    TIME_OP(fc[i] = fa[i] - fb[i], t);
    print_op(khz, "fp32", "sub", t);
    TIME_OP(fc[i] = fa[i] * fb[i], t);
    print_op(khz, "fp32", "mul", t);
    TIME_OP(fc[i] = fa[i] / fb[i], t);
    print_op(khz, "fp32", "div", t);
    TIME_OP(fc[i] = expf(fa[i]), t);
    print_op(khz, "fp32", "exp", t);
    TIME_OP(ic[i] = ia[i], t);
    print_op(khz, "int8", "copy", t);
    TIME_OP(ic[i] = (int8_t)(ia[i] + ib[i]), t);
    print_op(khz, "int8", "add", t);
    TIME_OP(ic[i] = (int8_t)(ia[i] - ib[i]), t);
    print_op(khz, "int8", "sub", t);
    TIME_OP(ic[i] = (int8_t)(ia[i] * ib[i]), t);
    print_op(khz, "int8", "mul", t);
    TIME_OP(ic[i] = (int8_t)(ia[i] / ib[i]), t);
    print_op(khz, "int8", "div", t);
    /* The thesis's INT8 exp costs what its FP32 exp does (Tables A.2, A.6, A.10): it goes
     * through the float library function; so does this one. */
    TIME_OP(ic[i] = (int8_t)expf((float)ia[i]), t);
    print_op(khz, "int8", "exp", t);
}
