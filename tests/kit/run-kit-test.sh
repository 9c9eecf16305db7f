#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The characterisation kit end to end (docs/kit.md): `zipcnn-cli kit lenet5` for a Cortex-M4
# and a Cortex-M7, built with arm-none-eabi-gcc, run under QEMU (mps2-an386, mps2-an500) to its
# end marker, and its CSV through `zipcnn-cli calibrate`. QEMU's timings mean nothing: this
# checks the pipeline and the format, not the numbers.
# usage: run-kit-test.sh ZIPCNN_CLI WORK_DIR. Exit 77 (CTest SKIP_RETURN_CODE) when a tool is
# missing.
set -u
cli=$1
work=$2

skip() {
    echo "SKIPPED: $1 (packaging/install-deps.sh installs gcc-arm-none-eabi," \
        "libnewlib-arm-none-eabi and qemu-system-arm)"
    exit 77
}
fail() {
    echo "FAILED: $1"
    exit 1
}
for tool in arm-none-eabi-gcc qemu-system-arm make timeout; do
    command -v "$tool" >/dev/null 2>&1 || skip "$tool not found"
done
mkdir -p "$work" || fail "cannot create $work"
# gcc-arm-none-eabi without libnewlib-arm-none-eabi compiles but cannot link.
printf 'int main(void) { return 0; }\n' >"$work/probe.c"
arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb --specs=nano.specs --specs=nosys.specs \
    "$work/probe.c" -o "$work/probe.elf" >/dev/null 2>&1 || skip "arm-none-eabi-gcc cannot link (newlib missing)"

start=$(date +%s)
run() {
    core=$1
    mcu=$2
    dir="$work/$core"
    rm -rf "$dir"
    "$cli" kit lenet5 -o "$dir" --core "$core" --mcu "$mcu" --clock 16 --repeats 2 \
        --op-loops 500 || fail "$core: zipcnn-cli kit"
    make -s -C "$dir" >"$dir/make.log" 2>&1 || { cat "$dir/make.log"; fail "$core: make"; }
    # -s: make's own lines would mix with the CSV
    timeout 60 make -s -C "$dir" run-qemu >"$dir/kit.csv" 2>"$dir/qemu.log" ||
        { cat "$dir/kit.csv" "$dir/qemu.log"; fail "$core: the QEMU run did not end well"; }
    grep -q '^# zipcnn-kit end: 1 of 1 clocks measured$' "$dir/kit.csv" ||
        { cat "$dir/kit.csv"; fail "$core: no end marker"; }
    ops=$(grep -c "^# op,$mcu,\(fp32\|int8\),16,\(copy\|add\|sub\|mul\|div\|exp\),[0-9.]*,[0-9.]*$" "$dir/kit.csv")
    [ "$ops" -eq 12 ] || fail "$core: $ops per-operation rows, expected 12"
    # lenet5: 2 conv, 2 pools, 3 dense per configuration (input and flatten run nothing)
    layers=$(grep -c "^# layer,$mcu,\(fp32\|int8\),16,[0-9]*,[a-z0-9]*,[A-Za-z0-9]*,[0-9.]*,[0-9.]*$" "$dir/kit.csv")
    [ "$layers" -eq 14 ] || fail "$core: $layers per-layer rows, expected 14"
    for config in fp32 int8; do
        grep -q "^$mcu,$config,16,latency_ms,[0-9.]*[1-9][0-9.]*$" "$dir/kit.csv" ||
            fail "$core: no positive $config latency row"
    done
    # The kit cannot measure current: on a board the probe's readings go here (docs/kit.md).
    # QEMU has none, so the test writes one fixed figure to let calibrate run.
    {
        echo "# test only: a fixed current stands in for the probe's reading"
        echo "$mcu,fp32,16,current_ma,10"
        echo "$mcu,int8,16,current_ma,10"
    } >>"$dir/kit.csv"
    "$cli" calibrate "$dir/kit.json" --mcu "$mcu" --out "$dir/calibrated.json" \
        >"$dir/calibrate.log" 2>&1 || { cat "$dir/calibrate.log"; fail "$core: calibrate"; }
    grep -Eq "^lenet5 +fp32 +1 " "$dir/calibrate.log" && grep -Eq "^lenet5 +int8 +1 " "$dir/calibrate.log" ||
        { cat "$dir/calibrate.log"; fail "$core: calibrate did not fit the fp32 and int8 points"; }
    grep -q '"calibration"' "$dir/calibrated.json" || fail "$core: no calibration written"
    echo "$core ($mcu): built, ran to its end under QEMU, calibrated"
}
run cortex-m4 STM32L496ZG
run cortex-m7 STM32F746ZG
echo "kit test: $(($(date +%s) - start)) s"
