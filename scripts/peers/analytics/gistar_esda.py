#!/usr/bin/env python3
"""Peer for the Gi* benchmark: PySAL esda G_Local (star=True, transform='B', permutations=0)
on the Houston 250 m grid, queen contiguity incl. self. Prints seconds and the largest
difference from the committed reference.
    pip install esda libpysal pyproj numpy
    python3 gistar_esda.py DATA_DIR [PERMUTATIONS]"""
import sys
import warnings

import numpy as np

from _common import Timer, emit, grid_counts, houston

warnings.filterwarnings("ignore")
data = sys.argv[1]
permutations = int(sys.argv[2]) if len(sys.argv) > 2 else 0
from esda.getisord import G_Local
from libpysal.weights import lat2W

x, y, _, _ = houston(data)
counts, rows, cols = grid_counts(x, y)
with Timer() as tw:
    w = lat2W(rows, cols, rook=False)
with Timer() as tg:
    g = G_Local(counts, w, transform="B", star=True, permutations=0)
ref = np.loadtxt(f"{data}/crime/reference/houston_250m_gistar_queen.csv", delimiter=",", skiprows=1)
figures = dict(weights_seconds=tw.seconds, gistar_seconds=tg.seconds, max_abs_diff=float(np.abs(g.Zs - ref[:, 3]).max()), cells=int(rows * cols))
if permutations:
    with Timer() as tp:
        G_Local(counts, lat2W(rows, cols, rook=False), transform="B", star=True, permutations=permutations, seed=1)
    figures["permutation_seconds"] = tp.seconds
emit(**figures)
