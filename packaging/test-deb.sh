#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the Debian package, checks what is in it, installs it the way a user would
# (apt-get install ./zipcnn_*.deb), runs the installed programs from a folder outside the source
# tree (with the source tree hidden when the kernel allows it), then removes the package and
# whatever apt brought in with it, so the machine is left as it was found.
#
#   sh packaging/test-deb.sh [BUILD_DIR]     default BUILD_DIR: build/package; JOBS=N (default 2)
#   sh packaging/test-deb.sh --reuse BUILD_DIR
#       packages an existing optimised build (the dev preset's RelWithDebInfo, -O2 -g as Debian
#       builds its packages; CPack strips the binaries) instead of configuring a release build:
#       the CI does this so that the same sources are not compiled a fourth time.
#
# Runs as root, or through sudo for apt-get. Needs what packaging/install-deps.sh installs.
# docs/packaging.md tells what the package holds and where its files go.
set -eu

src=$(cd "$(dirname "$0")/.." && pwd)
reuse=no
if [ "${1:-}" = "--reuse" ]; then
    reuse=yes
    shift
    [ -n "${1:-}" ] || { printf 'test-deb: --reuse needs a build folder\n' >&2; exit 2; }
fi
build=${1:-$src/build/package}
case $build in /*) ;; *) build=$PWD/$build ;; esac
jobs=${JOBS:-2}
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
app_id=io.github.zipcnn.explorer

step() { printf '\n== %s\n' "$*"; }
ok() { printf '  ok: %s\n' "$*"; }
fail() {
    printf 'test-deb: FAIL: %s\n' "$*" >&2
    exit 1
}
# Prints a log's end and fails with a message.
fail_log() {
    tail -n 40 "$1" >&2
    shift
    fail "$*"
}

for tool in cmake ninja cpack dpkg-deb dpkg-shlibdeps apt-get xvfb-run xauth file pdfinfo \
    desktop-file-validate appstreamcli; do
    command -v "$tool" >/dev/null 2>&1 || fail "'$tool' is missing: run sh packaging/install-deps.sh"
done

tmp=$(mktemp -d /tmp/zipcnn-deb.XXXXXX)
installed=no
cleanup() {
    status=$?
    if [ "$installed" = yes ]; then
        step "Removing the package"
        extra=""
        if [ -f "$tmp/before.txt" ]; then
            dpkg-query -W -f='${Package}\n' | sort >"$tmp/after.txt"
            extra=$(comm -13 "$tmp/before.txt" "$tmp/after.txt" | grep -vx zipcnn | tr '\n' ' ') || true
        fi
        # shellcheck disable=SC2086 # $extra is a list of package names
        if $SUDO env DEBIAN_FRONTEND=noninteractive apt-get remove -y -q zipcnn $extra \
            >"$tmp/remove.log" 2>&1; then
            ok "removed zipcnn${extra:+ and what apt installed with it: $extra}"
        else
            tail -n 20 "$tmp/remove.log" >&2
            printf 'test-deb: FAIL: apt-get remove zipcnn failed\n' >&2
            status=1
        fi
        if dpkg-query -W -f='${Status}' zipcnn 2>/dev/null | grep -q "ok installed"; then
            printf 'test-deb: FAIL: zipcnn is still installed\n' >&2
            status=1
        fi
    fi
    if [ "$status" -eq 0 ]; then
        rm -rf "$tmp"
    else
        printf 'test-deb: logs and files kept in %s\n' "$tmp" >&2
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ "$reuse" = yes ]; then
    step "Reusing the build in $build ($jobs jobs)"
    [ -f "$build/CMakeCache.txt" ] || fail "$build is not a configured build (no CMakeCache.txt)"
    type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt")
    case $type in
    Release | RelWithDebInfo) ;;
    *) fail "$build is a '$type' build; the package needs Release or RelWithDebInfo" ;;
    esac
    grep -q '^ZIPCNN_BUILD_GUI:BOOL=ON' "$build/CMakeCache.txt" ||
        fail "$build does not build the window (ZIPCNN_BUILD_GUI is off)"
else
    step "Configuring and building a release build in $build (tests off, $jobs jobs)"
    cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DZIPCNN_BUILD_TESTS=OFF \
        -DZIPCNN_BUILD_GUI=ON >"$tmp/configure.log" 2>&1 ||
        fail_log "$tmp/configure.log" "cmake configure failed (log above)"
fi
cmake --build "$build" -j "$jobs" >"$tmp/build.log" 2>&1 ||
    fail_log "$tmp/build.log" "the build failed (log above)"
ok "built"

step "Packaging with CPack"
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
[ -n "$version" ] || fail "no project version in $build/CMakeCache.txt"
arch=$(dpkg --print-architecture)
rm -rf "$build/deb"
(cd "$build" && cpack -G DEB -B "$build/deb") >"$tmp/cpack.log" 2>&1 ||
    fail_log "$tmp/cpack.log" "cpack failed (log above)"
deb=$build/deb/zipcnn_${version}_${arch}.deb
[ -f "$deb" ] || fail "cpack did not write $deb (found: $(ls "$build/deb"))"
ok "$deb ($(du -k "$deb" | cut -f1) KiB)"

step "Checking the control fields"
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = zipcnn ] || fail "Package is '$(field Package)', not zipcnn"
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', not $version"
[ "$(field Architecture)" = "$arch" ] || fail "Architecture is '$(field Architecture)'"
[ "$(field Section)" = science ] || fail "Section is '$(field Section)', not science"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
[ -n "$(field Description)" ] || fail "no Description"
depends=$(field Depends)
printf '  Depends: %s\n' "$depends"
# The names alone, one a line, each matched whole against an extended regular expression.
printf '%s\n' "$depends" | tr ',|' '\n' | sed 's/^ *//; s/ .*//' | grep . >"$tmp/depends.txt"
for need in libc6 'libstdc\+\+6' libqt6core6 libqt6gui6 libqt6widgets6 libqt6svg6 \
    'libqcustomplot2\.1-qt6' libzip4 'libhdf5-cpp-[0-9-]+' 'libhdf5-[0-9-]+' \
    'libonnx[0-9]+' 'libprotobuf[0-9]+' fonts-dejavu-core; do
    grep -Eqx "$need" "$tmp/depends.txt" ||
        fail "Depends lacks $need (dpkg-shlibdeps or CPACK_DEBIAN_PACKAGE_DEPENDS)"
