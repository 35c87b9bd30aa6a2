#!/usr/bin/env python3
"""Times the word-level PTB language model of thirty run ptb-lstm in PyTorch: training words per second of
Zaremba et al.'s small (2 x 200, 20 steps) and medium (2 x 650, 35 steps, dropout 0.5) configurations, batch
20, a 10,000-word vocabulary. One step is what thirty's does: embedding, dropout, a 2-layer nn.LSTM
(batch_first, the state carried over from the step before, detached), dropout, the 10k-way decoder, the
cross-entropy averaged over the batch and summed over the steps, backward, global-norm clipping at 5, plain
SGD at lr 1. Random word ids stand in for PTB (the speed does not depend on which words they are).
Prints a line per configuration and thread count (the median of --reps timings of --iters steps each);
--json FILE writes {"torch": version, "results": [{"config", "threads", "words_per_s"}, ...]}.
Run with Debian's python3-torch through the shared bench's torch.sh (which picks an honest BLAS), e.g.
  torch.sh ptb_lstm.py --threads 1,2 --json ptb.json   (from a copy of this file beside torch.sh)
or plainly: python3 ptb_lstm.py --threads 1,2"""
import argparse
import json
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

VOCAB, BATCH = 10000, 20
CONFIGS = {"small": (200, 20, 0.0, 0.1), "medium": (650, 35, 0.5, 0.05)}  # hidden, steps, dropout, init


class Model(nn.Module):
    def __init__(self, hidden, dropout, init):
        super().__init__()
        self.encoder = nn.Embedding(VOCAB, hidden)
        self.rnn = nn.LSTM(hidden, hidden, num_layers=2, batch_first=True, dropout=dropout)
        self.drop = nn.Dropout(dropout)
        self.decoder = nn.Linear(hidden, VOCAB)
        for p in self.parameters():
            nn.init.uniform_(p, -init, init)

    def forward(self, ids, state):
        out, state = self.rnn(self.drop(self.encoder(ids)), state)
        return self.decoder(self.drop(out).reshape(-1, out.shape[2])), state


def words_per_second(name, iters, reps):
    hidden, steps, dropout, init = CONFIGS[name]
    torch.manual_seed(7)
    model = Model(hidden, dropout, init)
    model.train()
    opt = torch.optim.SGD(model.parameters(), lr=1.0)
    ids = torch.randint(0, VOCAB, (BATCH, steps))
    targets = torch.randint(0, VOCAB, (BATCH * steps,))
    state = (torch.zeros(2, BATCH, hidden), torch.zeros(2, BATCH, hidden))

    def step(state):
        opt.zero_grad()
        logits, state = model(ids, state)
        (F.cross_entropy(logits, targets) * steps).backward()
        nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        opt.step()
        return tuple(s.detach() for s in state)

    for _ in range(max(3, iters // 2)):
        state = step(state)
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        for _ in range(iters):
            state = step(state)
        times.append((time.perf_counter() - t0) / iters)
    return BATCH * steps / statistics.median(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", default="1,2", help="comma-separated thread counts")
    ap.add_argument("--configs", default="small,medium")
    ap.add_argument("--iters", type=int, default=20, help="steps per timing")
    ap.add_argument("--reps", type=int, default=5, help="timings per figure; the median is reported")
    ap.add_argument("--json", default=None)
    args = ap.parse_args()
    results = []
    for t in [int(x) for x in args.threads.split(",")]:
        torch.set_num_threads(t)
        for name in args.configs.split(","):
            rate = words_per_second(name, args.iters, args.reps)
            print(f"{name:7s} threads {t}: {rate:9.0f} words/s (torch {torch.__version__})", flush=True)
            results.append({"config": name, "threads": t, "words_per_s": rate})
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"torch": torch.__version__, "results": results}, f, indent=1)


if __name__ == "__main__":
    main()
