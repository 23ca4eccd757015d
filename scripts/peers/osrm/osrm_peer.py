#!/usr/bin/env python3
"""OSRM as a peer for the Mirsad routing benchmark (CI-optional).

Builds OSRM's car profile (osrm-extract + osrm-contract from the `osrm-bindings` wheel) for an
OSM extract, times OSRM's CH engine in-process on the benchmark's units and incidents, and
compares its durations with Mirsad's table for the same points:

  * best unit per incident must agree in >= 90 % of incidents,
  * the median ETA ratio Mirsad/OSRM over all pairs must lie within 0.85-1.15.

Writes a JSON result (timings in seconds, comparison figures) for `mirsad-bench routing` and a
summary on standard error. Exit status: 0 pass, 3 a threshold failed, 2 usage or setup error.

Usage (normally called by `mirsad-bench routing --osrm-python VENV/bin/python`):
  osrm_peer.py --pbf porto.osm.pbf --work DIR --units units.csv --incidents incidents.csv \
               --mirsad-table mirsad_table.csv --json result.json [--repetitions 5]
"""

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

try:
    import osrm
except ImportError:  # pragma: no cover - reported to the operator
    sys.stderr.write("osrm-bindings is not installed in this Python (see scripts/peers/osrm/setup.sh)\n")
    sys.exit(2)

AGREEMENT_MIN = 0.90
RATIO_RANGE = (0.85, 1.15)


