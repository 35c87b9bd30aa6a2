#!/usr/bin/env python3
"""Times the NTM of thirty run ntm in PyTorch: training sequences per second on the copy task (LSTM
controller 100, memory 128 x 20, one read and one write head, lengths 1-20, batch 1, RMSprop lr 1e-4
momentum 0.9 alpha 0.95, clamp 10), the same model and equations as papers' ntm_golden.py at the copy
machine's sizes. Prints a line per repeat and the median; --json FILE writes
{"torch": version, "threads": t, "sequences_per_s": median, "forward_sequences_per_s": median}.
Run with Debian's python3-torch, e.g. through the shared bench's torch.sh, or:
  python3 ntm_copy.py --threads 1 --sequences 300 --reps 5 --json ntm.json"""
import argparse
import json
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

I, O, H, N, M, SHIFTS = 9, 8, 100, 128, 20, 3
NORM_EPS, SHARPEN_EPS, MEMORY_INIT = 1e-8, 1e-16, 1e-6


class Ntm(nn.Module):
    def __init__(self):
        super().__init__()
        self.controller = nn.LSTMCell(I + M, H)
        self.read0 = nn.Linear(H, M + 3 + SHIFTS)
        self.write0 = nn.Linear(H, 3 * M + 3 + SHIFTS)
        self.output = nn.Linear(H + M, O)

    @staticmethod
    def address(memory, p, w_prev):
        key = p[:, :M]
        beta = F.softplus(p[:, M:M + 1])
        gate = torch.sigmoid(p[:, M + 1:M + 2])
        shift = torch.softmax(p[:, M + 2:M + 2 + SHIFTS], dim=1)
        gamma = 1 + F.softplus(p[:, M + 2 + SHIFTS:M + 3 + SHIFTS])
        dot = (memory * key.unsqueeze(1)).sum(2)
        sim = dot / (memory.pow(2).sum(2).sqrt() * key.pow(2).sum(1, keepdim=True).sqrt() + NORM_EPS)
        wc = torch.softmax(beta * sim, dim=1)
        wg = gate * wc + (1 - gate) * w_prev
        wt = shift[:, 0:1] * torch.roll(wg, -1, 1) + shift[:, 1:2] * wg + shift[:, 2:3] * torch.roll(wg, 1, 1)
        powered = torch.exp(gamma * torch.log(wt + SHARPEN_EPS))
        return powered / powered.sum(1, keepdim=True)

    def episode_loss(self, x, bits):
        length = bits.shape[0]
        h = torch.zeros(1, H)
        c = torch.zeros(1, H)
        reads = torch.zeros(1, M)
        w_read = torch.zeros(1, N)
        w_read[:, 0] = 1
        w_write = w_read.clone()
        memory = torch.full((1, N, M), MEMORY_INIT)
        loss = 0
        for t in range(x.shape[0]):
            h, c = self.controller(torch.cat([x[t], reads], 1), (h, c))
            w_read = self.address(memory, self.read0(h), w_read)
            r = (memory * w_read.unsqueeze(2)).sum(1)
            pw = self.write0(h)
            w_write = self.address(memory, pw, w_write)
            erase = torch.sigmoid(pw[:, M + 3 + SHIFTS:2 * M + 3 + SHIFTS])
            add = torch.tanh(pw[:, 2 * M + 3 + SHIFTS:3 * M + 3 + SHIFTS])
            wi = w_write.unsqueeze(2)
            memory = memory * (1 - wi * erase.unsqueeze(1)) + wi * add.unsqueeze(1)
            reads = r
            if t > length:
                logits = self.output(torch.cat([h, r], 1))
                loss = loss + F.binary_cross_entropy_with_logits(logits, bits[t - length - 1], reduction="sum")
        return loss


def episode(gen):
    length = int(torch.randint(1, 21, (1,), generator=gen))
    bits = (torch.rand(length, 1, 8, generator=gen) < 0.5).float()
    x = torch.zeros(2 * length + 1, 1, I)
    x[:length, :, :8] = bits
    x[length, :, 8] = 1.0
    return x, bits


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--sequences", type=int, default=300)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--json")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = Ntm()
    opt = torch.optim.RMSprop(model.parameters(), lr=1e-4, momentum=0.9, alpha=0.95)
    gen = torch.Generator().manual_seed(1)

    def train(count):
        for _ in range(count):
            x, bits = episode(gen)
            opt.zero_grad(set_to_none=True)
            loss = model.episode_loss(x, bits)
            loss.backward()
            for p in model.parameters():
                p.grad.data.clamp_(-10, 10)
            opt.step()

    def forward(count):
        with torch.no_grad():
            for _ in range(count):
                x, bits = episode(gen)
                model.episode_loss(x, bits)

    rates = {}
    for name, work in (("train", train), ("forward", forward)):
        work(max(20, args.sequences // 5))            # warm-up
        r = []
        for k in range(args.reps):
            t0 = time.perf_counter()
            work(args.sequences)
            r.append(args.sequences / (time.perf_counter() - t0))
            print(f"{name} rep {k}: {r[-1]:.1f} sequences/s")
        rates[name] = statistics.median(r)
    print(f"torch {torch.__version__}, {args.threads} thread(s): {rates['train']:.1f} training sequences/s,"
          f" {rates['forward']:.1f} forward-only sequences/s (medians)")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"torch": torch.__version__, "threads": args.threads, "sequences_per_s": rates["train"],
                       "forward_sequences_per_s": rates["forward"]}, f)


if __name__ == "__main__":
    main()
