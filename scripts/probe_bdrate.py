#!/usr/bin/env python3
"""BD-rate of two CSVs of the learned tools' in-process probes (LearnedInterRdProbe, LearnedIntraRdProbe:
lines clip,qp,bytes,psnrY,psnrU,psnrV,seconds; rate = payload bytes): one markdown row per clip
present in both with four QPs, BD-rate Y, U, V and YUV ((6 Y + U + V) / 8 of the mean PSNRs), the
PCHIP method of bdrate_reference.py, then the mean over the clips and the summed probe seconds
(anchor / test; whole encodes on a shared machine, rough).

Run: python3 scripts/probe_bdrate.py ANCHOR.csv TEST.csv
"""
import collections
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bdrate_reference import bd_rate  # noqa: E402


def load(path):
    d = collections.defaultdict(list)
    with open(path) as f:
        for line in f:
            c = line.strip().split(',')
            if len(c) >= 7 and not line.startswith('usage'):
                d[c[0]].append((int(c[1]), float(c[2]), float(c[3]), float(c[4]), float(c[5]), float(c[6])))
    return d


def main():
    a, t = load(sys.argv[1]), load(sys.argv[2])
    rows = []
    print("| clip | BD-rate Y | U | V | YUV | seconds (anchor / test) |")
    print("|---|---|---|---|---|---|")
    for clip in a:
        if clip not in t or len(t[clip]) != len(a[clip]) or len(a[clip]) < 4:
            continue
        A, T = sorted(a[clip]), sorted(t[clip])
        ra, rt = np.array([x[1] for x in A]), np.array([x[1] for x in T])
        r = [bd_rate(ra, [x[k] for x in A], rt, [x[k] for x in T]) for k in (2, 3, 4)]
        yuv = lambda X: [(6 * x[2] + x[3] + x[4]) / 8 for x in X]  # noqa: E731
        r.append(bd_rate(ra, yuv(A), rt, yuv(T)))
        sa, st = sum(x[5] for x in A), sum(x[5] for x in T)
        rows.append((r, sa, st))
        print(f"| {clip} | " + " | ".join(f"{v:+.2f} %" for v in r) + f" | {sa:.0f} / {st:.0f} |")
    m = np.mean([x[0] for x in rows], axis=0)
    print("| mean | " + " | ".join(f"{v:+.2f} %" for v in m)
          + f" | {sum(x[1] for x in rows):.0f} / {sum(x[2] for x in rows):.0f} |")


if __name__ == "__main__":
    main()
