#!/usr/bin/env python3
"""Writes cnn.json: a small PyTorch CNN (grouped dilated conv, batch norm, max/avg pooling, local
response norm, dropout off, linear) with its intermediate outputs, loss, the input and parameter
gradients, batch-norm running statistics after one training forward, and the eval-mode logits, for
the convolution golden test. Run from this folder with Debian's python3-torch:  python3 cnn_golden.py
The test reads only the JSON; Python is never needed to run the tests."""
import json

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
torch.manual_seed(2026)
N, C_IN, HW, C1, C2, K = 2, 4, 9, 6, 8, 5

# Every tensor is drawn before any module is built: module constructors draw their own default
# initialisation from the same generator, which would shift the stream.
x = torch.randn(N, C_IN, HW, HW)
targets = torch.randint(0, K, (N,))
initial = {
    "conv1.weight": torch.randn(C1, C_IN // 2, 3, 3) * 0.4,
    "conv1.bias": torch.randn(C1) * 0.1,
    "bn1.weight": 1 + 0.2 * torch.randn(C1),
    "bn1.bias": 0.1 * torch.randn(C1),
    "conv2.weight": torch.randn(C2, C1, 3, 3) * 0.25,
    "conv2.bias": torch.randn(C2) * 0.1,
    "fc.weight": torch.randn(K, C2 * 2 * 2) * 0.2,
    "fc.bias": torch.randn(K) * 0.1,
}


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(C_IN, C1, kernel_size=3, stride=1, padding=2, dilation=2, groups=2, bias=True)
        self.bn1 = nn.BatchNorm2d(C1, eps=1e-5, momentum=0.1)
        self.pool1 = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        self.lrn = nn.LocalResponseNorm(size=3, alpha=0.3, beta=0.75, k=2.0)
        self.conv2 = nn.Conv2d(C1, C2, kernel_size=3, stride=2, padding=1, bias=True)
        self.pool2 = nn.AvgPool2d(kernel_size=3, stride=2, padding=1, ceil_mode=True, count_include_pad=False)
        self.drop = nn.Dropout2d(p=0.5)
        self.fc = nn.Linear(C2 * 2 * 2, K)

    def forward(self, inp, seen):
        seen["out.conv1"] = h = self.conv1(inp)
        seen["out.bn1"] = h = self.bn1(h)
        seen["out.pool1"] = h = self.pool1(F.relu(h))
        seen["out.lrn"] = h = self.lrn(h)
        seen["out.conv2"] = h = self.conv2(h)
        seen["out.pool2"] = h = self.pool2(F.relu(h))
        h = torch.flatten(self.drop(h), 1)
        seen["logits"] = h = self.fc(h)
        return h


model = Net()
state = dict(model.named_parameters())
with torch.no_grad():
    for k, v in initial.items():
        state[k].copy_(v)
model.train()
model.drop.eval()  # dropout off: identity, while batch norm uses batch statistics
x.requires_grad_(True)

seen = {}
logits = model(x, seen)
loss = F.cross_entropy(logits, targets)
loss.backward()

model.eval()
with torch.no_grad():
    eval_logits = model(x, {})

shapes = {"x": [N, C_IN, HW, HW], "out.conv1": [N, C1, 9, 9], "out.bn1": [N, C1, 9, 9],
          "out.pool1": [N, C1, 5, 5], "out.lrn": [N, C1, 5, 5], "out.conv2": [N, C2, 3, 3],
          "out.pool2": [N, C2, 2, 2], "logits": [N, K]}
out = {"__meta__": {"generator": "cnn_golden.py", "torch": torch.__version__,
                    "model": "conv1(4->6, k3 s1 p2 d2 groups2, bias) -> bn1(6, eps 1e-5, momentum 0.1, "
                             "training: batch stats, biased var to normalise, unbiased var into running_var) "
                             "-> relu -> maxpool(k3 s2 p1) -> lrn(size 3, alpha 0.3, beta 0.75, k 2) "
                             "-> conv2(6->8, k3 s2 p1, bias) -> relu -> avgpool(k3 s2 p1, ceil_mode, "
                             "count_include_pad false) -> dropout2d(p 0.5, off) -> flatten -> fc(32->5); "
                             "mean cross-entropy; eval.logits: same x in eval mode (running stats)",
                    "shapes": shapes}}


def put(name, t):
    t = t.detach()
    out[name] = {"shape": list(t.shape), "data": [float(v) for v in t.flatten().tolist()]}


put("x", x)
put("targets", targets.float())
for k, v in initial.items():
    put(k, v)
for k, v in seen.items():
    put(k, v)
put("loss", loss)
put("grad.x", x.grad)
for k, v in model.named_parameters():
    put("grad." + k, v.grad)
put("bn1.running_mean", model.bn1.running_mean)
put("bn1.running_var", model.bn1.running_var)
put("eval.logits", eval_logits)

for k, want in shapes.items():
    assert out[k]["shape"] == want, (k, out[k]["shape"], want)

with open("cnn.json", "w") as f:
    json.dump(out, f)
