#!/usr/bin/env python3
"""Offline check of a learned chroma predictor for CUs with a learned luma mode (docs/learned-intra.md,
next step 3; issue 8, h2 round). Reads the dumps of the experiment hook DevChromaDump (one line per chroma
block: qp,log2n,comp,chosenIdx,sse0..sse5,refs(4n+1),orig(n*n),luma(2n*2n),lumaTop(2n),lumaLeft(2n)),
fits per block size and component a ridge-regularised affine predictor of the chroma block from
  - the chroma references minus their mean (the DC),
  - for 4x4 blocks also the co-located reconstructed luma (2x2 mean) and the luma neighbours (pairs' mean),
    minus their mean (LUMA_UP_TO),
on the training dump, and reports on the held-out dump the prediction SSE against the six regular
candidates (DM, CCLM, ...), in floating point (an upper bound for an integer version).

Run: python3 fit_chroma.py TRAIN.txt TEST.txt [RIDGE]
"""
import sys
import numpy as np


# blocks of 2^log2n >= this use the chroma references only (the luma features overfit at 8x8: see the doc)
LUMA_UP_TO = 3


def load(path):
    by = {}
    with open(path) as f:
        for line in f:
            v = np.array(line.split(','), dtype=np.int64)
            by.setdefault((int(v[1]), int(v[2])), []).append(v)
    return by


def features(rows, log2n):
    n = 1 << log2n
    R = np.array(rows)
    qp, chosen, sse = R[:, 0], R[:, 3], R[:, 4:10].astype(float)
    o = 10
    refs = R[:, o:o + 4 * n + 1].astype(float); o += 4 * n + 1
    org = R[:, o:o + n * n].astype(float); o += n * n
    lum = R[:, o:o + 4 * n * n].astype(float).reshape(-1, 2 * n, 2 * n); o += 4 * n * n
    ltop = R[:, o:o + 2 * n].astype(float); o += 2 * n
    lleft = R[:, o:o + 2 * n].astype(float)
    dc = refs.mean(axis=1, keepdims=True)
    lds = lum.reshape(-1, n, 2, n, 2).mean(axis=(2, 4)).reshape(-1, n * n)
    lm = lds.mean(axis=1, keepdims=True)
    ltop = np.where(ltop < 0, np.repeat(lm, 2 * n, axis=1), ltop).reshape(-1, n, 2).mean(axis=2)
    lleft = np.where(lleft < 0, np.repeat(lm, 2 * n, axis=1), lleft).reshape(-1, n, 2).mean(axis=2)
    lnb = np.concatenate([ltop, lleft], axis=1)
    lc = lnb.mean(axis=1, keepdims=True)
    if log2n >= LUMA_UP_TO:
        X = np.concatenate([refs - dc, np.ones((len(R), 1))], axis=1)
    else:
        X = np.concatenate([refs - dc, lds - lc, lnb - lc, np.ones((len(R), 1))], axis=1)
    return X, org - dc, dc, qp, chosen, sse, org


def main():
    tr, te = load(sys.argv[1]), load(sys.argv[2])
    ridge = float(sys.argv[3]) if len(sys.argv) > 3 else 1.0
    print("| chroma block | comp | train / test blocks | SSE: DM | CCLM | best of the 6 | the encoder's choice | learned | learned vs DM | vs min(DM, CCLM) | learned in the DM's place: best of 6 | learned as a 7th: best of 7 |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    tot = np.zeros(7)
    for key in sorted(te):
        if key not in tr or len(tr[key]) < 200:
            continue
        log2n, comp = key
        X, Y, _, _, _, _, _ = features(tr[key], log2n)
        A = X.T @ X + ridge * len(X) * np.eye(X.shape[1])
        W = np.linalg.solve(A, X.T @ Y)
        Xt, Yt, dct, qpt, cht, sset, orgt = features(te[key], log2n)
        pred = np.clip(Xt @ W + dct, 0, 255)
        sl = ((orgt - pred) ** 2).sum(axis=1)
        dm, cc = sset[:, 4].sum(), sset[:, 5].sum()
        best6 = sset.min(axis=1)
        chosen = sset[np.arange(len(sset)), np.clip(cht, 0, 5)]
        mdc = np.minimum(sset[:, 4], sset[:, 5]).sum()
        both = np.minimum(best6, sl).sum()
        others = np.delete(sset, 4, axis=1).min(axis=1)
        repl = np.minimum(others, sl).sum()
        print(f"| {1 << log2n}x{1 << log2n} | {'Cb' if comp == 1 else 'Cr'} | {len(X)} / {len(Xt)} | {dm:.3g} | {cc:.3g} | "
              f"{best6.sum():.3g} | {chosen.sum():.3g} | {sl.sum():.3g} | {100 * (sl.sum() / dm - 1):+.1f} % | "
              f"{100 * (sl.sum() / mdc - 1):+.1f} % | {100 * (repl / best6.sum() - 1):+.1f} % | {100 * (both / best6.sum() - 1):+.1f} % |")
        tot += [dm, cc, best6.sum(), chosen.sum(), sl.sum(), both, repl]
    print(f"| all | | | {tot[0]:.3g} | {tot[1]:.3g} | {tot[2]:.3g} | {tot[3]:.3g} | {tot[4]:.3g} | "
          f"{100 * (tot[4] / tot[0] - 1):+.1f} % | | {100 * (tot[6] / tot[2] - 1):+.1f} % | {100 * (tot[5] / tot[2] - 1):+.1f} % |")


if __name__ == "__main__":
    main()
