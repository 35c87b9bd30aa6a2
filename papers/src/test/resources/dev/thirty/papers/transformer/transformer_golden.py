#!/usr/bin/env python3
"""Writes transformer.json: a tiny encoder-decoder Transformer's weights, logits, loss and every
parameter gradient, once with sinusoidal positions and once with learned ones, for
TransformerGoldenTest. Written for this project in plain PyTorch (no nn.Transformer: ours is the
paper's post-norm layer with the Annotated Transformer's names); run from this folder with
Debian's python3-torch:  python3 transformer_golden.py
The model: N 2, d_model 16, 2 heads, d_ff 32, dropout 0, one shared matrix for the source and
target embeddings and the pre-softmax projection (§3.4), embeddings scaled by sqrt(d_model) (§3.4),
positions added (§3.5), post-norm sublayers LayerNorm(x + Sublayer(x)) (§3.1), masked scores set
to -1e9, label-smoothed cross-entropy (eps 0.1) ignoring padding. The batch pads one source and
two targets. Parameter names are the Java model's state-dict names. The test reads only the JSON."""
import json
import math

import numpy as np
import torch
import torch.nn.functional as F

torch.manual_seed(2026)
V, L, C, H, FF, MAXLEN = 13, 2, 16, 2, 32, 8
PAD, BOS, EOS = 0, 1, 2
EPS_LS = 0.1


def linear(p, name, n_in, n_out):
    p[name + ".weight"] = torch.randn(n_out, n_in) * 0.3
    p[name + ".bias"] = torch.randn(n_out) * 0.1


def norm(p, name):
    p[name + ".weight"] = 1 + 0.1 * torch.randn(C)
    p[name + ".bias"] = 0.1 * torch.randn(C)


p = {"src_embed.weight": torch.randn(V, C) * 0.3}
for side, attns in (("encoder", ("self_attn",)), ("decoder", ("self_attn", "src_attn"))):
    for i in range(L):
        pre = f"{side}.{i}."
        for a in attns:
            for proj in ("q_proj", "k_proj", "v_proj", "out_proj"):
                linear(p, pre + a + "." + proj, C, C)
        linear(p, pre + "feed_forward.w_1", C, FF)
        linear(p, pre + "feed_forward.w_2", FF, C)
        for n in range(1, len(attns) + 2):
            norm(p, pre + f"norm{n}")
learned_tables = {"src_pos.weight": torch.randn(MAXLEN, C) * 0.3, "tgt_pos.weight": torch.randn(MAXLEN, C) * 0.3}

# sources end in </s> and are padded; targets: the decoder reads <s> w.. and predicts w.. </s>
src = torch.tensor([[4, 5, 6, 7, 8, EOS],
                    [9, 10, EOS, PAD, PAD, PAD],
                    [11, 12, 4, 5, EOS, PAD]])
tgt_in = torch.tensor([[BOS, 5, 6, 7, 8],
                       [BOS, 9, 10, PAD, PAD],
                       [BOS, 11, 12, 4, PAD]])
tgt_out = torch.tensor([[5, 6, 7, 8, EOS],
                        [9, 10, EOS, PAD, PAD],
                        [11, 12, 4, EOS, PAD]])
B, S = src.shape
T = tgt_in.shape[1]


def sinusoids(t):
    pe = torch.zeros(t, C)
    for pos in range(t):
        for i in range(0, C, 2):
            angle = pos / math.pow(10000, i / C)
            pe[pos, i] = math.sin(angle)
            pe[pos, i + 1] = math.cos(angle)
    return pe


def attention(w, pre, q_in, kv_in, masked):
    b, tq, tk = q_in.shape[0], q_in.shape[1], kv_in.shape[1]
    q = F.linear(q_in, w[pre + "q_proj.weight"], w[pre + "q_proj.bias"]).view(b, tq, H, C // H).transpose(1, 2)
    k = F.linear(kv_in, w[pre + "k_proj.weight"], w[pre + "k_proj.bias"]).view(b, tk, H, C // H).transpose(1, 2)
    v = F.linear(kv_in, w[pre + "v_proj.weight"], w[pre + "v_proj.bias"]).view(b, tk, H, C // H).transpose(1, 2)
    scores = (q @ k.transpose(-2, -1)) / math.sqrt(C // H)
    weights = F.softmax(scores.masked_fill(masked, -1e9), dim=-1)
    heads = (weights @ v).transpose(1, 2).contiguous().view(b, tq, C)
    return F.linear(heads, w[pre + "out_proj.weight"], w[pre + "out_proj.bias"])


def sublayer(w, pre, n, x, y):
    return F.layer_norm(x + y, (C,), w[pre + f"norm{n}.weight"], w[pre + f"norm{n}.bias"], 1e-5)


def ffn(w, pre, x):
    h = F.relu(F.linear(x, w[pre + "feed_forward.w_1.weight"], w[pre + "feed_forward.w_1.bias"]))
    return F.linear(h, w[pre + "feed_forward.w_2.weight"], w[pre + "feed_forward.w_2.bias"])


def forward(w, learned):
    emb = w["src_embed.weight"]
    src_pe = w["src_pos.weight"][:S] if learned else sinusoids(S)
    tgt_pe = w["tgt_pos.weight"][:T] if learned else sinusoids(T)
    src_masked = (src == PAD).view(B, 1, 1, S)
    causal = torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)
    tgt_masked = causal.view(1, 1, T, T) | (tgt_in == PAD).view(B, 1, 1, T)
    x = emb[src] * math.sqrt(C) + src_pe
    for i in range(L):
        pre = f"encoder.{i}."
        x = sublayer(w, pre, 1, x, attention(w, pre + "self_attn.", x, x, src_masked))
        x = sublayer(w, pre, 2, x, ffn(w, pre, x))
    memory = x
    y = emb[tgt_in] * math.sqrt(C) + tgt_pe
    for i in range(L):
        pre = f"decoder.{i}."
        y = sublayer(w, pre, 1, y, attention(w, pre + "self_attn.", y, y, tgt_masked))
        y = sublayer(w, pre, 2, y, attention(w, pre + "src_attn.", y, memory, src_masked))
        y = sublayer(w, pre, 3, y, ffn(w, pre, y))
    return y @ emb.T


out = {"__meta__": {"generator": "transformer_golden.py", "torch": torch.__version__,
                    "model": {"vocab": V, "layers": L, "d_model": C, "heads": H, "d_ff": FF,
                              "max_length": MAXLEN, "label_smoothing": EPS_LS, "pad": PAD}}}


def put(name, t):
    t = t.detach().to(torch.float32)
    # each float32 in its shortest decimal form that reads back to the same float32
    out[name] = {"shape": list(t.shape), "data": [float(str(np.float32(v))) for v in t.flatten().tolist()]}


put("src", src.float())
put("tgt_in", tgt_in.float())
put("tgt_out", tgt_out.float())
for k, v in {**p, **learned_tables}.items():
    put(k, v)
for case, learned in (("sinusoidal", False), ("learned", True)):
    w = {k: v.clone().requires_grad_(True) for k, v in p.items()}
    if learned:
        w.update({k: v.clone().requires_grad_(True) for k, v in learned_tables.items()})
    logits = forward(w, learned)
    loss = F.cross_entropy(logits.reshape(-1, V), tgt_out.reshape(-1), ignore_index=PAD, label_smoothing=EPS_LS)
    loss.backward()
    put(case + ".logits", logits)
    put(case + ".loss", loss)
    for k, v in w.items():
        put(case + ".grad." + k, v.grad)
with open("transformer.json", "w") as f:
    json.dump(out, f)
