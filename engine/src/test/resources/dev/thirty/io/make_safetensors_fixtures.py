"""Writes the safetensors golden fixtures for SafeTensorsTest from real PyTorch tensors.

The `safetensors` Python package is not installed on the machine that made these fixtures (and
Debian has no package for it), so this script implements the published format by hand with
`struct` + `json`, following the reference implementation's writer:

  * 8-byte little-endian unsigned header length N, then N bytes of UTF-8 JSON, then the data buffer;
  * the JSON is compact (no spaces), `__metadata__` first, then one entry per tensor with keys in
    the order dtype, shape, data_offsets; offsets are relative to the start of the data buffer;
  * tensors are laid out contiguously, ordered by dtype alignment (largest first: F64, F32, BF16,
    F16) and then by name;
  * the header is padded with spaces to a multiple of 8 bytes.

Outputs, beside this script:
  torch_f32.safetensors    F32 tensors of several ranks (scalar, empty, vector, matrix, 3-d)
                           with metadata; the Java writer must reproduce it byte for byte
  torch_f32.json           the same values in testkit Golden format (shape + flat data),
                           except tensors holding inf/nan
  torch_mixed.safetensors  F64, F32, BF16 and F16 tensors
  torch_mixed.json         their values converted to float32 by torch (`t.float()`), except
                           tensors holding inf/nan

Each file is read back by an independent parser below (torch.frombuffer) as a self-check.
`--check FILE` parses any safetensors file (e.g. one written by Thirty) and prints its tensors.

Run with Debian's PyTorch:  python3 make_safetensors_fixtures.py
"""
import json
import os
import struct
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))

# name -> (element bytes, alignment rank used for ordering); larger rank is laid out first.
DTYPES = {
    torch.float64: ("F64", 8, 3),
    torch.float32: ("F32", 4, 2),
    torch.bfloat16: ("BF16", 2, 1),
    torch.float16: ("F16", 2, 0),
}
TORCH_OF = {"F64": torch.float64, "F32": torch.float32, "BF16": torch.bfloat16, "F16": torch.float16}


def raw_bytes(t):
    """Row-major little-endian bytes of a tensor (the machine is little-endian; checked below)."""
    assert sys.byteorder == "little"
    t = t.contiguous()
    if t.dtype == torch.bfloat16:
        return t.view(torch.int16).numpy().tobytes()
    return t.numpy().tobytes()


def save(path, tensors, metadata):
    order = sorted(tensors, key=lambda n: (-DTYPES[tensors[n].dtype][2], n.encode("utf-8")))
    header = {}
    if metadata:
        header["__metadata__"] = metadata
    buffers = []
    offset = 0
    for name in order:
        t = tensors[name]
        data = raw_bytes(t)
        header[name] = {"dtype": DTYPES[t.dtype][0], "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(data)]}
        buffers.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in buffers:
            f.write(b)


def load(path):
    with open(path, "rb") as f:
        blob = f.read()
    (n,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + n].decode("utf-8"))
    metadata = header.pop("__metadata__", {})
    data = blob[8 + n:]
    out = {}
    for name, e in header.items():
        begin, end = e["data_offsets"]
        dtype = TORCH_OF[e["dtype"]]
        chunk = bytearray(data[begin:end])
        t = torch.frombuffer(chunk, dtype=dtype) if chunk else torch.empty(0, dtype=dtype)
        out[name] = t.reshape(e["shape"])
    covered = sum(e["data_offsets"][1] - e["data_offsets"][0] for e in header.values())
    assert covered == len(data), f"{path}: {len(data) - covered} bytes not covered by tensors"
    return out, metadata


def golden(path, tensors, note):
    """Testkit Golden JSON. Tensors holding inf/nan are left out (strict JSON has no Infinity);
    the Java test states their values itself."""
    doc = {"__meta__": {"generator": os.path.basename(__file__), "torch": torch.__version__, "note": note}}
    for name, t in tensors.items():
        if torch.isfinite(t.float()).all():
            doc[name] = {"shape": list(t.shape), "data": t.float().flatten().tolist()}
    with open(path, "w") as f:
        json.dump(doc, f, allow_nan=False)
        f.write("\n")


def main():
    torch.manual_seed(1234)
    f32 = {
        "linear.weight": torch.randn(4, 3),
        "linear.bias": torch.randn(4),
        "embedding.weight": torch.randn(5, 2),
        "conv.weight": torch.randn(2, 1, 3),
        "step": torch.tensor(7.5),
        "empty": torch.zeros(0, 3),
        "specials": torch.tensor([0.0, -0.0, float("inf"), float("-inf"), 1e-40, 3.4028235e38]),
    }
    meta = {"format": "pt", "made_by": "make_safetensors_fixtures.py"}
    save(os.path.join(HERE, "torch_f32.safetensors"), f32, meta)
    golden(os.path.join(HERE, "torch_f32.json"), f32, "float32 tensors of torch_f32.safetensors")

    base = torch.randn(2, 3) * 3
    mixed = {
        "double": base.double() / 7,
        "single": base.clone(),
        "half": (base / 5).half(),
        "brain": (base * 11).bfloat16(),
        "half_specials": torch.tensor([65504.0, -65504.0, 6e-8, float("inf"), -0.0], dtype=torch.float16),
    }
    save(os.path.join(HERE, "torch_mixed.safetensors"), mixed, {})
    golden(os.path.join(HERE, "torch_mixed.json"), mixed, "torch_mixed.safetensors values as float32 (t.float())")

    for stem, src in (("torch_f32", f32), ("torch_mixed", mixed)):
        back, _ = load(os.path.join(HERE, stem + ".safetensors"))
        for name, t in src.items():
            assert back[name].dtype == t.dtype and torch.equal(back[name], t), (stem, name)
    print("wrote torch_f32 and torch_mixed fixtures; read back identically")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        tensors, metadata = load(sys.argv[2])
        print("metadata:", metadata)
        for name, t in tensors.items():
            print(name, t.dtype, tuple(t.shape), t.flatten()[:8].tolist())
    else:
        main()
