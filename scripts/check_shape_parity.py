#!/usr/bin/env python3
"""Shape-inference parity check: ONNXShapeInference against onnx.shape_inference.

A checking tool only (the project and its tests never need Python).

For every model of the corpora it
  1. strips the model's value_info and the types of its graph outputs (so that nothing is
     given away), saves that stripped copy under WORK/stripped/,
  2. runs `onnx.shape_inference.infer_shapes` on it (the reference encoder's call: default
     options, or `data_prop=True` with --data-prop) and keeps the type of every value in
     value_info and outputs,
  3. has the Swift side infer the same stripped files (our JSON dump; by default through the
     test `ShapeParityDumpTests`, which reads the file list from the environment), and
  4. compares element type + dims per value. Generated symbols (`unk__N`) are compared by
     name, and also counted separately as "equal up to generated symbol names".

Corpora: the ONNX backend test models of the Debian package `libonnx-testdata`, the `light`
models shipped in the onnx wheel, ../shared/spec/goldens/*/*.onnx and
../shared/data/nb301_yahpo/model_v2.onnx (those that exist).

Usage:
  python3 scripts/check_shape_parity.py [--data-prop] [--work DIR] [--ours OURS.json]
                                        [--scratch-path PATH] [--dump-command PROG] [--show N]
"""
import argparse
import collections
import glob
import json
import os
import subprocess
import sys

import onnx
from onnx import shape_inference

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")


def wheel_test_files():
    """The onnx wheel's own backend test models (newer opsets than the Debian package)."""
    data = os.path.join(os.path.dirname(onnx.__file__), "backend", "test", "data")
    files = []
    for sub in ("node", "pytorch-converted", "pytorch-operator", "simple"):
        files += sorted(glob.glob(os.path.join(data, sub, "*", "model.onnx")))
    return files


def corpus_files():
    files = []
    try:
        out = subprocess.run(["dpkg", "-L", "libonnx-testdata"], capture_output=True, text=True).stdout
        files += sorted(p for p in out.splitlines() if p.endswith("/model.onnx"))
    except OSError:
        pass
    light = os.path.join(os.path.dirname(onnx.__file__), "backend", "test", "data", "light")
    files += sorted(glob.glob(os.path.join(light, "*.onnx")))
    files += sorted(glob.glob(os.path.join(SHARED, "spec", "goldens", "*", "*.onnx")))
    yahpo = os.path.join(SHARED, "data", "nb301_yahpo", "model_v2.onnx")
    if os.path.exists(yahpo):
        files.append(yahpo)
    return files


