#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Builds data/mcus/mcu-catalogue.json from the datasheet facts table (shared/data/mcus/mcu_facts.csv),
the thesis's measured currents (data/measurements/lenet5_measurements.csv) and the energy rows of
data/benchmarks/mlperf_tiny.csv. Run from the repository root:
    python3 tools/make_mcu_catalogue.py ../shared/data/mcus/mcu_facts.csv > data/mcus/mcu-catalogue.json
Every value keeps its source (the `provenance` of each MCU). Deterministic output (sorted keys)."""
import csv, json, re, statistics, sys

FACTS = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/mcus/mcu_facts.csv"
FACTS_REF = "shared/data/mcus/mcu_facts.csv (sources per field in its sources.md)"

ALIASES = {
    "STM32F746ZG": ["STM32F746NG", "STM32F746ZGT6", "STM32F746NGH6"],
    "STM32L4R5ZI": ["STM32L4R5", "STM32L4R5ZIT6", "STM32L4R5ZIT6U", "STM32L4R5ZIT6P"],
    "STM32H7A3ZI": ["STM32H7A3ZIT6Q", "STM32H7A3ZI (board NUCLEO-H7A3ZI-Q)", "STM32H7A3"],
    "STM32U385RG": ["STM32U385RGT6Q", "STM32U385"],
    "STM32U585AI": ["STM32U585AII6Q", "STM32U585"],
    "STM32U575ZI": ["STM32U575ZIT6Q", "STM32U575"],
    "STM32G0B1RE": ["STM32G0B1RET6"],
    "STM32L496ZG": ["STM32L496ZGT6", "STM32L496ZGT6P"],
    "STM32F446ZE": ["STM32F446ZET6"],
    "STM32H747XI": ["STM32H747XIH6"],
    "STM32F401RE": ["STM32F401RET6"],
    "STM32F769NI": ["STM32F769NIH6"],
    "nRF5340": ["NRF5340-QKAA", "nRF5340 (application core)"],
    "R7FA8D1": ["R7FA8D1AHECBD", "R7FA8D1BHECBD", "RA8D1"],
    "R7FA6M4": ["R7FA6M4AF3CFB", "RA6M4"],
    "M467": ["M467HJHAN", "M467HJHAE"],
    "EFR32MG24": ["EFR32MG24B310F1536IM48", "EFR32MG24B310F1536IM"],
    "CY8C624ABZI": ["CY8C624ABZI-S2D44", "PSoC 62"],
    "STM32N657X0": ["STM32N657X0H3Q"],
}
# Wait-state thresholds given on a bus clock that is a fraction of the CPU clock (sources.md caveats).
CLOCK_RATIO = {"R7FA8D1": 2.0, "STM32H747XI": 2.0}
THESIS = {"STM32L496ZG": (0.1, 80), "STM32F446ZE": (16, 180), "STM32F746ZG": (0.2, 216)}


def lead_number(text):
    m = re.match(r"\s*([0-9]+(?:\.[0-9]+)?)", text or "")
    return float(m.group(1)) if m else None


def wait_states(part, text, max_mhz):
    if not text or text.startswith("n/a"):
        return []
    first = text.split(";")[0]
    steps = []
    for m in re.finditer(r"(\d+)\s*(?:WS\s*)?(<=\s*([0-9.]+)|above)", first):
        ws = int(m.group(1))
        lim = float(m.group(3)) if m.group(3) else None
        steps.append([lim, ws])
    ratio = CLOCK_RATIO.get(part, 1.0)
    out = []
    for lim, ws in steps:
        lim = max_mhz if lim is None else lim * ratio
        lim = min(lim, max_mhz)
        if out and lim <= out[-1]["max_mhz"]:
            continue
        out.append({"max_mhz": round(lim, 3), "wait_states": ws})
    if out and out[-1]["max_mhz"] < max_mhz:
        # the table ends below the maximum clock (e.g. the LL constant for the top range)
        out.append({"max_mhz": max_mhz, "wait_states": out[-1]["wait_states"]})
    return out


def tcm(text):
    if not text or text.startswith("none"):
        return None
    i = re.search(r"ITCM\s*([0-9]+)", text)
    d = re.search(r"DTCM\s*([0-9]+)", text)
    return {"itcm_kib": int(i.group(1)) if i else None, "dtcm_kib": int(d.group(1)) if d else None}


def supply(text):
    m = re.match(r"\s*([0-9.]+)\s*-\s*([0-9.]+)\s*V", text or "")
    return (float(m.group(1)), float(m.group(2))) if m else (None, None)


def thesis_currents():
    """I = static + k f fitted (least squares) on the thesis's LeNet5 measured currents per MCU."""
    pts = {}
    for line in open("data/measurements/lenet5_measurements.csv"):
        if line.startswith("#") or line.startswith("mcu,"):
            continue
        mcu, config, f, metric, meas = line.strip().split(",")[:5]
        if metric == "current_ma":
            pts.setdefault(mcu, []).append((float(f), float(meas)))
    out = {}
    for mcu, p in pts.items():
        n = len(p)
        mf = sum(f for f, _ in p) / n
        mi = sum(i for _, i in p) / n
        k = sum((f - mf) * (i - mi) for f, i in p) / sum((f - mf) ** 2 for f, _ in p)
        out[mcu] = (max(mi - k * mf, 0.0), k * 1000.0, n)
    return out


