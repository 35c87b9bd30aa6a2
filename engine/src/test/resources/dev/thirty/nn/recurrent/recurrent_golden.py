#!/usr/bin/env python3
"""Writes recurrent.json for RecurrentGoldenTest: PyTorch's nn.LSTM and nn.GRU (2 layers,
batch_first, seeded) run from random initial states over a few steps, with their inputs, initial
states, weights (under PyTorch's own names, weight_ih_l0 etc.), outputs, final states, and the
gradient of every weight, input and initial state for the scalar
    loss = sum(out * P_out) + sum(h_n * P_h) [+ sum(c_n * P_c) for the LSTM]
with fixed random projections P. Run from this folder with Debian's python3-torch:
    python3 recurrent_golden.py
The test reads only the JSON; Python is never needed to run the tests."""
import json

import torch

torch.manual_seed(2024)
B, T, I, H, L = 2, 5, 3, 4, 2

out = {"__meta__": {"generator": "recurrent_golden.py", "torch": torch.__version__,
                    "sizes": {"batch": B, "steps": T, "input": I, "hidden": H, "layers": L},
                    "loss": "sum(out * P_out) + sum(h_n * P_h) + sum(c_n * P_c) (LSTM only)"}}


def put(name, t):
    t = t.detach()
    out[name] = {"shape": list(t.shape), "data": [float(v) for v in t.flatten().tolist()]}


def record(prefix, module, has_cell):
    x = torch.randn(B, T, I, requires_grad=True)
    h0 = torch.randn(L, B, H, requires_grad=True)
    c0 = torch.randn(L, B, H, requires_grad=True)
    p_out = torch.randn(B, T, H)
    p_h = torch.randn(L, B, H)
    p_c = torch.randn(L, B, H)
    if has_cell:
        y, (hn, cn) = module(x, (h0, c0))
        loss = (y * p_out).sum() + (hn * p_h).sum() + (cn * p_c).sum()
    else:
        y, hn = module(x, h0)
        loss = (y * p_out).sum() + (hn * p_h).sum()
    loss.backward()
    put(prefix + "x", x)
    put(prefix + "h0", h0)
    put(prefix + "p_out", p_out)
    put(prefix + "p_h", p_h)
    put(prefix + "out", y)
    put(prefix + "h_n", hn)
    put(prefix + "loss", loss)
    put(prefix + "grad.x", x.grad)
    put(prefix + "grad.h0", h0.grad)
    if has_cell:
        put(prefix + "c0", c0)
        put(prefix + "p_c", p_c)
        put(prefix + "c_n", cn)
        put(prefix + "grad.c0", c0.grad)
    for name, p in module.named_parameters():
        put(prefix + "weight." + name, p)
        put(prefix + "grad." + name, p.grad)


record("lstm.", torch.nn.LSTM(I, H, num_layers=L, batch_first=True), True)
record("gru.", torch.nn.GRU(I, H, num_layers=L, batch_first=True), False)

with open("recurrent.json", "w") as f:
    json.dump(out, f)
