# SPDX-License-Identifier: GPL-3.0-or-later
# The Debian package `zipcnn`: `cpack -G DEB` in a build tree gives zipcnn_<version>_<arch>.deb with
# everything the install rules put under the prefix (the programs, the LUTs, the examples, the
# measurements, the desktop entry, the icons, the AppStream metadata), installed under /usr so the
# programs find their data at <exe>/../share/zipcnn. packaging/test-deb.sh builds, installs and
# checks it; docs/packaging.md tells what is in it.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME zipcnn)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "ZIP-CNN Explorer maintainers")
set(CPACK_PACKAGE_CONTACT
    "ZIP-CNN Explorer maintainers <maintainers@users.noreply.h-seed-30195c5a.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "design-space explorer for CNN inference on microcontrollers")
# The Debian long description, in lines of less than 80 characters; no empty line.
string(CONCAT CPACK_PACKAGE_DESCRIPTION
  "ZIP-CNN Explorer estimates, for every candidate microcontroller and clock\n"
  "frequency, the latency, energy, power, Flash and RAM of one inference of a\n"
  "convolutional neural network, for the network as it is and for its INT8,\n"
  "pruned and distilled variants. It decomposes the network into primitives and\n"
  "costs each from per-MCU look-up tables calibrated on measurements (the ZIP-CNN\n"
  "method).\n"
  "This package holds the explorer window (zipcnn-explorer), the command line\n"
  "(zipcnn-cli), its PDF report writer and the look-up tables of the calibrated\n"
  "STM32 MCUs.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# The shared libraries the programs link (Qt, QCustomPlot, HDF5, libzip, ONNX's onnx_proto,
# protobuf, libstdc++) come from
# dpkg-shlibdeps. It cannot see what is only read at run time: the font the window, the charts
# and the reports are drawn with. Debian 12 ships the xcb and offscreen platform plugins in
# libqt6gui6 itself, which the programs link; on Wayland the window runs through XWayland.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-dejavu-core")

include(CPack)
