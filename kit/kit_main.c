/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The kit's run: at each clock of the list, the per-operation loops, then the network in FP32
 * and in INT8, timed as a whole (the measurement rows calibrate reads) and layer by layer.
 *
 * What it prints is a measurement CSV (docs/measurement-format.md) as it stands: one header,
 * one latency_ms row per (configuration, clock), and everything else on '#' comment lines,
 * which the CSV reader skips: the per-operation rows ("# op,") and the per-layer rows
 * ("# layer,"), each after a comment header naming its columns (docs/kit.md). */
#include "kit.h"
#include "kit_network.h"

uint8_t kit_arena[KIT_ARENA_BYTES] __attribute__((aligned(8)));

static const double clocks_mhz[] = KIT_CLOCKS_MHZ;
static uint64_t layer_cycles[KIT_LAYER_COUNT];

static void run_network(int int8) {
    for (int i = 0; i < KIT_LAYER_COUNT; ++i)
        kit_run_layer(&kit_layers[i], int8);
}

static void time_config(uint32_t khz, int int8) {
    const char* config = int8 ? "int8" : "fp32";
    for (int i = 0; i < KIT_LAYER_COUNT; ++i)
        if (kit_layers[i].kind == KIT_INPUT)
            kit_fill_input(&kit_layers[i], int8);
    run_network(int8); /* once untimed: caches, Flash prefetch and branch predictors warm up */

    /* The whole inference, KIT_REPEATS times: what calibrate fits. */
    kit_marker(1);
    const uint64_t t0 = kit_cycles();
    for (int r = 0; r < KIT_REPEATS; ++r)
        run_network(int8);
    const uint64_t total = kit_cycles() - t0;
    kit_marker(0);

    /* Layer by layer (the counter reads between layers cost a few cycles each). */
    for (int i = 0; i < KIT_LAYER_COUNT; ++i)
        layer_cycles[i] = 0;
    for (int r = 0; r < KIT_REPEATS; ++r)
        for (int i = 0; i < KIT_LAYER_COUNT; ++i) {
            const uint64_t s = kit_cycles();
            kit_run_layer(&kit_layers[i], int8);
            layer_cycles[i] += kit_cycles() - s;
        }
    kit_puts("# layer,mcu,config,freq_mhz,index,name,kind,cycles,latency_ms\n");
    for (int i = 0; i < KIT_LAYER_COUNT; ++i) {
        const kit_layer_t* l = &kit_layers[i];
        if (l->kind == KIT_INPUT || l->kind == KIT_ALIAS)
            continue;
        kit_puts("# layer," KIT_MCU_NAME ",");
        kit_puts(config);
        kit_putchar(',');
        kit_put_mhz(khz);
        kit_putchar(',');
        kit_put_u64((uint64_t)i);
        kit_putchar(',');
        kit_puts(l->name);
        kit_putchar(',');
        kit_puts(l->type);
        kit_putchar(',');
        kit_put_ratio(layer_cycles[i], KIT_REPEATS, 1);
        kit_putchar(',');
        kit_put_ratio(layer_cycles[i], (uint64_t)KIT_REPEATS * khz, 9);
        kit_putchar('\n');
    }
    kit_puts(KIT_MCU_NAME ",");
    kit_puts(config);
    kit_putchar(',');
    kit_put_mhz(khz);
    kit_puts(",latency_ms,");
    kit_put_ratio(total, (uint64_t)KIT_REPEATS * khz, 9);
    kit_putchar('\n');
}

int main(void) {
    kit_board_init();
    const char* counter = kit_counter_init();
    kit_layers_init();
    kit_puts("# zipcnn-kit ");
    kit_put_u64(KIT_FORMAT_VERSION);
    kit_puts(": network " KIT_NETWORK_NAME ", core " KIT_CORE_NAME ", counter ");
    kit_puts(counter);
    kit_puts(", repeats ");
    kit_put_u64(KIT_REPEATS);
    kit_puts(", op loops ");
    kit_put_u64(KIT_OP_LOOPS);
    kit_puts("\n# add current_ma rows measured over the timed loops to calibrate (docs/kit.md)\n");
    kit_puts("mcu,config,freq_mhz,metric,measured\n");
    int measured = 0;
    const int n = (int)(sizeof clocks_mhz / sizeof clocks_mhz[0]);
    for (int c = 0; c < n; ++c) {
        const uint32_t khz = (uint32_t)(clocks_mhz[c] * 1000.0 + 0.5);
        if (kit_set_clock_mhz(clocks_mhz[c]) != 0) {
            kit_puts("# clock ");
            kit_put_mhz(khz);
            kit_puts(" MHz skipped: kit_set_clock_mhz cannot set it (built for " KIT_STR(
                KIT_CLOCK_MHZ) " MHz)\n");
            continue;
        }
        kit_puts("# clock ");
        kit_put_mhz(khz);
        kit_puts(" MHz\n");
        kit_time_ops(khz);
        time_config(khz, 0);
        time_config(khz, 1);
        ++measured;
    }
    kit_puts("# zipcnn-kit end: ");
    kit_put_u64((uint64_t)measured);
    kit_puts(" of ");
    kit_put_u64((uint64_t)n);
    kit_puts(" clocks measured\n");
    kit_exit(measured > 0 ? 0 : 1);
    return 0;
}
