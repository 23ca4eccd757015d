#!/usr/bin/env python3
"""Peer for local Moran's I: PySAL esda Moran_Local (row-standardised queen weights) on the
Houston 250 m grid, analytic and with 999 conditional permutations.
    python3 moran_esda.py DATA_DIR"""
import sys
import warnings

from _common import Timer, emit, grid_counts, houston

warnings.filterwarnings("ignore")
from esda.moran import Moran_Local
from libpysal.weights import lat2W

x, y, _, _ = houston(sys.argv[1])
counts, rows, cols = grid_counts(x, y)
w = lat2W(rows, cols, rook=False)
with Timer() as ta:
    m = Moran_Local(counts, w, permutations=0)
with Timer() as tp:
    mp = Moran_Local(counts, lat2W(rows, cols, rook=False), permutations=999, seed=1)
emit(analytic_seconds=ta.seconds, permutation_seconds=tp.seconds, max_i=float(m.Is.max()),
     significant_hh=int(((mp.q == 1) & (mp.p_sim <= 0.05)).sum()))
