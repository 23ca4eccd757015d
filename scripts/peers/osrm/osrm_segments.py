#!/usr/bin/env python3
"""OSRM routes for the segment check of `mirsad-bench segments` (CI-optional).

Reads a CSV of road segments (id,from_lat,from_lon,to_lat,to_lon), routes each from its first
to its second point with OSRM's car profile built from the same extract (see osrm_peer.py),
and writes {"meters": {id: metres or null}} as JSON.

Usage: osrm_segments.py --pbf monaco.osm.pbf --work DIR --pairs segments.csv --json out.json
"""

import argparse
import csv
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from osrm_peer import build, osrm  # noqa: E402  (same directory; shares the cached OSRM build)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pbf", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--pairs", required=True)
    parser.add_argument("--json", required=True)
    args = parser.parse_args()
    base, _ = build(args.pbf, Path(args.work))
    engine = osrm.OSRM(storage_config=str(base), algorithm="CH", use_shared_memory=False)
    meters = {}
    with open(args.pairs, newline="") as f:
        for row in csv.DictReader(f):
            start = (float(row["from_lon"]), float(row["from_lat"]))
            end = (float(row["to_lon"]), float(row["to_lat"]))
            try:
                result = engine.Route(osrm.RouteParameters(coordinates=[start, end]))
                meters[row["id"]] = float(result["routes"][0]["distance"])
            except Exception:  # OSRM raises when it finds no route
                meters[row["id"]] = None
    Path(args.json).write_text(json.dumps({"meters": meters}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