done
ok "Package, Version, Architecture, Section, Maintainer, Description; Depends names Qt6, QCustomPlot, HDF5, libzip, ONNX, protobuf and the font"

step "Checking the contents"
dpkg-deb --contents "$deb" >"$tmp/contents.txt"
awk '{print $6}' "$tmp/contents.txt" | sed 's|^\./|/|; s|/$||' | grep -v '^$' | sort >"$tmp/paths.txt"
has() { grep -qx "$1" "$tmp/paths.txt" || fail "the package lacks $1"; }
for f in /usr/bin/zipcnn-cli /usr/bin/zipcnn-explorer \
    /usr/share/applications/$app_id.desktop /usr/share/metainfo/$app_id.metainfo.xml \
    /usr/share/icons/hicolor/scalable/apps/$app_id.svg \
    /usr/share/icons/hicolor/256x256/apps/$app_id.png /usr/share/doc/zipcnn/copyright; do
    has "$f"
done
for f in "$src"/luts/*.json; do has "/usr/share/zipcnn/luts/$(basename "$f")"; done
for f in "$src"/resources/examples/*.zipcnn.json; do has "/usr/share/zipcnn/examples/$(basename "$f")"; done
# Help > User Guide: the guide and every screenshot it shows.
has /usr/share/zipcnn/guide/user-guide.md
for f in $(grep -o '](screenshots/[^)]*)' "$src/docs/user-guide.md" | sed 's/^](//; s/)$//' | sort -u); do
    has "/usr/share/zipcnn/guide/$f"
done
grep -q '^/usr/share/zipcnn/measurements/.' "$tmp/paths.txt" || fail "the package has no measurements"
for f in mcus/mcu-catalogue.json benchmarks/mlperf_tiny.csv; do has "/usr/share/zipcnn/$f"; done
for f in "$src"/data/runtimes/*.json; do has "/usr/share/zipcnn/runtimes/$(basename "$f")"; done
# (the benchmark rows under /usr/share/zipcnn/benchmarks are data the runtimes were fitted on;
# the characterisation kit under /usr/share/zipcnn/kit is C sources and headers for the user's
# board, docs/kit.md)
for f in kit.h kit_main.c kit.ld README.md; do has "/usr/share/zipcnn/kit/$f"; done
if grep -v -e '^/usr/share/zipcnn/benchmarks' -e '^/usr/share/zipcnn/kit/' "$tmp/paths.txt" |
    grep -E 'tour|bench|test|gtest|gmock|\.a$|\.h$|/include/|/cmake/'; then
    fail "developer or test files (above) are in the package"
fi
if grep -v -e '^/usr/' -e '^/usr$' -e '^\.$' -e '^/$' "$tmp/paths.txt"; then
    fail "files (above) outside /usr"
fi
if awk '$2 != "root/root"' "$tmp/contents.txt" | grep .; then
    fail "files (above) not owned by root"
fi
# Everything but directories and programs must be readable by all, nothing writable by others.
if awk '$1 !~ /^d/ && $1 !~ /^-rw-r--r--/ && $1 !~ /^-rwxr-xr-x/ && $1 !~ /^l/' \
    "$tmp/contents.txt" | grep .; then
    fail "files (above) with unusual permissions"
fi
dpkg-deb -x "$deb" "$tmp/root"
if find "$tmp/root" -type f -exec file {} + | grep 'ELF.*, not stripped'; then
    fail "programs (above) are not stripped"
fi
ok "$(wc -l <"$tmp/paths.txt") paths, all under /usr, owned by root; programs stripped; LUTs, examples, measurements, user guide, desktop entry, icons, metainfo present; no developer tools"
release=$(sed -n 's/.*<release version="\([^"]*\)".*/\1/p' \
    "$tmp/root/usr/share/metainfo/$app_id.metainfo.xml" | head -n 1)
