#!/usr/bin/env python3
"""Writes mlp.json: a small PyTorch MLP's logits, loss, every parameter gradient, and the losses
of a few SGD-with-momentum steps, for MlpGoldenTest. Run from this folder with Debian's
python3-torch:  python3 mlp_golden.py
The test reads only the JSON; Python is never needed to run the tests."""
import json

import torch
import torch.nn.functional as F

torch.manual_seed(1234)
N, D, H1, H2, C = 8, 6, 16, 12, 5

x = torch.randn(N, D)
targets = torch.randint(0, C, (N,))
params = {
    "fc1.weight": torch.randn(H1, D) * 0.5,
    "fc1.bias": torch.randn(H1) * 0.1,
    "fc2.weight": torch.randn(H2, H1) * 0.3,
    "fc2.bias": torch.randn(H2) * 0.1,
    "fc3.weight": torch.randn(C, H2) * 0.3,
    "fc3.bias": torch.randn(C) * 0.1,
}
initial = {k: v.clone() for k, v in params.items()}
for p in params.values():
    p.requires_grad_(True)


def forward(p):
    # Linear -> ReLU -> Linear -> tanh-GELU -> Linear, the weights stored (out, in) as nn.Linear does.
    h = F.relu(x @ p["fc1.weight"].T + p["fc1.bias"])
    h = F.gelu(h @ p["fc2.weight"].T + p["fc2.bias"], approximate="tanh")
    return h @ p["fc3.weight"].T + p["fc3.bias"]


logits = forward(params)
loss = F.cross_entropy(logits, targets)
loss.backward()

out = {"__meta__": {"generator": "mlp_golden.py", "torch": torch.__version__,
                    "model": "relu(x W1^T + b1) -> gelu_tanh(. W2^T + b2) -> . W3^T + b3; mean cross-entropy",
                    "sgd": {"lr": 0.1, "momentum": 0.9, "steps": 3}}}


def put(name, t):
    t = t.detach()
    out[name] = {"shape": list(t.shape), "data": [float(v) for v in t.flatten().tolist()]}


put("x", x)
put("targets", targets.float())
for k, v in initial.items():
    put(k, v)
put("logits", logits)
put("loss", loss)
for k, v in params.items():
    put("grad." + k, v.grad)

opt = torch.optim.SGD(params.values(), lr=0.1, momentum=0.9)
losses = []
for _ in range(3):
    opt.zero_grad()
    step_loss = F.cross_entropy(forward(params), targets)
    step_loss.backward()
    opt.step()
    losses.append(step_loss.item())
put("sgd.losses", torch.tensor(losses))
for k, v in params.items():
    put("sgd.final." + k, v)

with open("mlp.json", "w") as f:
    json.dump(out, f)
