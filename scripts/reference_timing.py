#!/usr/bin/env python3
"""Times the Python reference encoder of ONNX-Net (Qin et al. 2025) on a directory of models.

Two costs are measured per model, over the same files in the same run (for each file both are
timed back to back, their order alternating from file to file, so that drift in machine load
affects both alike; the first file is run once untimed beforehand as a warm-up):

  (a) lower bound: `onnx.load` + `onnx.shape_inference.infer_shapes` + a plain walk over the
      nodes (what this script timed before; its printed line is unchanged);
  (b) full reference: `onnx.load` + `infer_shapes` + building the `chain_slim` string, as the
      reference's `ONNXConverter.get_onnx_str(mode='chain_slim')` does it (the BERT token count
      that the reference also computes is not included).

`chain_slim` is implemented below from `shared/spec/encoding.md`, written the way the reference
is written (lists and dicts of names, string concatenation, each attribute rendered twice), so
that its time stands for the reference's; it is deliberately not optimised. (The walk follows
`get_onnx_infos_chain_slim` in the reference, shiwenqin/ONNX-Net commit 4b9e9a6,
`src/process/utils.py`, which the spec describes.) Where the reference
raises (a shape that is not known, a dangling chain ending in an unnamed value), this raises too
and the model counts as failed; its time up to the exception is still counted.

Printed: mean ms per model and models/s for (a) and (b), then medians over files, the time of
the string building alone, and the number of failures.

Usage:
  python3 scripts/reference_timing.py DIR [LIMIT] [-v] [-r R]
                                     timing (all *.onnx under DIR, sorted; first LIMIT only;
                                     -v: one line per file; -r R: time each file R times each
                                     way and keep the per-file medians, default 1; useful for
                                     big models with weights, whose load time is noisy)
  python3 scripts/reference_timing.py --check [DIR]      encode every golden X.onnx under DIR
                                                         (default ../shared/spec/goldens from the
                                                         repository root, i.e. /work/shared/...) and
                                                         compare with X.json's chain_slim string
  python3 scripts/reference_timing.py --encode FILE      print one model's chain_slim string
                                                         (no newline added)

Only `onnx` (1.17) and the standard library are needed."""
import glob, json, os, statistics, sys, time
import onnx


# ---------------------------------------------------------------------------------------------
# The reference's chain_slim encoding (spec: shared/spec/encoding.md)

def attr_to_str(a):
    """Renders one attribute as the reference does. Scalars (INT, FLOAT, STRING) render as the
    empty repeated field, `[]`, and are therefore skipped by the caller."""
    t = a.type
    if t == onnx.AttributeProto.FLOAT:
        return str(a.floats)
    elif t == onnx.AttributeProto.FLOATS:
        # the floats are float32 widened to Python floats: repr gives 0.10000000149011612
        return str(a.floats).replace(" ", "")
    elif t == onnx.AttributeProto.INT:
        return str(a.ints)
    elif t == onnx.AttributeProto.INTS:
        if len(set(list(a.ints))) == 1:  # all equal: one value
            return str(a.ints[0])
        return str(a.ints).replace(" ", "")
    elif t == onnx.AttributeProto.STRING:
        return str(a.strings)
    elif t == onnx.AttributeProto.STRINGS:
        return str(a.strings).replace(" ", "")
    elif t == onnx.AttributeProto.TENSOR or t == onnx.AttributeProto.GRAPH or t == onnx.AttributeProto.SPARSE_TENSOR:
        return "<BLOB>"
    elif t == onnx.AttributeProto.TENSORS or t == onnx.AttributeProto.GRAPHS or t == onnx.AttributeProto.SPARSE_TENSORS:
        return "<BLOB,...>"
    elif t == onnx.AttributeProto.TYPE_PROTO:
        return "<TYPE>"
    elif t == onnx.AttributeProto.TYPE_PROTOS:
        return "<TYPE,...>"
    elif t == onnx.AttributeProto.UNDEFINED:
        return "undefined"
    raise AssertionError(f"unknown attribute type {t}")


