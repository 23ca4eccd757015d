"""Shared loading for the analytics peer scripts: the same data, grid and filters as the
Swift benchmark (see ../shared/data/README.md)."""
import csv
import json
import sys
import time

import numpy as np


def emit(**figures):
    """Prints one JSON line, the only stdout the Swift benchmark reads."""
    print(json.dumps(figures))
    sys.stdout.flush()


def houston(data_dir, offense=None):
    """Houston 2010 rows inside lon (-95.9,-95.0), lat (29.5,30.2), projected to UTM 15N."""
    from pyproj import Transformer

    lon, lat, off, when = [], [], [], []
    with open(f"{data_dir}/crime/houston_2010_ggmap.csv") as f:
        for row in csv.DictReader(f):
            try:
                x, y = float(row["lon"]), float(row["lat"])
            except ValueError:
                continue
            if -95.9 < x < -95.0 and 29.5 < y < 30.2:
                lon.append(x)
                lat.append(y)
                off.append(row["offense"])
                when.append(row["time_local"])
    tr = Transformer.from_crs(4326, 32615, always_xy=True)
    x, y = tr.transform(np.array(lon), np.array(lat))
    off = np.array(off)
    if offense is not None:
        keep = off == offense
        return x[keep], y[keep], off[keep], [w for w, k in zip(when, keep) if k]
    return x, y, off, when


def grid_counts(x, y, cell=250.0):
    ox = np.floor(x.min() / cell) * cell
    oy = np.floor(y.min() / cell) * cell
    ix = ((x - ox) // cell).astype(int)
    iy = ((y - oy) // cell).astype(int)
    cols, rows = ix.max() + 1, iy.max() + 1
    counts = np.zeros(rows * cols)
    np.add.at(counts, iy * cols + ix, 1)
    return counts, rows, cols


class Timer:
    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start