[ "$release" = "$version" ] ||
    fail "the newest release in packaging/$app_id.metainfo.xml is '$release', the project's version $version"
appstreamcli validate-tree --no-net "$tmp/root" >"$tmp/validate-tree.log" 2>&1 ||
    fail_log "$tmp/validate-tree.log" "appstreamcli validate-tree failed on the package's tree"
ok "AppStream metadata matches the version and validates with its desktop entry and icon"

step "Installing with apt-get, as a user would"
if dpkg-query -W -f='${Status}' zipcnn 2>/dev/null | grep -q "ok installed"; then
    printf '  note: zipcnn was already installed (%s); it is replaced, then removed at the end\n' \
        "$(dpkg-query -W -f='${Version}' zipcnn)"
fi
dpkg-query -W -f='${Package}\n' | sort >"$tmp/before.txt"
installed=yes
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$deb" >"$tmp/install.log" 2>&1 ||
    fail_log "$tmp/install.log" "apt-get install $deb failed (log above)"
[ "$(dpkg-query -W -f='${Status} ${Version}' zipcnn)" = "install ok installed $version" ] ||
    fail "dpkg does not report zipcnn $version as installed"
ok "zipcnn $version installed"

# The installed programs run in a fresh folder outside the source tree, with a fresh home, and
# when the kernel lets us, with the source tree hidden under an empty file system, so that they
# cannot fall back on the LUTs and examples of the sources.
mkdir -p "$tmp/work" "$tmp/home"
cd "$tmp/work"
hide=no
# shellcheck disable=SC2016 # $0, $1 and $@ are the inner shell's
if $SUDO unshare --mount --propagation private sh -c 'mount -t tmpfs tmpfs "$0"' "$src" \
    >/dev/null 2>&1; then
    hide=yes
