"""Fits the tanh polynomial in VectorMath: tanh(x) = x + x^3 P(x^2) on |x| <= 0.625.

P has degree 4 in u = x^2 and is a least-squares fit, weighted for relative error in tanh, on
400 Chebyshev nodes in u, computed with 40-digit mpmath values; the coefficients are then
rounded to float. Prints them and the largest relative error of the rounded polynomial.

Run: python3 fit_tanh.py (needs numpy and mpmath).
"""
import mpmath as mp
import numpy as np

mp.mp.dps = 40
LIMIT = 0.625
DEGREE = 4
NODES = 400

k = np.arange(NODES)
u = LIMIT * LIMIT * (1 - np.cos((k + 0.5) * np.pi / NODES)) / 2
x = np.sqrt(u)
tanh = np.array([float(mp.tanh(mp.mpf(v))) for v in x])
target = np.array([float((mp.tanh(mp.mpf(v)) - v) / mp.mpf(v) ** 3) for v in x])
weight = x ** 3 / tanh
A = np.vander(u, DEGREE + 1, increasing=True)
coefficients, *_ = np.linalg.lstsq(A * weight[:, None], target * weight, rcond=None)
rounded = coefficients.astype(np.float32)

check = np.linspace(1e-3, LIMIT, 2001)
exact = np.array([float(mp.tanh(mp.mpf(v))) for v in check])
approx = check + check ** 3 * np.polyval(rounded.astype(np.float64)[::-1], check * check)
for i, c in enumerate(rounded):
    print("T%d = %.9ef" % (i + 1, c))
print("max relative error %.2e" % np.max(np.abs(approx - exact) / exact))
