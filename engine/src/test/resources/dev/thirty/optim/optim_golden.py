"""Writes optim_golden.json: torch.optim trajectories on fixed gradients, for OptimGoldenTest.

Run from this directory:  python3 optim_golden.py
Needs PyTorch (Debian's python3-torch 1.13 wrote the committed fixture).

Three parameters a (4, 5), b (5,), c (2, 3) start from fixed values. For STEPS steps each
optimizer case sets p.grad to the stored gradient grads.<t>.<name> and steps; the parameters
after step t are stored as <case>.<t>.<name>. Parameter c has no gradient (None) for its first
LATE_STEPS steps, which exercises skipped parameters and per-parameter step counts.
Also stored: clip_grad_norm_ results and learning-rate schedule values.
"""
import json
import math

import torch

STEPS = 5
LATE_STEPS = 2
SHAPES = {"a": (4, 5), "b": (5,), "c": (2, 3)}

out = {}


def put(name, t):
    t = torch.as_tensor(t, dtype=torch.float32)
    out[name] = {"shape": list(t.shape), "data": t.flatten().tolist()}


gen = torch.Generator().manual_seed(1234)
initial = {n: torch.randn(s, generator=gen) for n, s in SHAPES.items()}
grads = [{n: torch.randn(s, generator=gen) * 0.5 for n, s in SHAPES.items()} for _ in range(STEPS)]
for n, t in initial.items():
    put(f"initial.{n}", t)
for step, g in enumerate(grads):
    for n, t in g.items():
        put(f"grads.{step}.{n}", t)


def schedule_lr(step):
    """The lr the "scheduled" cases use at each step: warmup 2, cosine to 0.001 at step 4."""
    max_lr, min_lr, warmup, decay = 0.01, 0.001, 2, 4
    if step < warmup:
        return max_lr * (step + 1) / (warmup + 1)
    if step > decay:
        return min_lr
    ratio = (step - warmup) / (decay - warmup)
    return min_lr + 0.5 * (1.0 + math.cos(math.pi * ratio)) * (max_lr - min_lr)


def run(case, make, scheduled=False):
    params = {n: t.clone().requires_grad_(True) for n, t in initial.items()}
    opt = make(params)
    for step in range(STEPS):
        if scheduled:
            for group in opt.param_groups:
                group["lr"] = schedule_lr(step)
        for n, p in params.items():
            p.grad = None if (n == "c" and step < LATE_STEPS) else grads[step][n].clone()
        opt.step()
        for n, p in params.items():
            put(f"{case}.{step}.{n}", p.detach())


def all_of(params):
    return list(params.values())


O = torch.optim
run("sgd_plain", lambda p: O.SGD(all_of(p), lr=0.1))
run("sgd_momentum", lambda p: O.SGD(all_of(p), lr=0.1, momentum=0.9))
run("sgd_dampening", lambda p: O.SGD(all_of(p), lr=0.1, momentum=0.9, dampening=0.3))
run("sgd_nesterov_wd", lambda p: O.SGD(all_of(p), lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01))
run("rmsprop", lambda p: O.RMSprop(all_of(p), lr=0.01, foreach=False))
run("rmsprop_centered_momentum_wd", lambda p: O.RMSprop(
    all_of(p), lr=0.01, alpha=0.9, momentum=0.8, centered=True, weight_decay=0.05, foreach=False))
run("adagrad", lambda p: O.Adagrad(all_of(p), lr=0.1, foreach=False))
run("adagrad_decay_wd", lambda p: O.Adagrad(
    all_of(p), lr=0.1, lr_decay=0.05, weight_decay=0.02, initial_accumulator_value=0.1, foreach=False))
run("adam", lambda p: O.Adam(all_of(p), lr=0.01, foreach=False))
run("adam_wd", lambda p: O.Adam(all_of(p), lr=0.01, betas=(0.8, 0.95), weight_decay=0.1, foreach=False))
run("adamw", lambda p: O.AdamW(all_of(p), lr=0.01, weight_decay=0.1, foreach=False))
run("adamw_groups", lambda p: O.AdamW([
    {"params": [p["a"], p["c"]], "weight_decay": 0.1},
    {"params": [p["b"]], "weight_decay": 0.0}], lr=0.01, foreach=False))
run("adamw_scheduled", lambda p: O.AdamW(all_of(p), lr=0.01, weight_decay=0.1, foreach=False), scheduled=True)
run("sgd_groups", lambda p: O.SGD([
    {"params": [p["a"], p["c"]], "weight_decay": 0.1},
    {"params": [p["b"]], "weight_decay": 0.0}], lr=0.1, momentum=0.9))
put("schedule.adamw_scheduled", [schedule_lr(s) for s in range(STEPS)])

# clip_grad_norm_: one case that clips, one that does not.
for case, max_norm in (("clip_small", 1.0), ("clip_large", 100.0)):
    params = {n: t.clone().requires_grad_(True) for n, t in initial.items()}
    for n, p in params.items():
        p.grad = grads[0][n].clone() * 3
    total = torch.nn.utils.clip_grad_norm_(all_of(params), max_norm)
    put(f"{case}.norm", total)
    for n, p in params.items():
        put(f"{case}.{n}", p.grad)


# Schedules: nanoGPT's get_lr (learning_rate 6e-4, min_lr 6e-5, warmup 10, decay 100) and the
# Annotated Transformer's rate (d_model 512, warmup 4000, factor 1) at paper step n = step + 1.
def get_lr(it, lr=6e-4, min_lr=6e-5, warmup=10, decay=100):
    if it < warmup:
        return lr * (it + 1) / (warmup + 1)
    if it > decay:
        return min_lr
    ratio = (it - warmup) / (decay - warmup)
    return min_lr + 0.5 * (1.0 + math.cos(math.pi * ratio)) * (lr - min_lr)


def noam(n, d_model=512, warmup=4000, factor=1.0):
    return factor * (d_model ** -0.5 * min(n ** -0.5, n * warmup ** -1.5))


SCHED_STEPS = [0, 1, 5, 9, 10, 11, 50, 99, 100, 101, 500, 3999, 4000, 10000]
put("schedule.steps", SCHED_STEPS)
# float32 is too coarse to hold a double schedule; store its value and the residual.
for name, fn in (("cosine", get_lr), ("noam", lambda s: noam(s + 1))):
    values = [fn(s) for s in SCHED_STEPS]
    hi = torch.tensor(values, dtype=torch.float32)
    put(f"schedule.{name}.hi", hi)
    put(f"schedule.{name}.lo", torch.tensor(values, dtype=torch.float64) - hi.double())

out["__meta__"] = {
    "generator": "optim_golden.py",
    "torch": torch.__version__,
    "cpu_capability": torch.__config__.show().split("CPU capability usage:")[-1].split("\n")[0].strip(),
    "steps": STEPS,
    "late_steps": LATE_STEPS,
}
with open("optim_golden.json", "w") as f:
    json.dump(out, f, indent=None, separators=(",", ":"))
    f.write("\n")
