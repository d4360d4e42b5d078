#!/usr/bin/env python3
"""Derive the compact embedded label tables of ONNXBench from ../shared/data.

Data preparation only: the Swift package reads the generated files in
Sources/ONNXBench/Resources/ and never needs this script or ../shared at run time.

    python3 scripts/make_labels.py [--shared ../shared] [--out Sources/ONNXBench/Resources]

Output is deterministic (same inputs -> same bytes). Every table carries a description line
naming its source file and that file's SHA-256, so each figure stays traceable.

Table format ("ONNXLBL1", little-endian), read by Sources/ONNXBench/Labels/LabelTable.swift:
    magic            8 bytes  b"ONNXLBL1"
    row_count        u32
    column_count     u32
    description_len  u32, then that many UTF-8 bytes
    column_count times:
        name_len u8, name (UTF-8)
        kind     u8   1 = float64, 2 = float32, 3 = uint32, 4 = fixed-width bytes
        width    u32  bytes per row (8, 4, 4, or the byte width)
        data     row_count * width bytes, row-major
    nothing after the last column.
A NaN in a float column means "no value in the source" (the loader omits that label).
"""
import argparse
import ast
import csv
import hashlib
import json
import math
import os
import struct
import sys

MAGIC = b"ONNXLBL1"
F64, F32, U32, BYTES = 1, 2, 3, 4

# NB201 op order used by the embedded table (index into this list, in string order).
NB201_OPS = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"]
# NASLib's NB201 op order and edge order (its 6-tuple lists edges (1,2),(1,3),(1,4),(2,3),(2,4),(3,4),
# which are positions 0,1,3,2,4,5 of the official string).
NASLIB_NB201_OPS = ["skip_connect", "none", "nor_conv_3x3", "nor_conv_1x1", "avg_pool_3x3"]
NASLIB_NB201_TUPLE_TO_STRING_POSITION = [0, 1, 3, 2, 4, 5]
NB201_EDGE_SOURCES = [0, 0, 1, 0, 1, 2]  # op~j of each string position


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def nb201_string(ops):
    """Official NB201 architecture string from 6 op indices (string order)."""
    tokens = [f"{NB201_OPS[o]}~{j}" for o, j in zip(ops, NB201_EDGE_SOURCES)]
    return "|" + tokens[0] + "|+|" + "|".join(tokens[1:3]) + "|+|" + "|".join(tokens[3:6]) + "|"


def write_table(path, description, row_count, columns):
    """columns: list of (name, kind, width, bytes)."""
    out = bytearray(MAGIC)
    desc = description.encode("utf-8")
    out += struct.pack("<III", row_count, len(columns), len(desc)) + desc
    for name, kind, width, data in columns:
        raw = name.encode("utf-8")
        assert len(raw) < 256 and len(data) == row_count * width, name
        out += struct.pack("<B", len(raw)) + raw + struct.pack("<BI", kind, width) + data
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(out)
    os.replace(tmp, path)
    return len(out)


def f64(values):
    return ("f64", F64, 8, struct.pack(f"<{len(values)}d", *values))


def column(name, packed):
    _, kind, width, data = packed
    return (name, kind, width, data)


def f32_exact(values):
    packed = struct.pack(f"<{len(values)}f", *values)
    back = struct.unpack(f"<{len(values)}f", packed)
    assert all(a == b for a, b in zip(values, back)), "value not exactly representable as float32"
    return ("f32", F32, 4, packed)


def u32(values):
    assert all(0 <= v < 2**32 and int(v) == v for v in values)
    return ("u32", U32, 4, struct.pack(f"<{len(values)}I", *[int(v) for v in values]))


def byte_rows(rows, width):
    assert all(len(r) == width and all(0 <= b < 256 for b in r) for r in rows)
    return ("bytes", BYTES, width, b"".join(bytes(r) for r in rows))


def description(shared, rel, what):
    path = os.path.join(shared, "data", rel)
    return f"{what}; derived from ../shared/data/{rel} sha256={sha256(path)} by scripts/make_labels.py"


