#!/usr/bin/env python3
"""Reference BD-rate / BD-PSNR values for BjontegaardTest, computed with SciPy's PCHIP.

BD-rate: log10(rate) as a function of PSNR, PchipInterpolator per curve, integrated over the
overlapping PSNR interval; (10**(mean difference) - 1) * 100. BD-PSNR: PSNR as a function of
log10(rate) over the overlapping log-rate interval. Prints the numbers BjontegaardTest holds.

Run: python3 scripts/bdrate_reference.py   (checked with numpy 2.4, scipy 1.17)
"""
import numpy as np
from scipy.interpolate import PchipInterpolator


def bd_rate(ra, pa, rt, pt):
    la, lt = np.log10(ra), np.log10(rt)
    ia, it = np.argsort(pa), np.argsort(pt)
    fa = PchipInterpolator(np.asarray(pa)[ia], la[ia])
    ft = PchipInterpolator(np.asarray(pt)[it], lt[it])
    lo, hi = max(min(pa), min(pt)), min(max(pa), max(pt))
    avg = (ft.integrate(lo, hi) - fa.integrate(lo, hi)) / (hi - lo)
    return (10 ** avg - 1) * 100


def bd_psnr(ra, pa, rt, pt):
    la, lt = np.log10(ra), np.log10(rt)
    ia, it = np.argsort(la), np.argsort(lt)
    fa = PchipInterpolator(la[ia], np.asarray(pa)[ia])
    ft = PchipInterpolator(lt[it], np.asarray(pt)[it])
    lo, hi = max(la.min(), lt.min()), min(la.max(), lt.max())
    return (ft.integrate(lo, hi) - fa.integrate(lo, hi)) / (hi - lo)


CASES = {
    # name: (anchor rates, anchor PSNRs, test rates, test PSNRs); rates in kbit/s, QP 37..22 order
    "CIF_LIKE": ([412.0, 745.0, 1380.0, 2610.0], [31.42, 34.05, 36.81, 39.60],
                 [371.0, 690.0, 1255.0, 2440.0], [31.55, 34.10, 36.95, 39.71]),
    "WORSE_TEST": ([1210.0, 2150.0, 3900.0, 7300.0], [33.10, 35.42, 37.80, 40.05],
                   [1500.0, 2610.0, 4800.0, 8800.0], [33.00, 35.20, 37.71, 39.90]),
    "PARTIAL_OVERLAP": ([95.0, 160.0, 270.0, 460.0], [28.40, 30.90, 33.35, 35.90],
                        [120.0, 205.0, 350.0, 600.0], [30.10, 32.60, 35.05, 37.60]),
    "UNSORTED_QP22_FIRST": ([5800.0, 3200.0, 1800.0, 1000.0], [39.4, 37.0, 34.6, 32.1],
                            [5100.0, 2900.0, 1550.0, 900.0], [39.3, 37.2, 34.7, 32.3]),
}

# Direct PCHIP check on data with sign changes (exercises the zero-slope and 3*m end rules).
PCHIP_X = [30.0, 31.0, 35.0, 36.0, 38.5]
PCHIP_Y = [3.0, 3.5, 3.4, 3.9, 3.1]
PCHIP_INTEGRALS = [(30.0, 38.5), (30.4, 35.7), (31.0, 31.0), (35.2, 38.1)]
PCHIP_POINTS = [30.0, 30.7, 33.3, 35.5, 37.9, 38.5]


def main():
    for name, (ra, pa, rt, pt) in CASES.items():
        r = bd_rate(np.array(ra), pa, np.array(rt), pt)
        p = bd_psnr(np.array(ra), pa, np.array(rt), pt)
        print(f"{name}: BD-rate {float(r)!r} %  BD-PSNR {float(p)!r} dB")
    f = PchipInterpolator(PCHIP_X, PCHIP_Y)
    for a, b in PCHIP_INTEGRALS:
        print(f"PCHIP integral [{a}, {b}] = {float(f.integrate(a, b))!r}")
    for t in PCHIP_POINTS:
        print(f"PCHIP value {t} = {float(f(t))!r}")
    print("PCHIP slopes", [float(v) for v in f.derivative()(PCHIP_X)])
    # End slope limited to 3 * first secant (secants change sign, one-sided estimate too steep).
    g = PchipInterpolator([0.0, 1.0, 5.0], [0.0, 0.1, -4.0])
    print("PCHIP3 slopes", [float(v) for v in g.derivative()([0.0, 1.0, 5.0])],
          "value 0.5 =", float(g(0.5)), "integral [0, 5] =", float(g.integrate(0.0, 5.0)))


if __name__ == "__main__":
    main()
