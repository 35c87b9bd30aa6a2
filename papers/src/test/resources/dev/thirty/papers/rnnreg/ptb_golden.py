#!/usr/bin/env python3
"""Writes ptb.json for PtbGoldenTest: the word-level model of dev.thirty.papers.rnnreg.PtbModel in PyTorch
(nn.Embedding, a 2-layer nn.LSTM with batch_first, nn.Linear untied from the embedding; dropout off) run over
two consecutive chunks of word ids, the second starting from the first's final state, detached, as truncated
BPTT carries it. For each chunk: the logits, the final states, the training objective (cross-entropy averaged
over the batch and summed over the steps) and the gradient of every parameter; for the second chunk also the
global gradient norm before clip_grad_norm_(max_norm=0.5) and every parameter after one SGD step at lr 1 on
the clipped gradient. Weights are stored under PyTorch's names (rnn.weight_ih_l0, ...). Run from this folder
with Debian's python3-torch:  python3 ptb_golden.py
The test reads only the JSON; Python is never needed to run the tests."""
import json

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
torch.manual_seed(1409)
V, H, L, B, T = 13, 6, 2, 3, 4

encoder = nn.Embedding(V, H)
rnn = nn.LSTM(H, H, num_layers=L, batch_first=True)
decoder = nn.Linear(H, V)
modules = {"encoder": encoder, "rnn": rnn, "decoder": decoder}
params = [(m + "." + n, p) for m, mod in modules.items() for n, p in mod.named_parameters()]
for _, p in params:
    nn.init.uniform_(p, -0.5, 0.5)

out = {"__meta__": {"generator": "ptb_golden.py", "torch": torch.__version__,
                    "sizes": {"vocab": V, "hidden": H, "layers": L, "batch": B, "steps": T},
                    "objective": "cross_entropy(mean over B*T) * T", "clip": 0.5, "lr": 1.0}}


def put(name, t):
    t = t.detach()
    out[name] = {"shape": list(t.shape), "data": [float(v) for v in t.flatten().tolist()]}


for name, p in params:
    put("weight." + name, p)

state = (torch.randn(L, B, H) * 0.5, torch.randn(L, B, H) * 0.5)
put("h0", state[0])
put("c0", state[1])
for chunk in (1, 2):
    ids = torch.randint(0, V, (B, T))
    targets = torch.randint(0, V, (B, T))
    for _, p in params:
        p.grad = None
    y, (hn, cn) = rnn(encoder(ids), state)
    logits = decoder(y.reshape(B * T, H))
    loss = F.cross_entropy(logits, targets.reshape(-1)) * T
    loss.backward()
    prefix = "chunk%d." % chunk
    put(prefix + "ids", ids.float())
    put(prefix + "targets", targets.float())
    put(prefix + "logits", logits)
    put(prefix + "h_n", hn)
    put(prefix + "c_n", cn)
    put(prefix + "loss", loss)
    for name, p in params:
        put(prefix + "grad." + name, p.grad)
    state = (hn.detach(), cn.detach())

norm = nn.utils.clip_grad_norm_([p for _, p in params], max_norm=0.5)
put("chunk2.norm", norm)
with torch.no_grad():
    for _, p in params:
        p -= 1.0 * p.grad
for name, p in params:
    put("chunk2.updated." + name, p)

with open("ptb.json", "w") as f:
    json.dump(out, f)