fi
# shellcheck disable=SC2016 # $0, $1 and $@ are the inner shell's
run_installed() {
    if [ "$hide" = yes ]; then
        $SUDO unshare --mount --propagation private sh -c \
            'mount -t tmpfs tmpfs "$0" && cd "$1" && shift && exec "$@"' "$src" "$PWD" \
            env HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" "$@"
    else
        env HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" "$@"
    fi
}
if [ "$hide" = yes ]; then
    echo "  (the source tree $src is hidden from the installed programs)"
else
    echo "  note: cannot hide the source tree here (unshare refused); running with it visible"
fi

step "Running the installed zipcnn-cli in $tmp/work"
[ "$(command -v zipcnn-cli)" = /usr/bin/zipcnn-cli ] || fail "zipcnn-cli on PATH is '$(command -v zipcnn-cli)'"
out=$(run_installed /usr/bin/zipcnn-cli --version) || fail "zipcnn-cli --version failed"
[ "$out" = "zipcnn-cli $version" ] || fail "zipcnn-cli --version says '$out'"
ok "zipcnn-cli --version: $out"

run_installed /usr/bin/zipcnn-cli mcus --json >"$tmp/mcus.json" 2>"$tmp/mcus.err" ||
    fail_log "$tmp/mcus.err" "zipcnn-cli mcus --json failed"
files=$(sed -n 's/^ *"file": "\(.*\)",\{0,1\}$/\1/p' "$tmp/mcus.json" | sort -u)
nfound=$(printf '%s\n' "$files" | grep -c '/luts/') || true
nluts=$(find "$src/luts" -maxdepth 1 -name '*.json' | wc -l)
[ "$nfound" -eq "$nluts" ] || fail "zipcnn-cli mcus lists $nfound LUT files, luts/ has $nluts: $files"
if printf '%s\n' "$files" | grep -v '^/usr/share/zipcnn/luts/\|^/usr/share/zipcnn/mcus/'; then
    fail "zipcnn-cli read the profiles above from outside /usr/share/zipcnn/luts and /usr/share/zipcnn/mcus"
fi
printf '%s\n' "$files" | grep -qx /usr/share/zipcnn/mcus/mcu-catalogue.json ||
    fail "zipcnn-cli mcus did not read the installed MCU catalogue"
grep -q '"name": "STM32L496ZG"' "$tmp/mcus.json" || fail "zipcnn-cli mcus does not list STM32L496ZG"
grep -q '"basis": "datasheet"' "$tmp/mcus.json" || fail "zipcnn-cli mcus lists no datasheet-derived profile"
run_installed /usr/bin/zipcnn-cli runtimes --json >"$tmp/runtimes.json" 2>"$tmp/runtimes.err" ||
    fail_log "$tmp/runtimes.err" "zipcnn-cli runtimes --json failed"
grep -q '"id": "x-cube-ai-9"' "$tmp/runtimes.json" || fail "zipcnn-cli runtimes does not list x-cube-ai-9"
if sed -n 's/^ *"file": "\(.*\)",\{0,1\}$/\1/p' "$tmp/runtimes.json" | grep -v '^/usr/share/zipcnn/runtimes/'; then
    fail "zipcnn-cli read the runtime profiles above from outside /usr/share/zipcnn/runtimes"
fi
ok "zipcnn-cli mcus finds the $nfound installed LUTs and the MCU catalogue; runtimes reads /usr/share/zipcnn/runtimes"

