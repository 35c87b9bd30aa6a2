"""Fits the polynomial of VectorMath.normalCdf: for a >= 0 the upper normal tail is
Q(a) = 1 - Phi(a) = e^(-a^2/2) R(t) with t = 1 / (1 + P a), R a polynomial of degree 9 in t.

The form is Hastings' (Approximations for Digital Computers, 1955; Abramowitz and Stegun 26.2.17
use it with degree 5 for an absolute error of 7.5e-8). Here the degree is higher and the fit is for
relative error in Q, so that Q keeps full float accuracy far into the tail, where Phi(-a) = Q(a) is
tiny. R is a least-squares fit, weighted for relative error, on 600 Chebyshev nodes in t covering
a in [0, 14.5] (Q(14.5) is below the smallest float), from 40-digit mpmath values of
Q(a) e^(a^2/2) = erfc(a / sqrt 2) e^(a^2/2) / 2; the coefficients are then rounded to float.
P = 0.33 was the best of a small scan (0.15 to 0.5) for degree 9. Prints the coefficients and the
largest relative error of the rounded polynomial on 3001 points.

Run: python3 fit_normal_tail.py (needs numpy and mpmath).
"""
import mpmath as mp
import numpy as np

mp.mp.dps = 40
P = 0.33
DEGREE = 9
A_MAX = 14.5
NODES = 600


def scaled_tail(a):
    a = mp.mpf(a)
    return float(mp.erfc(a / mp.sqrt(2)) / 2 * mp.exp(a * a / 2))


def t_to_a(t):
    return (1 / t - 1) / P


t_min = 1 / (1 + P * A_MAX)
k = np.arange(NODES)
t = t_min + (1 - t_min) * (1 - np.cos((k + 0.5) * np.pi / NODES)) / 2
target = np.array([scaled_tail(v) for v in t_to_a(t)])
A = np.vander(t, DEGREE + 1, increasing=True)
weight = 1 / target
coefficients, *_ = np.linalg.lstsq(A * weight[:, None], target * weight, rcond=None)
rounded = coefficients.astype(np.float32)

check = np.linspace(t_min, 1, 3001)
exact = np.array([scaled_tail(v) for v in t_to_a(check)])
approx = np.polyval(rounded.astype(np.float64)[::-1], check)
for i, c in enumerate(rounded):
    print("R%d = %.9ef" % (i, c))
print("max relative error %.2e" % np.max(np.abs(approx - exact) / exact))