def short_name(path):
    for marker in ("/libonnx-testdata/data/", "/backend/test/data/", "/spec/goldens/", "/shared/data/"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path


def type_json(tp):
    """{"elem": int, "shape": null | [int | str | null]} for a tensor type; None otherwise."""
    if not tp.HasField("tensor_type"):
        return None
    tt = tp.tensor_type
    shape = None
    if tt.HasField("shape"):
        shape = []
        for d in tt.shape.dim:
            if d.HasField("dim_value"):
                shape.append(d.dim_value)
            elif d.HasField("dim_param"):
                shape.append(d.dim_param)
            else:
                shape.append(None)
    return {"elem": tt.elem_type, "shape": shape}


def loosen_inputs(model, mode):
    """Stress variants: graph inputs' first dim made symbolic ('N') or unknown."""
    inits = {t.name for t in model.graph.initializer}
    for vi in model.graph.input:
        if vi.name in inits or not vi.type.HasField("tensor_type") or not vi.type.tensor_type.HasField("shape"):
            continue
        dims = vi.type.tensor_type.shape.dim
        if len(dims) == 0:
            continue
        if mode == "symbolic":
            dims[0].dim_param = "N"
        else:
            dims[0].Clear()


def strip(model):
    del model.graph.value_info[:]
    for o in model.graph.output:
        o.ClearField("type")
    return model


def producers(model):
    """value name -> op type of the node producing it (main graph)."""
    out = {}
    for n in model.graph.node:
        for o in n.output:
            out[o] = n.op_type if n.domain in ("", "ai.onnx") else n.domain + ":" + n.op_type
    return out


def reference(stripped, data_prop):
    inferred = shape_inference.infer_shapes(stripped, data_prop=data_prop)
    ref = {}
    for vi in list(inferred.graph.value_info) + list(inferred.graph.output):
        if vi.HasField("type"):
            t = type_json(vi.type)
            if t is not None:
                ref[vi.name] = t
    return ref


def run_swift(list_path, out_path, data_prop, scratch):
    env = dict(os.environ)
    env["ONNXNET_SHAPE_PARITY_LIST"] = list_path
    env["ONNXNET_SHAPE_PARITY_OUT"] = out_path
    env["ONNXNET_SHAPE_PARITY_DATA_PROP"] = "1" if data_prop else "0"
    cmd = ["swift", "test", "--filter", "ShapeParityDumpTests"]
    if scratch:
        cmd += ["--scratch-path", scratch]
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def is_generated(d):
    return isinstance(d, str) and d.startswith("unk__")


def compare(ref, ours):
    """'same', 'same_but_symbols' or 'different'."""
    if ours is None:
        return "different"
    if ref["elem"] != ours["elem"]:
        return "different"
    rs, os_ = ref["shape"], ours["shape"]
    if rs == os_:
        return "same"
    if rs is None or os_ is None or len(rs) != len(os_):
        return "different"
    for a, b in zip(rs, os_):
        if a == b:
            continue
        if is_generated(a) and is_generated(b):
            continue
        return "different"
    return "same_but_symbols"


def fmt(t):
    if t is None:
        return "none"
    s = "?" if t["shape"] is None else "[" + ",".join("?" if d is None else str(d) for d in t["shape"]) + "]"
    return onnx.TensorProto.DataType.Name(t["elem"]) + s


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", default="/tmp/onnxnet-shape-parity")
    ap.add_argument("--data-prop", action="store_true", help="compare with infer_shapes(data_prop=True)")
    ap.add_argument("--ours", help="use this JSON dump of ours instead of running the Swift side")
    ap.add_argument("--scratch-path", help="swift build scratch path")
    ap.add_argument("--dump-command", help="instead of `swift test`, run this program as PROG LIST OUT DATAPROP(0/1)")
    ap.add_argument("--show", type=int, default=400, help="exceptions to list")
    ap.add_argument("--keep-declared", action="store_true",
                    help="do not strip value_info and output types (checks merging with declared types)")
    ap.add_argument("--loosen-inputs", choices=["symbolic", "unknown"],
                    help="stress variant: make each graph input's first dim symbolic or unknown")
    ap.add_argument("--wheel-tests", action="store_true",
                    help="use the onnx wheel's backend test models instead of the corpora above")
    args = ap.parse_args()

    os.makedirs(os.path.join(args.work, "stripped"), exist_ok=True)
    files = wheel_test_files() if args.wheel_tests else corpus_files()
    stripped_paths, refs, prods, failures = [], {}, {}, []
    for i, path in enumerate(files):
        name = short_name(path)
        try:
            model = onnx.load(path, load_external_data=False)
        except Exception as e:  # noqa: BLE001 - the corpus is not ours
            failures.append((name, "load: " + str(e).splitlines()[0]))
            continue
        if not args.keep_declared:
            strip(model)
        if args.loosen_inputs:
            loosen_inputs(model, args.loosen_inputs)
        out = os.path.join(args.work, "stripped", "%04d_%s.onnx" % (i, name.replace("/", "__")))
        onnx.save(model, out)
        try:
            refs[out] = reference(model, args.data_prop)
        except Exception as e:  # noqa: BLE001
            failures.append((name, "reference inference: " + str(e).splitlines()[0]))
            continue
        prods[out] = (name, producers(model))
        stripped_paths.append(out)

    list_path = os.path.join(args.work, "files.txt")
    with open(list_path, "w") as f:
        f.write("\n".join(stripped_paths) + "\n")
    with open(os.path.join(args.work, "reference.json"), "w") as f:
        json.dump(refs, f)

    ours_path = args.ours or os.path.join(args.work, "ours.json")
    if args.dump_command:
        subprocess.run([args.dump_command, list_path, ours_path, "1" if args.data_prop else "0"], check=True)
    elif not args.ours:
        run_swift(list_path, ours_path, args.data_prop, args.scratch_path)
    with open(ours_path) as f:
        ours_all = json.load(f)

    counts = collections.Counter()
    by_op = collections.Counter()
    total_by_op = collections.Counter()
    exceptions = []
    unknown_rank_ref = 0
    for path in stripped_paths:
        name, prod = prods[path]
        ours = ours_all.get(path, {}).get("types", {})
        for value, ref in refs[path].items():
            op = prod.get(value, "(graph input)")
            if ref["shape"] is None:
                unknown_rank_ref += 1
                counts["unknown_rank_" + compare(ref, ours.get(value))] += 1
                continue
            total_by_op[op] += 1
            verdict = compare(ref, ours.get(value))
            counts[verdict] += 1
            if verdict == "different":
                by_op[op] += 1
                exceptions.append((name, op, value, fmt(ref), fmt(ours.get(value))))

    total = counts["same"] + counts["same_but_symbols"] + counts["different"]
    mode = "infer_shapes(data_prop=True)" if args.data_prop else "infer_shapes() (default options)"
    print("reference: onnx %s %s" % (onnx.__version__, mode))
    print("models: %d compared, %d skipped" % (len(stripped_paths), len(failures)))
    for n, why in failures:
        print("  skipped %s: %s" % (n, why))
    if total:
        same = counts["same"]
        print("values with a reference shape: %d" % total)
        print("  identical (type + dims + dim_param names): %d (%.2f%%)" % (same, 100.0 * same / total))
        print("  identical up to generated symbol names (unk__N): %d (%.2f%%)"
              % (same + counts["same_but_symbols"], 100.0 * (same + counts["same_but_symbols"]) / total))
        print("  different or missing: %d" % counts["different"])
    print("values the reference types without a shape: %d (we agree on %d)"
          % (unknown_rank_ref, counts["unknown_rank_same"]))
    if by_op:
        print("differences by producing op:")
        for op, n in by_op.most_common():
            print("  %-28s %4d of %4d" % (op, n, total_by_op[op]))
    if exceptions:
        print("exceptions (model, op, value, reference, ours):")
        for e in exceptions[: args.show]:
            print("  %s  %s  %s  ref=%s  ours=%s" % e)
        if len(exceptions) > args.show:
            print("  ... %d more" % (len(exceptions) - args.show))
    return 0


if __name__ == "__main__":
    sys.exit(main())
