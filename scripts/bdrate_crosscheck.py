#!/usr/bin/env python3
"""Independent BD-rate / BD-PSNR of a rate-distortion CSV, with SciPy's PCHIP.

Reads the CSV format of docs/benchmarking.md (codec,config,clip,qp,bytes,frames,...), groups rows
into curves by series (codec/config) and clip, and for each pair TEST vs ANCHOR prints per clip and
as the mean over clips: BD-rate on PSNR-Y, -U, -V, -YUV (percent) and BD-PSNR on PSNR-YUV (dB).

Method (VCEG-M33 with piecewise cubic interpolation, as JVET's common test conditions):
rate = bytes / frames; BD-rate interpolates log10(rate) over PSNR with
scipy.interpolate.PchipInterpolator per curve, integrates both over the overlapping PSNR range
and reports (10**(mean difference) - 1) * 100; BD-PSNR interpolates PSNR over log10(rate).
Shares no code with the Java implementation; BdCrossCheckTest (benchmarks) holds its numbers
for benchmarks/src/test/resources/rd-crosscheck.csv.

Run: python3 scripts/bdrate_crosscheck.py benchmarks/src/test/resources/rd-crosscheck.csv \
         [TEST:ANCHOR ...]      (default: inlay/all-intra against x264/medium and x265/medium)
Checked with numpy 2.4, scipy 1.17.
"""
import csv
import sys
from collections import OrderedDict

import numpy as np
from scipy.interpolate import PchipInterpolator

PLANES = ["psnr_y", "psnr_u", "psnr_v", "psnr_yuv"]


def read_curves(path):
    """{(series, clip): [(rate, {plane: psnr})]} in file order, and clips in first-seen order."""
    curves = OrderedDict()
    clips = []
    with open(path, newline="") as f:
        for row in csv.DictReader(line for line in f if line.strip() and not line.startswith("#")):
            series = row["codec"] + ("/" + row["config"] if row["config"] else "")
            rate = int(row["bytes"]) / int(row["frames"])
            curves.setdefault((series, row["clip"]), []).append(
                (rate, {p: float(row[p]) for p in PLANES}))
            if row["clip"] not in clips:
                clips.append(row["clip"])
    return curves, clips


def mean_difference(xa, ya, xt, yt):
    """Mean of (test - anchor) over the overlap of the two x ranges, each curve a PCHIP of y(x)."""
    ia, it = np.argsort(xa), np.argsort(xt)
    fa = PchipInterpolator(np.asarray(xa)[ia], np.asarray(ya)[ia])
    ft = PchipInterpolator(np.asarray(xt)[it], np.asarray(yt)[it])
    lo = max(min(xa), min(xt))
    hi = min(max(xa), max(xt))
    if not hi > lo:
        raise ValueError("ranges do not overlap")
    return (ft.integrate(lo, hi) - fa.integrate(lo, hi)) / (hi - lo)


def bd_rate(anchor, test, plane):
    la = [np.log10(r) for r, _ in anchor]
    lt = [np.log10(r) for r, _ in test]
    pa = [q[plane] for _, q in anchor]
    pt = [q[plane] for _, q in test]
    return (10 ** mean_difference(pa, la, pt, lt) - 1) * 100


def bd_psnr(anchor, test):
    la = [np.log10(r) for r, _ in anchor]
    lt = [np.log10(r) for r, _ in test]
    return mean_difference(la, [q["psnr_yuv"] for _, q in anchor], lt, [q["psnr_yuv"] for _, q in test])


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    curves, clips = read_curves(argv[1])
    pairs = [a.split(":") for a in argv[2:]] or [["inlay/all-intra", "x264/medium"],
                                                  ["inlay/all-intra", "x265/medium"]]
    for test, anchor in pairs:
        print(f"== {test} vs {anchor}: clip, BD-rate Y, U, V, YUV (%), BD-PSNR YUV (dB)")
        sums = np.zeros(5)
        n = 0
        for clip in clips:
            a, t = curves.get((anchor, clip)), curves.get((test, clip))
            if not a or not t:
                continue
            values = [bd_rate(a, t, p) for p in PLANES] + [bd_psnr(a, t)]
            sums += values
            n += 1
            print(clip, ", ".join(f"{float(v)!r}" for v in values))
        if n:
            print("mean", ", ".join(f"{float(v)!r}" for v in sums / n))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
