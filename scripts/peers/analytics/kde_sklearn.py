#!/usr/bin/env python3
"""Peer for the KDE benchmark: scikit-learn KernelDensity (Gaussian, bandwidth 300 m,
rtol 1e-3, kd-tree) evaluated at the centres of a 500x500 grid over the Houston points.
With a third argument N it evaluates only every N-th row of the grid and scales the time.
Prints seconds and the density at a few cells for a cross-check.
    python3 kde_sklearn.py DATA_DIR [BANDWIDTH] [ROW_STRIDE]"""
import sys

import numpy as np

from _common import Timer, emit, houston

data = sys.argv[1]
h = float(sys.argv[2]) if len(sys.argv) > 2 else 300.0
stride = int(sys.argv[3]) if len(sys.argv) > 3 else 1
from sklearn.neighbors import KernelDensity

x, y, _, _ = houston(data)
pts = np.column_stack([x, y])
n = 500
cell = max((x.max() - x.min()) / n, (y.max() - y.min()) / n) * (1 + 1e-12)
cx = x.min() + (np.arange(n) + 0.5) * cell
cy = y.min() + (np.arange(0, n, stride) + 0.5) * cell
gx, gy = np.meshgrid(cx, cy)
query = np.column_stack([gx.ravel(), gy.ravel()])
kde = KernelDensity(kernel="gaussian", bandwidth=h, rtol=1e-3, atol=0).fit(pts)
with Timer() as t:
    log_density = kde.score_samples(query)
# score_samples is log of the mean density per m2; convert to events per km2.
density = np.exp(log_density) * len(pts) * 1e6
rows = np.arange(0, n, stride)
probe = [(int(rows[r]), c, float(density[r * n + c])) for r in (len(rows) // 3, len(rows) // 2) for c in (150, 250, 350)]
emit(seconds=t.seconds * stride, measured_seconds=t.seconds, row_stride=stride, points=len(pts), cell=cell, probes=probe)
