#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The kit's kernels on the build machine under AddressSanitizer and UndefinedBehaviorSanitizer,
# for zoo networks that use every kernel (conv, depthwise, dense, pools, batch norm, add,
# padding, the activations), in FP32 and INT8: a wrong offset or index in a generated layer
# table is an error here, where on a board it would silently read the wrong bytes.
# usage: run-kit-host-test.sh ZIPCNN_CLI WORK_DIR SOURCE_DIR. Exit 77 without a C compiler.
set -u
cli=$1
work=$2
src=$3
cc=${CC:-cc}
command -v "$cc" >/dev/null 2>&1 || { echo "SKIPPED: no C compiler ($cc)"; exit 77; }
mkdir -p "$work" || exit 1
for model in lenet5 resnet8 mobilenet-v1-0.25; do
    dir="$work/$model"
    rm -rf "$dir"
    "$cli" kit "$model" -o "$dir" --core cortex-m4 --clock 16 >/dev/null ||
        { echo "FAILED: $model: zipcnn-cli kit"; exit 1; }
    "$cc" -std=c99 -O1 -g -Wall -Wextra -Werror -fsanitize=address,undefined \
        -fno-sanitize-recover=all -I"$dir" -DKIT_CLOCK_MHZ=16 -DKIT_REPEATS=1 \
        -DKIT_OP_LOOPS=250 "$src/kit_host_board.c" "$dir/kit_main.c" "$dir/kit_layers.c" \
        "$dir/kit_ops.c" "$dir/kit_output.c" "$dir/kit_weights.c" -lm -o "$dir/kit-host" \
        >"$dir/cc.log" 2>&1 || { cat "$dir/cc.log"; echo "FAILED: $model: host build"; exit 1; }
    ASAN_OPTIONS=detect_leaks=0 "$dir/kit-host" >"$dir/kit.csv" 2>"$dir/run.log" ||
        { cat "$dir/run.log"; echo "FAILED: $model: the kernels failed under the sanitizers"; exit 1; }
    grep -q '^# zipcnn-kit end: 1 of 1 clocks measured$' "$dir/kit.csv" ||
        { echo "FAILED: $model: no end marker"; exit 1; }
    echo "$model: FP32 and INT8 ran clean under ASan and UBSan"
done