def make_nb201(shared, out):
    rel = "nb201_cifar10_cifar100_imagenet16_test200.csv"
    with open(os.path.join(shared, "data", rel), newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 15625
    ops_rows = []
    for r in rows:
        groups = r["ArchitectureString"].strip("|").split("|+|")
        ops = [NB201_OPS.index(t.split("~")[0]) for g in groups for t in g.split("|")]
        assert len(ops) == 6 and nb201_string(ops) == r["ArchitectureString"], r["ArchitectureString"]
        ops_rows.append(ops)
    assert len({tuple(o) for o in ops_rows}) == 15625
    cols = {"cifar10_test_acc_200ep": "CIFAR10TestAccuracy200Epochs",
            "cifar100_test_acc_200ep": "CIFAR100TestAccuracy200Epochs",
            "imagenet16_120_test_acc_200ep": "ImageNetTestAccuracy200Epochs"}
    columns = [column("ops", byte_rows(ops_rows, 6))]
    for name, src in cols.items():
        values = [float(r[src]) for r in rows]
        # Full precision: the CSV text is the shortest round-trip form of each double.
        assert all(repr(v) == r[src] for v, r in zip(values, rows))
        columns.append(column(name, f64(values)))
    desc = description(shared, rel, "NAS-Bench-201 all cells in official index order")
    return write_table(os.path.join(out, "nb201_test200.bin"), desc, len(rows), columns)


def make_nb101_hashed(shared, out):
    rel = "nb101/nb101_first20k_by_hash.json"
    with open(os.path.join(shared, "data", rel)) as f:
        d = json.load(f)
    keys = d["key"]
    n = len(keys)
    assert n == 20001 and len(set(keys)) == n and keys == sorted(keys)
    columns = [column("hash", byte_rows([bytes.fromhex(k) for k in keys], 16))]
    for epochs in (4, 12, 36, 108):
        values = d[f"{epochs}_final_validation_accuracy"]
        assert len(values) == n and all(0.0 <= v <= 1.0 for v in values)
        # The source values are float32 numbers printed as doubles: float32 keeps them exactly.
        columns.append(column(f"val_acc_{epochs}ep_fraction", f32_exact(values)))
    params = d["trainable_parameters"]
    assert len(params) == n
    columns.append(column("trainable_parameters", u32(params)))
    desc = description(shared, rel, "NAS-Bench-101 first 20,001 cells by module hash")
    return write_table(os.path.join(out, "nb101_first20k.bin"), desc, n, columns)


def make_nb101_naslib(shared, out):
    rel = "naslib/zc_nasbench101.json"
    with open(os.path.join(shared, "data", rel)) as f:
        cells = json.load(f)["nasbench101"]["cifar10"]
    assert len(cells) == 500
    adjacency, ops, acc, params, flops = [], [], [], [], []
    for key, v in cells.items():
        t = ast.literal_eval(key)
        assert len(t) == 56 and str(t) == key
        assert all(b in (0, 1) for b in t[:49]) and all(0 <= o <= 4 for o in t[49:])
        adjacency.append(t[:49])
        ops.append(t[49:])
        acc.append(float(v["val_accuracy"]))
        params.append(float(v["params"]))
        flops.append(float(v["flops"]))
    columns = [column("adjacency", byte_rows(adjacency, 49)), column("naslib_ops", byte_rows(ops, 7)),
               column("val_acc_108ep", f64(acc)), column("params_m", f64(params)),
               column("flops_m", f64(flops))]
    desc = description(shared, rel, "NAS-Bench-101 cells with graphs from NASLib (file order)")
    return write_table(os.path.join(out, "nb101_naslib.bin"), desc, len(cells), columns)


def make_nb201_naslib(shared, out):
    rel = "naslib/zc_nasbench201.json"
    with open(os.path.join(shared, "data", rel)) as f:
        z = json.load(f)
    keys = list(z["cifar10"].keys())
    assert len(keys) == 725
    datasets = [("cifar10", "cifar10"), ("cifar100", "cifar100"), ("imagenet16_120", "ImageNet16-120")]
    for _, src in datasets:
        assert set(z[src]) <= set(keys)
    tuples = []
    for k in keys:
        t = ast.literal_eval(k)
        assert len(t) == 6 and str(t) == k and all(0 <= o <= 4 for o in t)
        tuples.append(t)
    check_naslib_nb201_mapping(shared, tuples, [z["cifar10"][k]["val_accuracy"] for k in keys])
    columns = [column("naslib_ops", byte_rows(tuples, 6))]
    for name, src in datasets:
        entries = [z[src].get(k) for k in keys]
        nan = float("nan")
        columns.append(column(f"{name}_val_acc", f64([e["val_accuracy"] if e else nan for e in entries])))
        columns.append(column(f"{name}_params_m", f64([e["params"]["score"] if e else nan for e in entries])))
        columns.append(column(f"{name}_flops_m", f64([e["flops"]["score"] if e else nan for e in entries])))
    desc = description(shared, rel, "NAS-Bench-201 cells from NASLib (file order of the cifar10 table)")
    return write_table(os.path.join(out, "nb201_naslib.bin"), desc, len(keys), columns)


def check_naslib_nb201_mapping(shared, tuples, naslib_val):
    """The documented tuple->string mapping must pair NASLib's validation accuracies with the
    official test accuracies of the same cells (a wrong mapping gives a weak correlation)."""
    rel = "nb201_cifar10_cifar100_imagenet16_test200.csv"
    with open(os.path.join(shared, "data", rel), newline="") as f:
        official = {r["ArchitectureString"]: float(r["CIFAR10TestAccuracy200Epochs"]) for r in csv.DictReader(f)}
    test = []
    for t in tuples:
        ops = [0] * 6
        for i, p in enumerate(NASLIB_NB201_TUPLE_TO_STRING_POSITION):
            ops[p] = NB201_OPS.index(NASLIB_NB201_OPS[t[i]])
        test.append(official[nb201_string(ops)])
    n = len(test)
    mx, my = sum(naslib_val) / n, sum(test) / n
    cov = sum((a - mx) * (b - my) for a, b in zip(naslib_val, test))
    r = cov / math.sqrt(sum((a - mx) ** 2 for a in naslib_val) * sum((b - my) ** 2 for b in test))
    assert r > 0.95, f"NASLib NB201 mapping looks wrong (Pearson {r:.3f})"


def make_nb301(shared, out):
    rel = "naslib/zc_nasbench301.json"
    with open(os.path.join(shared, "data", rel)) as f:
        cells = json.load(f)["cifar10"]
    assert len(cells) == 725
    genotypes, acc, params, flops = [], [], [], []
    for key, v in cells.items():
        g = ast.literal_eval(key)
        assert str(g) == key and len(g) == 2 and all(len(c) == 8 for c in g)
        flat = [x for cell in g for pair in cell for x in pair]
        assert all(0 <= x <= 6 for x in flat)
        genotypes.append(flat)
        acc.append(float(v["val_accuracy"]))
        params.append(float(v["params"]["score"]))
        flops.append(float(v["flops"]["score"]))
    columns = [column("genotype", byte_rows(genotypes, 32)), column("val_acc_nb301_surrogate", f64(acc)),
               column("params_m", f64(params)), column("flops_m", f64(flops))]
    desc = description(shared, rel, "DARTS-space cells from NASLib; accuracies are NB301 v1.0 surrogate predictions")
    return write_table(os.path.join(out, "nb301_naslib.bin"), desc, len(cells), columns)


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--shared", default=os.path.join(root, "..", "shared"))
    p.add_argument("--out", default=os.path.join(root, "Sources", "ONNXBench", "Resources"))
    a = p.parse_args()
    if not os.path.isdir(os.path.join(a.shared, "data")):
        sys.exit(f"no data folder under {a.shared}")
    total = 0
    for make in (make_nb201, make_nb101_hashed, make_nb101_naslib, make_nb201_naslib, make_nb301):
        size = make(a.shared, a.out)
        total += size
        print(f"{make.__name__}: {size} bytes")
    print(f"total: {total} bytes")


if __name__ == "__main__":
    main()