# The characterisation kit comes from /usr/share/zipcnn/kit (the source tree is hidden).
run_installed /usr/bin/zipcnn-cli kit lenet5 -o "$tmp/kit" --mcu STM32L496ZG >"$tmp/kit.log" \
    2>&1 || fail_log "$tmp/kit.log" "zipcnn-cli kit lenet5 failed"
for f in kit.h kit_main.c kit_network.h Makefile kit.json; do
    [ -s "$tmp/kit/$f" ] || fail "zipcnn-cli kit did not write $f"
done
ok "zipcnn-cli kit writes the kit from /usr/share/zipcnn/kit"

run_installed /usr/bin/zipcnn-cli estimate lenet5 --mcu STM32L496ZG >"$tmp/estimate.txt" \
    2>"$tmp/estimate.err" || fail_log "$tmp/estimate.err" "zipcnn-cli estimate lenet5 --mcu STM32L496ZG failed"
sed 's/^/  | /' "$tmp/estimate.txt"
[ ! -s "$tmp/estimate.err" ] || fail_log "$tmp/estimate.err" "zipcnn-cli estimate wrote to stderr"
[ "$(sed -n 1p "$tmp/estimate.txt")" = "lenet5 on STM32L496ZG, fp32, pruning 0 %" ] ||
    fail "estimate: unexpected first line"
# LeNet5 in fp32: 61,706 parameters of 4 bytes plus code, and the thesis's RAM rule.
[ "$(sed -n 2p "$tmp/estimate.txt")" = "Flash 254,020 B, RAM 23,520 B" ] ||
    fail "estimate: unexpected Flash and RAM line"
grep -Eq '^clock MHz +latency +current mA +power +energy$' "$tmp/estimate.txt" ||
    fail "estimate: no table header"
# The text table is in human units (215 ms, 8.13 mJ); the figures are checked on the same
# command's CSV, whose units are fixed.
run_installed /usr/bin/zipcnn-cli estimate lenet5 --mcu STM32L496ZG --csv >"$tmp/estimate.csv" \
    2>"$tmp/estimate-csv.err" || fail_log "$tmp/estimate-csv.err" "zipcnn-cli estimate --csv failed"
# One row per characterised clock of the STM32L496ZG's LUT, each with four positive figures.
clocks=$(awk -F, 'NR > 1 && $2 > 0 && $3 > 0 && $4 > 0 && $5 > 0 {printf "%s ", $1}' "$tmp/estimate.csv")
[ "$clocks" = "0.1 0.2 0.4 0.8 1 2 4 8 16 24 32 48 64 80 " ] ||
    fail "estimate: clock rows are '$clocks'"
rows=$(awk 'NR > 5 && $1 ~ /^[0-9.]+$/' "$tmp/estimate.txt" | wc -l)
[ "$rows" -eq 14 ] || fail "estimate: the text table has $rows rows, not 14"
# At 80 MHz: the latency and the energy the calibrated model gives (thesis measurement: ~214 ms).
awk -F, '$1 == 80 {
        if ($2 < 204 || $2 > 225) { print "latency at 80 MHz " $2 " ms, expected 214.6 +- 5 %"; exit 1 }
        if ($5 * 1000 < 7.7 || $5 * 1000 > 8.6) { print "energy at 80 MHz " $5 * 1000 " mJ, expected 8.13 +- 5 %"; exit 1 }
    }' "$tmp/estimate.csv" >"$tmp/check80.txt" || fail "estimate: $(cat "$tmp/check80.txt")"
# The build tree's program reads the source tree's LUTs: the installed one must say the same.
"$build/app/cli/zipcnn-cli" estimate lenet5 --mcu STM32L496ZG >"$tmp/estimate-build.txt" ||
    fail "the build tree's zipcnn-cli estimate failed"
cmp -s "$tmp/estimate.txt" "$tmp/estimate-build.txt" ||
    fail "the installed zipcnn-cli and the build tree's disagree: $(diff "$tmp/estimate-build.txt" "$tmp/estimate.txt")"
