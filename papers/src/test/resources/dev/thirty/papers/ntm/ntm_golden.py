#!/usr/bin/env python3
"""Writes ntm.json: a small Neural Turing Machine in PyTorch (LSTM controller, one read and one write
head, the activations and equations of dev.thirty.papers.ntm.Ntm and Addressing) run over a copy
episode of length 3, batch 2: every step's logits and memory, the summed binary cross-entropy of the
output phase, and the gradient of every parameter and of the initial memory. Run from this folder
with Debian's python3-torch:  python3 ntm_golden.py
The test reads only the JSON; Python is never needed to run the tests."""
import json

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
torch.manual_seed(1410)
B, L, BITS = 2, 3, 8
I, O = BITS + 1, BITS
H, N, M = 10, 6, 4
SHIFTS = 3
NORM_EPS, SHARPEN_EPS, MEMORY_INIT = 1e-8, 1e-16, 1e-6

# the copy episode: L vectors, the delimiter on channel 8, then L silent steps
bits = (torch.rand(L, B, BITS) < 0.5).float()
T = 2 * L + 1
x = torch.zeros(T, B, I)
x[:L, :, :BITS] = bits
x[L, :, BITS] = 1.0

initial = {
    "controller.weight_ih": torch.randn(4 * H, I + M) * 0.3,
    "controller.weight_hh": torch.randn(4 * H, H) * 0.3,
    "controller.bias_ih": torch.randn(4 * H) * 0.1,
    "controller.bias_hh": torch.randn(4 * H) * 0.1,
    "read0.weight": torch.randn(M + 3 + SHIFTS, H) * 0.5,
    "read0.bias": torch.randn(M + 3 + SHIFTS) * 0.5,
    "write0.weight": torch.randn(3 * M + 3 + SHIFTS, H) * 0.5,
    "write0.bias": torch.randn(3 * M + 3 + SHIFTS) * 0.5,
    "output.weight": torch.randn(O, H + M) * 0.3,
    "output.bias": torch.randn(O) * 0.1,
}
# a memory that is not constant, so content addressing has rows to tell apart
memory0 = MEMORY_INIT + 0.3 * torch.randn(B, N, M)


class Ntm(nn.Module):
    def __init__(self):
        super().__init__()
        self.controller = nn.LSTMCell(I + M, H)      # gates i, f, g, o as the engine's LstmCell
        self.read0 = nn.Linear(H, M + 3 + SHIFTS)
        self.write0 = nn.Linear(H, 3 * M + 3 + SHIFTS)
        self.output = nn.Linear(H + M, O)


def address(memory, p, w_prev):
    key = p[:, :M]
    beta = F.softplus(p[:, M:M + 1])
    gate = torch.sigmoid(p[:, M + 1:M + 2])
    shift = torch.softmax(p[:, M + 2:M + 2 + SHIFTS], dim=1)        # shifts -1, 0, +1
    gamma = 1 + F.softplus(p[:, M + 2 + SHIFTS:M + 3 + SHIFTS])
    dot = (memory * key.unsqueeze(1)).sum(2)
    sim = dot / (memory.pow(2).sum(2).sqrt() * key.pow(2).sum(1, keepdim=True).sqrt() + NORM_EPS)   # (6)
    wc = torch.softmax(beta * sim, dim=1)                                                           # (5)
    wg = gate * wc + (1 - gate) * w_prev                                                             # (7)
    # (8): w~(i) = s(+1) w(i-1) + s(0) w(i) + s(-1) w(i+1)
    wt = shift[:, 0:1] * torch.roll(wg, -1, 1) + shift[:, 1:2] * wg + shift[:, 2:3] * torch.roll(wg, 1, 1)
    powered = torch.exp(gamma * torch.log(wt + SHARPEN_EPS))                                        # (9)
    return powered / powered.sum(1, keepdim=True)


model = Ntm()
with torch.no_grad():
    for name, p in model.named_parameters():
        p.copy_(initial[name])
memory0.requires_grad_(True)

h = torch.zeros(B, H)
c = torch.zeros(B, H)
reads = torch.zeros(B, M)
w_read = torch.zeros(B, N)
w_read[:, 0] = 1
w_write = w_read.clone()
memory = memory0
logits_all, memories = [], []
loss = 0
for t in range(T):
    h, c = model.controller(torch.cat([x[t], reads], 1), (h, c))
    w_read = address(memory, model.read0(h), w_read)
    r = (memory * w_read.unsqueeze(2)).sum(1)                                                        # (2)
    pw = model.write0(h)
    w_write = address(memory, pw, w_write)
    erase = torch.sigmoid(pw[:, M + 3 + SHIFTS:2 * M + 3 + SHIFTS])
    add = torch.tanh(pw[:, 2 * M + 3 + SHIFTS:3 * M + 3 + SHIFTS])
    wi = w_write.unsqueeze(2)
    memory = memory * (1 - wi * erase.unsqueeze(1)) + wi * add.unsqueeze(1)                         # (3), (4)
    reads = r
    logits = model.output(torch.cat([h, r], 1))
    logits_all.append(logits)
    memories.append(memory)
    if t > L:
        loss = loss + F.binary_cross_entropy_with_logits(logits, bits[t - L - 1], reduction="sum")
loss.backward()

out = {"__meta__": {"generator": "ntm_golden.py", "torch": torch.__version__,
                    "model": f"NTM: LSTMCell({I}+{M} -> {H}), memory {N} x {M}, one read head then one write head"
                             " per step (reads before writes), softplus beta, sigmoid g, softmax s over -1,0,+1,"
                             " 1+softplus gamma, sigmoid erase, tanh add; one-hot initial weightings on row 0,"
                             " zero read vector and controller state; copy episode length 3, batch 2; summed BCE"
                             " with logits over the output phase"}}


def put(name, t):
    t = t.detach()
    out[name] = {"shape": list(t.shape), "data": [float(v) for v in t.flatten().tolist()]}


put("x", x)
put("bits", bits)
put("memory0", memory0)
for k, v in initial.items():
    put(k, v)
put("logits", torch.stack(logits_all))
put("memory", torch.stack(memories))
put("loss", loss)
put("grad.memory0", memory0.grad)
for k, v in model.named_parameters():
    put("grad." + k, v.grad)

with open("ntm.json", "w") as f:
    json.dump(out, f)
