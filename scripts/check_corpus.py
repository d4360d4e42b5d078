#!/usr/bin/env python3
"""Wide check of the ONNX core against Python `onnx` over real models nobody here wrote.

Corpus: the ONNX backend node tests (Debian: `apt-get install libonnx-testdata`), the `light`
CNNs shipped in the onnx wheel (`pip install onnx`), and ../shared/data/nb301_yahpo/model_v2.onnx.
For every file: `onnxnet inspect --json` must report the node count, op histogram and parameter
count Python reports; `onnxnet convert` (load -> save) must give a model equal to the original
(protobuf message equality) that still passes onnx.checker when the original did.

Usage: python3 scripts/check_corpus.py [path/to/onnxnet]   (default .build/release/onnxnet)
"""
import glob, json, os, subprocess, sys, tempfile
import onnx

exe = sys.argv[1] if len(sys.argv) > 1 else ".build/release/onnxnet"
light = os.path.join(os.path.dirname(onnx.__file__), "backend", "test", "data", "light")
files = sorted(glob.glob("/usr/share/libonnx-testdata/data/**/model.onnx", recursive=True))
files += sorted(glob.glob(os.path.join(light, "*.onnx")))
yahpo = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "nb301_yahpo", "model_v2.onnx")
if os.path.exists(yahpo):
    files.append(yahpo)

def figures(m):
    hist = {}
    for n in m.graph.node:
        hist[n.op_type] = hist.get(n.op_type, 0) + 1
    params = 0
    for t in m.graph.initializer:
        c = 1
        for d in t.dims:
            c *= d
        params += c
    return len(m.graph.node), hist, params

stats = {"files": 0, "figures_equal": 0, "round_trip_equal": 0, "checker_kept": 0, "checker_orig_ok": 0}
problems = []
tmp = tempfile.mkdtemp()
for f in files:
    stats["files"] += 1
    m = onnx.load(f, load_external_data=False)
    n, hist, params = figures(m)
    r = subprocess.run([exe, "inspect", "--json", f], capture_output=True, text=True)
    if r.returncode != 0:
        problems.append((f, "inspect failed: " + r.stderr.strip()))
        continue
    j = json.loads(r.stdout)
    if (j["node_count"], j["op_histogram"], j["parameter_count"]) == (n, hist, params):
        stats["figures_equal"] += 1
    else:
        problems.append((f, "figures differ"))
    out = os.path.join(tmp, "rt.onnx")
    r = subprocess.run([exe, "convert", f, "-o", out], capture_output=True, text=True)
    if r.returncode != 0:
        problems.append((f, "convert failed: " + r.stderr.strip()))
        continue
    m2 = onnx.load(out, load_external_data=False)
    if m2 == m:
        stats["round_trip_equal"] += 1
    else:
        problems.append((f, "round trip differs"))
    try:
        onnx.checker.check_model(m)
        stats["checker_orig_ok"] += 1
        try:
            onnx.checker.check_model(m2)
            stats["checker_kept"] += 1
        except Exception as e:
            problems.append((f, "checker fails after round trip: %s" % str(e)[:200]))
    except Exception:
        pass
print(json.dumps(stats, indent=1))
for p in problems[:50]:
    print("PROBLEM", *p)
sys.exit(1 if problems else 0)
