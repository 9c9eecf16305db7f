/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ZIP-CNN characterisation kit: what the kit's C files share (docs/kit.md).
 *
 * Portable C99 for Cortex-M, no vendor HAL. A board port implements the weak hooks below
 * (kit_putchar for a UART, kit_set_clock_mhz to change the clock, kit_marker to flag the timed
 * loops on a pin); the defaults write over semihosting and run at the build-time clock. */
#ifndef ZIPCNN_KIT_H
#define ZIPCNN_KIT_H

#include <stddef.h>
#include <stdint.h>

#define KIT_FORMAT_VERSION 1
#define KIT_STR_(x) #x
#define KIT_STR(x) KIT_STR_(x)

/* The clock the board runs at when kit_set_clock_mhz is not implemented (Makefile CLOCK_MHZ). */
#ifndef KIT_CLOCK_MHZ
#error "build with -DKIT_CLOCK_MHZ=<the core clock in MHz> (the Makefile's CLOCK_MHZ)"
#endif
/* Timed repeats of each inference (the mean is printed). */
#ifndef KIT_REPEATS
#define KIT_REPEATS 10
#endif
/* Iterations of each per-operation loop (Annex A.2 of the thesis). */
#ifndef KIT_OP_LOOPS
#define KIT_OP_LOOPS 10000
#endif
/* The MCU name written in the CSV's mcu column: the name of its LUT (zipcnn-cli mcus). */
#ifndef KIT_MCU_NAME
#define KIT_MCU_NAME "my-board"
#endif

/* ---- layers (the table is generated into kit_network.h by zipcnn-cli kit) ---- */
enum kit_kind {
    KIT_INPUT,
    KIT_CONV2D,
    KIT_DEPTHWISE_CONV2D,
    KIT_DENSE,
    KIT_AVG_POOL,
    KIT_MAX_POOL,
    KIT_GLOBAL_AVG_POOL,
    KIT_GLOBAL_MAX_POOL,
    KIT_BATCH_NORM,
    KIT_ACTIVATION,
    KIT_ADD,
    KIT_ZERO_PADDING,
    KIT_ALIAS /* Flatten, Reshape, Dropout: the same bytes, nothing runs */
};

enum kit_act { KIT_LINEAR, KIT_RELU, KIT_RELU6, KIT_SIGMOID, KIT_TANH, KIT_SOFTMAX };

typedef struct {
    const char* name;  /* the layer's name in the tool */
    const char* type;  /* the tool's layer kind (Conv2D, Dense, ...) */
    uint8_t kind;      /* enum kit_kind */
    uint8_t act;       /* enum kit_act: fused activation, or the Activation layer's */
    uint8_t n_in;      /* inputs (2 for Add) */
    int8_t shift;      /* INT8: right shift of the accumulator (synthetic requantisation) */
    int32_t in_off[2]; /* byte offsets of the inputs in the activation arena */
    int32_t out_off;   /* byte offset of the output */
    int16_t in_h, in_w, in_c;
    int16_t out_h, out_w, out_c; /* Dense: out_c = units, in_c = input width */
    int16_t k_h, k_w, s_h, s_w;  /* kernel (pool size) and strides */
    int16_t pad_top, pad_left;   /* zero padding before the first row and column */
    int16_t depth_mult;          /* DepthwiseConv2D */
    int32_t w_off, n_w;          /* weights in kit_weights_*: offset and count */
    int32_t b_off, n_b;          /* biases (BatchNorm: gamma, beta, mean, variance per channel) */
} kit_layer_t;

/* ---- the network's data (kit_network.h and kit_weights.c, generated) ---- */
extern const float kit_weights_f32[];
extern const int8_t kit_weights_i8[];
extern uint8_t kit_arena[]; /* activations, 8-byte aligned (kit_main.c) */

/* ---- board hooks (weak defaults in kit_board.c) ---- */
/* One character of output. Default: semihosting, one call per line (a debugger or QEMU must be
 * attached). Built with -DKIT_NO_SEMIHOSTING there is no default: the board file must define it. */
void kit_putchar(char c);
/* Switches the core clock to `mhz`; returns 0 when the core now runs at it. Default: 0 only for
 * KIT_CLOCK_MHZ (the clock the board was built for); any other clock is skipped. */
int kit_set_clock_mhz(double mhz);
/* Called once before anything is timed: caches, Flash prefetch, a UART, a marker pin. */
void kit_board_init(void);
/* 1 before a timed loop starts, 0 after it ends: drive a pin to trigger a current probe. */
void kit_marker(int on);
/* End of the run. Default: semihosting exit (QEMU quits), else an endless loop. */
void kit_exit(int status);

/* ---- cycle counter (kit_counter.c) ---- */
/* Picks DWT CYCCNT when the core has one and it counts, else SysTick; returns its name. */
const char* kit_counter_init(void);
/* Core clock cycles since kit_counter_init (64 bits: SysTick wraps are counted). */
uint64_t kit_cycles(void);

/* ---- output (kit_output.c) ---- */
void kit_puts(const char* s); /* no newline added */
void kit_put_u64(uint64_t v);
/* v / div printed with `decimals` decimals (trailing zeros dropped): integer arithmetic only,
 * so no printf or float formatting is linked. */
void kit_put_ratio(uint64_t v, uint64_t div, int decimals);
/* A clock in kHz printed in MHz ("80", "0.1"). */
void kit_put_mhz(uint32_t khz);

/* ---- what is timed ---- */
/* Prints the "# op," rows of the per-operation loops at the clock `khz` (kit_ops.c). */
void kit_time_ops(uint32_t khz);
/* Runs one layer in FP32 (int8 == 0) or INT8 (kit_layers.c). */
void kit_run_layer(const kit_layer_t* l, int int8);
/* Fills the lookup tables of sigmoid and tanh (not timed). */
void kit_layers_init(void);
/* Fills an Input layer's buffer with deterministic data (not timed). */
void kit_fill_input(const kit_layer_t* l, int int8);

#endif
