#!/usr/bin/env python3
"""Peers for the Knox benchmark on Chicago burglary 2015-12-31..2016-01-31 (970 events):
(1) a vectorised numpy Knox table with NRC's bands (single-precision Manhattan distances,
whole days) and 999 date permutations; (2) pointpats' global Knox test for one (delta, tau)
with 999 permutations.
    pip install pointpats numpy
    python3 knox_peers.py DATA_DIR [DISTANCE_BAND BANDS TIME_BAND BANDS]"""
import csv
import datetime as dt
import sys
import warnings

import numpy as np

from _common import Timer, emit

warnings.filterwarnings("ignore")
data = sys.argv[1]
b, kb, t, kt = (float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])) if len(sys.argv) > 5 else (200.0, 3, 7, 3)
xs, ys, days = [], [], []
with open(f"{data}/crime/chicago_burglary_2016_epsg26971.csv") as f:
    for row in csv.DictReader(f):
        if not row["date"] or row["date"] >= "2016-02-01":
            continue
        xs.append(float(row["X"]))
        ys.append(float(row["Y"]))
        days.append((dt.date.fromisoformat(row["date"]) - dt.date(1970, 1, 1)).days)
x = np.array(xs, dtype=np.float32)
y = np.array(ys, dtype=np.float32)
d = np.array(days)
n = len(x)
i, j = np.triu_indices(n, 1)
dist = np.abs(x[i] - x[j]) + np.abs(y[i] - y[j])
dband = np.where(dist == 0, 0, np.minimum((dist.astype(np.float64) // b).astype(int) + 1, kb + 1))
rows, cols = kb + 2, kt + 1


def table(dd):
    gap = np.abs(dd[i] - dd[j])
    tband = np.minimum(gap // t, kt)
    return np.bincount(dband * cols + tband, minlength=rows * cols)


observed = table(d)
rng = np.random.default_rng(1)
with Timer() as tk:
    sims = np.array([table(rng.permutation(d)) for _ in range(999)])
p = (1 + (sims >= observed).sum(axis=0)) / 1000
figures = dict(events=n, numpy_seconds=tk.seconds, observed=observed.tolist(), p=p.tolist())
try:
    from pointpats.spacetime import knox

    coords = np.column_stack([x.astype(float), y.astype(float)])
    with Timer() as tp:
        result = knox(coords, d.astype(float).reshape(-1, 1), delta=b, tau=t, permutations=999)
    figures["pointpats_seconds"] = tp.seconds
    figures["pointpats_stat"] = float(result["stat"]) if isinstance(result, dict) else None
except Exception as error:  # pointpats missing or API changed: report, do not fail
    figures["pointpats_error"] = str(error)[:200]
emit(**figures)