def chain_slim(model):
    """The chain_slim string of a model on which shape inference has already been run.
    Raises (KeyError) where the reference raises."""
    g = model.graph

    # shape map: intermediate values and graph outputs only (graph inputs are not in it)
    shapes = {}
    for vi in g.value_info:
        shapes[vi.name] = "x".join([str(d.dim_value) for d in vi.type.tensor_type.shape.dim])
    for vi in g.output:
        shapes[vi.name] = "x".join([str(d.dim_value) for d in vi.type.tensor_type.shape.dim])
    inputs = [vi.name for vi in g.input]          # lists, as in the reference (linear look-ups)
    params = [init.name for init in g.initializer]

    # names: inputs, then initializers, then outputs; later entries overwrite earlier ones
    name = {}
    for vi in g.input:
        name[vi.name] = "x".join([str(d.dim_value) for d in vi.type.tensor_type.shape.dim])
    for init in g.initializer:
        name[init.name] = "Param" + str(init.dims).replace(" ", "")
    for vi in g.output:
        name[vi.name] = "Out"

    k = 1
    out = ""
    cur = None
    for node in g.node:
        data = [x for x in node.input if x not in inputs and x not in params]
        side = [name[x] for x in node.input if x in inputs or x in params]
        attrs = ",".join([a.name + "=" + attr_to_str(a) for a in node.attribute if attr_to_str(a) != "[]"])
        op = node.op_type
        if len(data) == 1 and len(node.output) == 1:
            # chainable
            if cur is None:
                out += op + "("
                if len(side) > 0:
                    if data[0] in name:
                        out += name[data[0]] + ", " + ", ".join(side) + ")"
                    else:
                        out += "prev, " + ", ".join(side) + ")"
                else:
                    out += (name[data[0]] + ")") if data[0] in name else "prev)"
            elif cur in data:
                out += op + "("
                if len(side) > 0:
                    out += "prev, " + ", ".join(side) + ")"
                else:
                    out += "prev)"
            else:
                # break the chain and restart
                name[cur] = "Value" + str(k)
                k += 1
                if cur in shapes:
                    out += name[cur] + ":" + shapes[cur] + "\n"
                else:
                    out += name[cur] + "\n"
                out += op + "("
                if len(side) > 0:
                    if data[0] in name:
                        out += name[data[0]] + ", " + ", ".join(side) + ")"
                    else:
                        out += "prev, " + ", ".join(side) + ")"
                else:
                    out += ")"  # quirk: the restarted chain's input is dropped
            if attrs != "":
                out += "(" + attrs + ") --> "
            else:
                out += " --> "
            cur = node.output[0]
        else:
            # not chainable: close the open chain, print the node on its own line
            if cur is not None:
                name[cur] = "Value" + str(k)
                out += name[cur] + ":" + shapes[cur]  # KeyError when unknown (reference fails)
                k += 1
                out += "\n"
            out += op + "("
            for x in node.input:
                if x in name:
                    out += name[x] + ", "
                else:
                    out += "prev, "
            out = out[:-2]  # quirk: with no inputs this eats "(" and the op's last letter
            if attrs != "":
                out += ")(" + attrs + ") --> "
            else:
                out += ") --> "
            for o in node.output:
                if o not in name:
                    name[o] = "Value" + str(k)
                    k += 1
            out += ", ".join([name[o] for o in node.output]) + ":" + shapes[node.output[0]]  # KeyError when unknown
            out += "\n"
            cur = None
    if cur is not None:
        out += name[cur]  # KeyError when the dangling value has no name
    return out


def load_and_infer(path):
    m = onnx.load(path)
    return onnx.shape_inference.infer_shapes(m)


# ---------------------------------------------------------------------------------------------
# --check: the golden models

def check(d):
    files = sorted(glob.glob(os.path.join(d, "**", "*.onnx"), recursive=True))
    ok = 0
    bad = []
    for f in files:
        j = os.path.splitext(f)[0] + ".json"
        if not os.path.exists(j):
            bad.append((f, "no .json beside it"))
            continue
        with open(j) as fh:
            want = json.load(fh)["encodings"].get("chain_slim")
        try:
            got = chain_slim(load_and_infer(f))
            err = None
        except Exception as e:
            got, err = None, f"{type(e).__name__}: {e}"
        if got == want:  # a golden of None means the reference failed too
            ok += 1
            continue
        if err is not None:
            bad.append((f, f"raised {err}, golden has a string"))
        elif want is None:
            bad.append((f, "encoded, but the golden says the reference failed"))
        else:
            i = 0
            while i < min(len(got), len(want)) and got[i] == want[i]:
                i += 1
            bad.append((f, f"differs at char {i} (lengths {len(got)} vs golden {len(want)}): "
                           f"got {got[max(0, i - 40):i + 40]!r}, golden {want[max(0, i - 40):i + 40]!r}"))
    for f, why in bad:
        print(f"MISMATCH {os.path.relpath(f, d)}: {why}")
    print(f"chain_slim golden check: {ok}/{len(files)} match ({d})")
    return 0 if ok == len(files) else 1