def benchmark_currents(aliases):
    """Inference current I = E / (V t) of the CPU-only INT8 energy rows of the benchmark data, per MCU."""
    rows = list(csv.DictReader(open("data/benchmarks/mlperf_tiny.csv")))
    per = {}
    for r in rows:
        if not r["energy_uj"] or r["precision"] != "int8" or "Accelerator" in r["notes"]:
            continue
        m = re.search(r"Operating at ([0-9.]+)\s*V", r["notes"])
        if not m:
            continue
        if "external SMPS" in r["notes"]:
            continue  # a board supply configuration of its own (see the catalogue notes)
        v = float(m.group(1))
        name = aliases.get(r["mcu"].lower())
        if not name:
            continue
        i_ma = float(r["energy_uj"]) / (v * float(r["latency_ms"]))
        per.setdefault(name, []).append((i_ma, float(r["clock_mhz"]), v))
    out = {}
    for name, p in per.items():
        f = p[0][1]
        out[name] = (statistics.median(i for i, _, _ in p) / f * 1000.0, len(p), f,
                     sorted(set(v for _, _, v in p)))
    return out


def main():
    rows = list(csv.DictReader(open(FACTS, encoding="utf-8")))
    alias_map = {}
    for r in rows:
        alias_map[r["part"].lower()] = r["part"]
        for a in ALIASES.get(r["part"], []):
            alias_map[a.lower()] = r["part"]
    thesis = thesis_currents()
    bench = benchmark_currents(alias_map)
    mcus = []
    for r in rows:
        part = r["part"]
        core_text = r["core"]
        fam = re.match(r"(cortex-m\w+)", core_text)
        if "cortex-a35" in core_text:
            fam = re.search(r"(cortex-m33)", core_text)
        if not fam:
            continue
        fam = fam.group(1)
        maxc = lead_number(r["max_clock_mhz"])
        if part == "STM32MP257F":
            maxc = 400.0  # the Cortex-M33 coprocessor (the row's 1500 MHz is the A35)
        prov = {}
        ref = FACTS_REF + ": " + r["source_url_or_ref"]
        for k in ["vendor", "family", "core", "fpu", "dsp_simd", "max_clock_mhz", "flash_kib",
                  "sram_kib_total", "tcm_kib", "cache", "flash_wait_states", "run_current_ua_per_mhz",
                  "stop_or_sleep_current_ua", "supply_voltage_range", "npu_or_accelerator"]:
            if r[k]:
                prov[k] = FACTS_REF + " column " + k
        vmin, vmax = supply(r["supply_voltage_range"])
        nominal = 3.3
        nominal_src = "3.3 V: the usual board supply, inside the datasheet range"
        if vmin is None:
            nominal_src = "3.3 V assumed: the facts table gives no supply range for this part"
        elif not (vmin <= 3.3 <= vmax):
            nominal = vmax
            nominal_src = "the top of the datasheet supply range"
        if part in THESIS:
            nominal = 3.305
            nominal_src = "3.305 V: the thesis's tables fit it exactly (shared/data/thesis/ANOMALIES.md L-V)"
        prov["supply_nominal_v"] = nominal_src
        fmin = 1.0
        prov["freq_min_mhz"] = "not in the facts table: 1 MHz taken as the practical lower bound of an estimate"
        if part in THESIS:
            fmin = THESIS[part][0]
            prov["freq_min_mhz"] = "thesis Table 4.2 / Annex A: lowest characterised clock"
        ws = wait_states(part, r["flash_wait_states"], maxc)
        if ws:
            prov["flash_wait_states"] = FACTS_REF + " column flash_wait_states (first, highest-performance range" + (
                "; thresholds on a bus clock at CPU/2, converted to the CPU clock" if part in CLOCK_RATIO else "") + ")"
        run = lead_number(r["run_current_ua_per_mhz"])
        current = None
        if part in thesis:
            s, k, n = thesis[part]
            current = {"basis": "measured", "static_ma": round(s, 4), "ua_per_mhz": round(k, 2),
                       "source": "least-squares line through the %d measured LeNet5 currents of the thesis "
                                 "(data/measurements/lenet5_measurements.csv, Annex B.2)" % n}
        elif part in bench:
            k, n, f, vs = bench[part]
            current = {"basis": "benchmark", "static_ma": 0, "ua_per_mhz": round(k, 2),
                       "source": "median inference current E / (V x t) of %d MLPerf Tiny INT8 energy rows at %g MHz, %s V "
                                 "(data/benchmarks/mlperf_tiny.csv); static part unknown, taken as 0" % (
                                     n, f, "/".join("%g" % v for v in vs))}
        elif run is not None:
            current = {"basis": "datasheet", "static_ma": 0, "ua_per_mhz": run,
                       "source": "datasheet headline run current per MHz (%s); static part unknown, taken as 0"
                                 % r["run_current_ua_per_mhz"]}
        m = {
            "name": part,
            "aliases": ALIASES.get(part, []),
            "vendor": r["vendor"],
            "family": r["family"],
            "core_family": fam,
            "core": core_text,
            "fpu": r["fpu"],
            "dsp": r["dsp_simd"].startswith("yes"),
            "freq_min_mhz": fmin,
            "freq_max_mhz": maxc,
            "flash_kib": int(lead_number(r["flash_kib"])),
            "sram_kib": int(lead_number(r["sram_kib_total"])),
            "tcm": tcm(r["tcm_kib"]),
            "cache": r["cache"],
            "has_cache": bool(r["cache"]),
            "flash_wait_states": ws,
            "flash_wait_states_text": r["flash_wait_states"],
            "run_current_ua_per_mhz": run,
            "run_current_text": r["run_current_ua_per_mhz"],
            "low_power_current_ua": lead_number(re.sub(r"^[^:]*:\s*", "", r["stop_or_sleep_current_ua"])) if r["stop_or_sleep_current_ua"] else None,
            "low_power_text": r["stop_or_sleep_current_ua"],
            "supply_v": {"min": vmin, "max": vmax, "nominal": nominal},
            "current_model": current,
            "accelerator": r["npu_or_accelerator"],
            "notes": r["notes"],
            "provenance": prov,
            "source": ref,
        }
        if part == "STM32MP257F":
            m["notes"] = "Catalogued for its Cortex-M33 coprocessor at 400 MHz (the A35 cores are not modelled). " + m["notes"]
        mcus.append(m)
    doc = {"format": "zipcnn-mcu-catalogue", "version": 1,
           "source": "Generated by tools/make_mcu_catalogue.py from " + FACTS_REF +
                     ", data/measurements/lenet5_measurements.csv and data/benchmarks/mlperf_tiny.csv",
           "mcus": mcus}
    json.dump(doc, sys.stdout, indent=2, sort_keys=True, ensure_ascii=False)
    sys.stdout.write("\n")


main()
