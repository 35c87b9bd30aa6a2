#!/usr/bin/env python3
"""Writes gpt.json: a tiny nanoGPT-style model's weights, logits, loss and every parameter
gradient, for GptGoldenTest. Written for this project; run from this folder with Debian's
python3-torch:  python3 gpt_golden.py
The model is nanoGPT's GPT with bias=False, dropout 0, weight tying, and nanoGPT's exact GELU
(F.gelu's default, x Phi(x)); parameter names are nanoGPT's state-dict names (lm_head.weight is
tied to transformer.wte.weight and not listed). The same weights and batch are run a second time
with GELU's tanh approximation, written under "tanh." (tanh.logits, tanh.loss, tanh.grad.NAME).
The test reads only the JSON."""
import json
import math

import torch
import torch.nn.functional as F

torch.manual_seed(2024)
V, T, L, H, C, B = 11, 8, 2, 2, 16, 3

p = {"transformer.wte.weight": torch.randn(V, C) * 0.3, "transformer.wpe.weight": torch.randn(T, C) * 0.3}
for i in range(L):
    h = f"transformer.h.{i}."
    p[h + "ln_1.weight"] = 1 + 0.1 * torch.randn(C)
    p[h + "attn.c_attn.weight"] = torch.randn(3 * C, C) * 0.3
    p[h + "attn.c_proj.weight"] = torch.randn(C, C) * 0.3
    p[h + "ln_2.weight"] = 1 + 0.1 * torch.randn(C)
    p[h + "mlp.c_fc.weight"] = torch.randn(4 * C, C) * 0.3
    p[h + "mlp.c_proj.weight"] = torch.randn(C, 4 * C) * 0.2
p["transformer.ln_f.weight"] = 1 + 0.1 * torch.randn(C)
initial = {k: v.clone() for k, v in p.items()}
for v in p.values():
    v.requires_grad_(True)
ids = torch.randint(0, V, (B, T))
targets = torch.randint(0, V, (B, T))


def forward(ids, gelu):
    t = ids.shape[1]
    x = p["transformer.wte.weight"][ids] + p["transformer.wpe.weight"][torch.arange(t)]
    mask = torch.tril(torch.ones(t, t, dtype=torch.bool))
    for i in range(L):
        h = f"transformer.h.{i}."
        a = F.layer_norm(x, (C,), p[h + "ln_1.weight"], None, 1e-5)
        q, k, v = (a @ p[h + "attn.c_attn.weight"].T).split(C, dim=2)
        q, k, v = (z.view(B, t, H, C // H).transpose(1, 2) for z in (q, k, v))
        att = (q @ k.transpose(-2, -1)) / math.sqrt(C // H)
        att = F.softmax(att.masked_fill(~mask, float("-inf")), dim=-1)
        y = (att @ v).transpose(1, 2).contiguous().view(B, t, C)
        x = x + y @ p[h + "attn.c_proj.weight"].T
        m = F.layer_norm(x, (C,), p[h + "ln_2.weight"], None, 1e-5)
        m = F.gelu(m @ p[h + "mlp.c_fc.weight"].T, approximate=gelu)
        x = x + m @ p[h + "mlp.c_proj.weight"].T
    x = F.layer_norm(x, (C,), p["transformer.ln_f.weight"], None, 1e-5)
    return x @ p["transformer.wte.weight"].T


def run(gelu):
    for v in p.values():
        v.grad = None
    logits = forward(ids, gelu)
    loss = F.cross_entropy(logits.view(-1, V), targets.view(-1))
    loss.backward()
    return logits, loss, {k: v.grad.clone() for k, v in p.items()}


out = {"__meta__": {"generator": "gpt_golden.py", "torch": torch.__version__,
                    "model": {"vocab": V, "block": T, "layers": L, "heads": H, "width": C, "batch": B}}}


def put(name, t):
    t = t.detach()
    out[name] = {"shape": list(t.shape), "data": [float(v) for v in t.flatten().tolist()]}


put("ids", ids.float())
put("targets", targets.float())
for k, v in initial.items():
    put(k, v)
for prefix, gelu in (("", "none"), ("tanh.", "tanh")):
    logits, loss, grads = run(gelu)
    put(prefix + "logits", logits)
    put(prefix + "loss", loss)
    for k, g in grads.items():
        put(prefix + "grad." + k, g)
with open("gpt.json", "w") as f:
    json.dump(out, f)