# ---------------------------------------------------------------------------------------------
# timing

def time_lower_bound(f):
    t0 = time.perf_counter()
    m = onnx.load(f)
    m = onnx.shape_inference.infer_shapes(m)
    shapes = {v.name: [d.dim_value for d in v.type.tensor_type.shape.dim] for v in list(m.graph.value_info) + list(m.graph.output)}
    n = 0
    for node in m.graph.node:
        n += len(node.input)
    return time.perf_counter() - t0


def time_full(f):
    """(total seconds, seconds spent building the string, failed?)"""
    t0 = time.perf_counter()
    m = onnx.load(f)
    m = onnx.shape_inference.infer_shapes(m)
    t1 = time.perf_counter()
    failed = False
    try:
        s = chain_slim(m)
    except Exception:
        failed = True
    t2 = time.perf_counter()
    return t2 - t0, t2 - t1, failed


def timing(d, limit, verbose, repeat):
    files = sorted(glob.glob(os.path.join(d, "**", "*.onnx"), recursive=True))
    if limit is not None:
        files = files[:limit]
    if not files:
        sys.exit(f"no .onnx files under {d}")
    try:  # warm-up, untimed: first-call costs (schema registry, imports) are not a model's
        time_lower_bound(files[0]); time_full(files[0])
    except Exception:
        pass
    ta, tb, tenc, names, failed = [], [], [], [], []
    for i, f in enumerate(files):
        try:
            ra, rb, rs, bad = [], [], [], False
            for r in range(repeat):
                if (i + r) % 2 == 0:
                    a = time_lower_bound(f)
                    b, e, bad_r = time_full(f)
                else:
                    b, e, bad_r = time_full(f)
                    a = time_lower_bound(f)
                ra.append(a); rb.append(b); rs.append(e); bad = bad or bad_r
            a, b, e = statistics.median(ra), statistics.median(rb), statistics.median(rs)
        except Exception as ex:  # onnx.load / infer_shapes failed: the reference fails too
            failed.append(f)
            if verbose:
                print(f"{f}: load/infer failed: {type(ex).__name__}: {ex}")
            continue
        ta.append(a); tb.append(b); tenc.append(e); names.append(f)
        if bad:
            failed.append(f)
        if verbose:
            print(f"{f}: (a) {a * 1000:.3f} ms  (b) {b * 1000:.3f} ms  (string {e * 1000:.3f} ms){'  FAILED' if bad else ''}")
    n = len(ta)
    if n == 0:
        sys.exit(f"all {len(files)} models failed to load")
    sa, sb, se = sum(ta), sum(tb), sum(tenc)
    ma, mb, me = statistics.median(ta), statistics.median(tb), statistics.median(tenc)
    print(f"reference (onnx.load + infer_shapes + walk): {n} models, {sa * 1000 / n:.3f} ms per model, {n / sa:.1f} models/s")
    print(f"reference full (onnx.load + infer_shapes + chain_slim string): {n} models, {sb * 1000 / n:.3f} ms per model, {n / sb:.1f} models/s, {len(failed)} failed")
    print(f"  medians over files: (a) {ma * 1000:.3f} ms per model ({1 / ma:.1f} models/s); "
          f"(b) {mb * 1000:.3f} ms per model ({1 / mb:.1f} models/s)")
    print(f"  chain_slim string alone: mean {se * 1000 / n:.3f} ms, median {me * 1000:.3f} ms per model; "
          f"(b)/(a) = {sb / sa:.3f} (means), {mb / ma:.3f} (medians)")
    if failed:
        print(f"  failed ({len(failed)}): " + ", ".join(os.path.relpath(f, d) for f in failed[:10]) + (" ..." if len(failed) > 10 else ""))


def main(argv):
    if len(argv) >= 1 and argv[0] == "--check":
        default = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "spec", "goldens"))
        return check(argv[1] if len(argv) > 1 else default)
    if len(argv) >= 1 and argv[0] == "--encode":
        if len(argv) != 2:
            sys.exit("usage: reference_timing.py --encode FILE")
        sys.stdout.write(chain_slim(load_and_infer(argv[1])))
        return 0
    verbose, repeat, args = False, 1, []
    it = iter(argv)
    for a in it:
        if a == "-v":
            verbose = True
        elif a == "-r":
            repeat = int(next(it, "1"))
        else:
            args.append(a)
    if not args or len(args) > 2 or repeat < 1:
        sys.exit(__doc__)
    timing(args[0], int(args[1]) if len(args) > 1 else None, verbose, repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
