#!/usr/bin/env python3
"""Times the Python side of the reference encoder on a directory of models: `onnx.load` +
`onnx.shape_inference.infer_shapes` (+ a plain walk over the nodes). The reference's string
building adds a little on top, so this is a lower bound of its per-model time.

Usage: python3 scripts/reference_timing.py DIR [LIMIT]"""
import glob, os, sys, time
import onnx

files = sorted(glob.glob(os.path.join(sys.argv[1], "**", "*.onnx"), recursive=True))
if len(sys.argv) > 2:
    files = files[: int(sys.argv[2])]
t0 = time.perf_counter()
n = 0
for f in files:
    m = onnx.load(f)
    m = onnx.shape_inference.infer_shapes(m)
    shapes = {v.name: [d.dim_value for d in v.type.tensor_type.shape.dim] for v in list(m.graph.value_info) + list(m.graph.output)}
    for node in m.graph.node:
        n += len(node.input)
dt = time.perf_counter() - t0
print(f"reference (onnx.load + infer_shapes + walk): {len(files)} models, {dt * 1000 / len(files):.3f} ms per model, {len(files) / dt:.1f} models/s")