ok "estimate: exit 0, header, Flash/RAM, 14 clocks 0.1-80 MHz, 80 MHz figures in range, same as the build tree's"

# The PDF report writer, when the build has it: zipcnn-cli finds it in /usr/lib/zipcnn.
if grep -qx /usr/lib/zipcnn/zipcnn-report "$tmp/paths.txt"; then
    run_installed /usr/bin/zipcnn-cli report /usr/share/zipcnn/examples/lenet5.zipcnn.json \
        -o "$tmp/work/report.pdf" >"$tmp/report.log" 2>&1 ||
        fail_log "$tmp/report.log" "zipcnn-cli report on the installed LeNet5 example failed"
    [ "$(head -c 5 "$tmp/work/report.pdf")" = "%PDF-" ] || fail "zipcnn-cli report wrote no PDF"
    pages=$(pdfinfo "$tmp/work/report.pdf" 2>/dev/null | sed -n 's/^Pages: *//p') || true
    [ "${pages:-0}" -ge 1 ] || fail "the report PDF has no pages (pdfinfo: '${pages:-}')"
    ok "zipcnn-cli report runs /usr/lib/zipcnn/zipcnn-report: a PDF of $pages pages"
fi

step "Starting the installed zipcnn-explorer under Xvfb"
[ "$(command -v zipcnn-explorer)" = /usr/bin/zipcnn-explorer ] || fail "zipcnn-explorer is not on PATH"
shot=$tmp/work/shot.png
# No QT_QPA_PLATFORM: the installed program must find its own (xcb) platform plugin.
run_installed env -u QT_QPA_PLATFORM timeout 180 xvfb-run -a -s "-screen 0 1280x900x24" \
    /usr/bin/zipcnn-explorer --screenshot "$shot" >"$tmp/gui.log" 2>&1 ||
    fail_log "$tmp/gui.log" "zipcnn-explorer --screenshot exited with status $? (log above)"
# The explorer's own complaints (a missing bundled example, a file it cannot open) start so.
if grep '^zipcnn-explorer:' "$tmp/gui.log"; then
    fail "zipcnn-explorer complained (above)"
fi
[ -f "$shot" ] || fail "zipcnn-explorer wrote no screenshot"
info=$(file -b "$shot")
size=$(wc -c <"$shot")
width=$(printf '%s\n' "$info" | sed -n 's/^PNG image data, \([0-9]*\) x \([0-9]*\).*/\1/p')
height=$(printf '%s\n' "$info" | sed -n 's/^PNG image data, \([0-9]*\) x \([0-9]*\).*/\2/p')
[ -n "$width" ] || fail "the screenshot is not a PNG: $info"
if [ "$width" -lt 640 ] || [ "$height" -lt 400 ]; then
    fail "the screenshot is only ${width}x$height"
fi
# A window of one colour compresses to a few KiB; the explorer with its graph, charts and
# table is tens of KiB.
[ "$size" -ge 30000 ] || fail "the screenshot is ${size} bytes: the window looks blank"
cp "$shot" "$build/deb/installed-explorer.png"
ok "exit 0, ${width}x$height PNG of $size bytes (kept as $build/deb/installed-explorer.png)"

step "Validating the installed desktop entry and AppStream metadata"
desktop-file-validate "/usr/share/applications/$app_id.desktop" ||
    fail "desktop-file-validate failed on the installed desktop entry"
appstreamcli validate --no-net "/usr/share/metainfo/$app_id.metainfo.xml" >"$tmp/validate.log" 2>&1 ||
    fail_log "$tmp/validate.log" "appstreamcli validate failed on the installed metadata"
ok "desktop-file-validate and appstreamcli validate pass"

cd "$src"
printf '\ntest-deb: PASS: %s (%s KiB)\n' "$deb" "$(du -k "$deb" | cut -f1)"