def log(message):
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def read_points(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return [(r["id"], float(r["lat"]), float(r["lon"])) for r in rows]


def read_mirsad_table(path):
    table = {}
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            if r["seconds"] == "":
                continue
            table[(r["source_id"], r["target_id"])] = (float(r["seconds"]), float(r["meters"]))
    return table


def build(pbf, work):
    """osrm-extract and osrm-contract with the wheel's car.lua; cached by input size and mtime."""
    package = Path(osrm.__file__).parent
    profile = package / "share" / "profiles" / "car.lua"
    bin_dir = package / "bin"
    data_dir = work / "osrm"
    data_dir.mkdir(parents=True, exist_ok=True)
    stem = Path(pbf).name.replace(".osm.pbf", "")
    link = data_dir / f"{stem}.osm.pbf"
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(Path(pbf).resolve())
    base = data_dir / f"{stem}.osrm"
    stamp = data_dir / f"{stem}.stamp.json"
    source = os.stat(pbf)
    key = {"size": source.st_size, "mtime": int(source.st_mtime), "profile": str(profile)}
    if stamp.exists() and (data_dir / f"{stem}.osrm.hsgr").exists():
        cached = json.loads(stamp.read_text())
        if cached.get("key") == key:
            log(f"OSRM data cached in {data_dir} (built in {cached['seconds']:.1f} s)")
            return base, cached["seconds"]
    start = time.perf_counter()
    for command in (
        [str(bin_dir / "osrm-extract"), "-p", str(profile), str(link)],
        [str(bin_dir / "osrm-contract"), str(base)],
    ):
        result = subprocess.run(command, cwd=data_dir, capture_output=True, text=True)
        if result.returncode != 0:
            log(result.stdout[-2000:] + result.stderr[-2000:])
            log(f"failed: {' '.join(command)}")
            sys.exit(2)
    seconds = time.perf_counter() - start
    stamp.write_text(json.dumps({"key": key, "seconds": seconds}))
    log(f"OSRM car profile built in {seconds:.1f} s ({data_dir})")
    return base, seconds


def median_time(repetitions, fn):
    samples = []
    for _ in range(max(1, repetitions)):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pbf", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--units", required=True)
    parser.add_argument("--incidents", required=True)
    parser.add_argument("--mirsad-table", required=True)
    parser.add_argument("--json", required=True)
    parser.add_argument("--repetitions", type=int, default=5)
    args = parser.parse_args()

    work = Path(args.work)
    base, preprocessing = build(args.pbf, work)
    engine = osrm.OSRM(
        storage_config=str(base), algorithm="CH", use_shared_memory=False, max_locations_distance_table=1_000_000
    )
    units = read_points(args.units)
    incidents = read_points(args.incidents)
    coords = [(lon, lat) for _, lat, lon in units + incidents]
    n_units = len(units)
    unit_idx = list(range(n_units))
    incident_idx = list(range(n_units, n_units + len(incidents)))

    # Hints for the units play the role of Mirsad's cached snaps.
    first = engine.Table(
        osrm.TableParameters(coordinates=coords, sources=unit_idx, destinations=incident_idx[:1], annotations=["duration"])
    )
    unit_hints = [s["hint"] for s in first["sources"]]

    def snap_units():
        for lon_lat in coords[:n_units]:
            engine.Nearest(osrm.NearestParameters(coordinates=[lon_lat]))

    snap_units_time = median_time(1, snap_units)

    def one_to_many(with_hints):
        def run():
            for k in range(len(incidents)):
                params = osrm.TableParameters(
                    coordinates=coords[:n_units] + [coords[n_units + k]],
                    sources=unit_idx,
                    destinations=[n_units],
                    annotations=["duration"],
                    hints=(unit_hints + [None]) if with_hints else [],
                )
                engine.Table(params)
        return median_time(args.repetitions, run) / len(incidents)

    one_to_many_plain = one_to_many(False)
    one_to_many_hinted = one_to_many(True)

    table_result = {}

    def full_table():
        params = osrm.TableParameters(
            coordinates=coords, sources=unit_idx, destinations=incident_idx, annotations=["duration", "distance"]
        )
        table_result["r"] = engine.Table(params)

    table_time = median_time(args.repetitions, full_table)

    def routes():
        for k in range(100):
            engine.Route(
                osrm.RouteParameters(coordinates=[coords[k % n_units], coords[n_units + k % len(incidents)]])
            )

    route_time = median_time(args.repetitions, routes) / 100

    durations = table_result["r"]["durations"]
    distances = table_result["r"]["distances"]
    osrm_eta = {}
    for i, (uid, _, _) in enumerate(units):
        row_d = durations[i]
        row_m = distances[i]
        for j, (iid, _, _) in enumerate(incidents):
            d = row_d[j]
            if d is not None:
                osrm_eta[(uid, iid)] = (float(d), float(row_m[j]))

    mirsad = read_mirsad_table(args.mirsad_table)
    ratios, distance_ratios, best_ratios = [], [], []
    agree = 0
    near_agree = 0
    compared = 0
    for iid, _, _ in incidents:
        o = {uid: osrm_eta[(uid, iid)] for uid, _, _ in units if (uid, iid) in osrm_eta}
        m = {uid: mirsad[(uid, iid)] for uid, _, _ in units if (uid, iid) in mirsad}
        common = [u for u in o if u in m]
        if not common:
            continue
        compared += 1
        for u in common:
            if o[u][0] > 0:
                ratios.append(m[u][0] / o[u][0])
            if o[u][1] > 0:
                distance_ratios.append(m[u][1] / o[u][1])
        best_o = min(common, key=lambda u: (o[u][0], u))
        best_m = min(common, key=lambda u: (m[u][0], u))
        if best_o == best_m:
            agree += 1
        # Near-agreement: Mirsad's pick is within 5 % (OSRM's own ETAs) of OSRM's best.
        if o[best_m][0] <= o[best_o][0] * 1.05 + 1e-9:
            near_agree += 1
        if o[best_o][0] > 0:
            best_ratios.append(m[best_m][0] / o[best_o][0])

    comparison = {
        "incidents_compared": compared,
        "best_unit_agreement": agree / compared if compared else 0.0,
        "best_unit_within_5_percent": near_agree / compared if compared else 0.0,
        "median_ratio": statistics.median(ratios) if ratios else float("nan"),
        "p10_ratio": statistics.quantiles(ratios, n=10)[0] if len(ratios) > 10 else float("nan"),
        "p90_ratio": statistics.quantiles(ratios, n=10)[-1] if len(ratios) > 10 else float("nan"),
        "median_best_ratio": statistics.median(best_ratios) if best_ratios else float("nan"),
        "median_distance_ratio": statistics.median(distance_ratios) if distance_ratios else float("nan"),
    }
    timings = {
        "preprocessing": preprocessing,
        "snap_units": snap_units_time,
        "one_to_many": one_to_many_plain,
        "one_to_many_hinted": one_to_many_hinted,
        "table": table_time,
        "route": route_time,
    }
    Path(args.json).write_text(json.dumps({"timings": timings, "comparison": comparison}, indent=2))
    log(
        "OSRM CH: 1x{} {:.2f} ms ({:.2f} ms with unit hints), {}x{} table {:.1f} ms, route {:.3f} ms, "
        "{} unit snaps {:.1f} ms".format(
            n_units, one_to_many_plain * 1e3, one_to_many_hinted * 1e3, len(incidents), n_units, table_time * 1e3,
            route_time * 1e3, n_units, snap_units_time * 1e3,
        )
    )
    log(
        "agreement: best unit {:.1%} (within 5 %: {:.1%}); median ETA ratio Mirsad/OSRM {:.3f} "
        "(p10 {:.3f}, p90 {:.3f}); best-unit ratio {:.3f}; distance ratio {:.3f}".format(
            comparison["best_unit_agreement"], comparison["best_unit_within_5_percent"], comparison["median_ratio"],
            comparison["p10_ratio"], comparison["p90_ratio"], comparison["median_best_ratio"],
            comparison["median_distance_ratio"],
        )
    )
    ok = comparison["best_unit_agreement"] >= AGREEMENT_MIN and RATIO_RANGE[0] <= comparison["median_ratio"] <= RATIO_RANGE[1]
    log("PASS" if ok else "FAIL: agreement below 90 % or median ratio outside 0.85-1.15")
    return 0 if ok else 3


if __name__ == "__main__":
    sys.exit(main())
