#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs, from Debian 12's packages, what building, running and testing ZIP-CNN Explorer needs.
# Runs as root or through sudo; installs nothing that is already there. The Arm cross compiler,
# newlib and QEMU build and run the characterisation kit's test (docs/kit.md, label "kit").
set -e
PACKAGES="cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-svg-dev libqt6svg6 libgl-dev
  libqcustomplot-dev libqcustomplot2.1-qt6
  nlohmann-json3-dev libhdf5-dev libzip-dev libgtest-dev libgmock-dev libbenchmark-dev
  libflatbuffers-dev libonnx-dev libprotobuf-dev protobuf-compiler
  qt6-qpa-plugins fonts-dejavu-core
  xvfb xauth poppler-utils libgraphviz-dev
  clang libclang-rt-14-dev dpkg-dev file appstream desktop-file-utils
  gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm"
missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
echo "Installing:$missing"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
