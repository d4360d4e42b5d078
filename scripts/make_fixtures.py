#!/usr/bin/env python3
"""Builds Tests/ONNXModelTests/Fixtures/feature_zoo.onnx (one model that uses every ONNX
message and attribute type we model) and writes expected.json with the figures Python
`onnx` reports for every fixture. Run on a machine with `pip install onnx`; the Swift tests
only read the files this writes."""
import json, os, glob
import numpy as np
import onnx
from onnx import helper, TensorProto, numpy_helper

here = os.path.join(os.path.dirname(__file__), "..", "Tests", "ONNXModelTests", "Fixtures")

def zoo():
    X = helper.make_tensor_value_info("X", TensorProto.FLOAT, ["N", 3])
    Y = helper.make_tensor_value_info("Y", TensorProto.FLOAT, ["N", 3])
    W = numpy_helper.from_array(np.arange(9, dtype=np.float32).reshape(3, 3), "W")
    H = helper.make_tensor("H", TensorProto.FLOAT16, [2], [1.5, -2.0])
    BF = helper.make_tensor("BF", TensorProto.BFLOAT16, [1], [1.0])
    S = helper.make_tensor("S", TensorProto.STRING, [2], [b"a", b"b'c"])
    D = helper.make_tensor("D", TensorProto.DOUBLE, [2], [0.5, 1e300])
    ext = TensorProto(); ext.name = "E"; ext.data_type = TensorProto.FLOAT; ext.dims.extend([2])
    ext.data_location = TensorProto.EXTERNAL
    for k, v in (("location", "zoo_weights.bin"), ("offset", "0"), ("length", "8")):
        e = ext.external_data.add(); e.key = k; e.value = v
    sparse = helper.make_sparse_tensor(helper.make_tensor("sv", TensorProto.FLOAT, [2], [1.0, 2.0]),
                                       helper.make_tensor("si", TensorProto.INT64, [2], [0, 4]), [2, 3])
    then_g = helper.make_graph([helper.make_node("Identity", ["X"], ["t"])], "then", [], [helper.make_tensor_value_info("t", TensorProto.FLOAT, None)])
    nodes = [
        helper.make_node("MatMul", ["X", "W"], ["xw"], name="mm"),
        helper.make_node("CustomRelu", ["xw"], ["r"], domain="local", name="fn_call"),
        helper.make_node("Identity", ["r"], ["Y"], name="id", doc_string="doc",
                         f=0.25, i=-7, s=b"text", fl=[1.0, 0.1], il=[1, 2, 3], sl=[b"x", b"y"],
                         t=numpy_helper.from_array(np.array([1, 2], dtype=np.int64)),
                         g=then_g, gl=[then_g], tl=[W], sp=sparse,
                         tp=helper.make_tensor_type_proto(TensorProto.FLOAT, [1, "M"])),
    ]
    relu_fn = helper.make_function("local", "CustomRelu", ["a"], ["b"],
                                   [helper.make_node("Relu", ["a"], ["b"])], [helper.make_opsetid("", 17)])
    seq_t = helper.make_tensor_sequence_value_info("seq", TensorProto.FLOAT, [2])
    map_t = helper.make_value_info("mp", helper.make_map_type_proto(TensorProto.INT64, helper.make_tensor_type_proto(TensorProto.FLOAT, [1])))
    opt_t = helper.make_value_info("opt", helper.make_optional_type_proto(helper.make_tensor_type_proto(TensorProto.FLOAT, [3])))
    g = helper.make_graph(nodes, "zoo", [X], [Y], initializer=[W, H, BF, S, D, ext], value_info=[seq_t, map_t, opt_t],
                          sparse_initializer=[sparse])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("local", 1)],
                          functions=[relu_fn], producer_name="onnxnet-fixtures", producer_version="1")
    helper.set_model_props(m, {"accuracy": "93.5", "note": "zoo"})
    ti = m.training_info.add()
    ti.initialization.CopyFrom(helper.make_graph([], "init", [], []))
    b = ti.update_binding.add(); b.key = "W"; b.value = "W_new"
    with open(os.path.join(here, "zoo_weights.bin"), "wb") as f:
        f.write(np.array([3.0, 4.0], dtype=np.float32).tobytes())
    onnx.save(m, os.path.join(here, "feature_zoo.onnx"))

def figures(path):
    m = onnx.load(path, load_external_data=False)
    hist = {}
    for n in m.graph.node:
        hist[n.op_type] = hist.get(n.op_type, 0) + 1
    params = sum(int(np.prod(t.dims)) if len(t.dims) else 1 for t in m.graph.initializer)
    return {"node_count": len(m.graph.node), "op_histogram": hist, "parameter_count": params,
            "initializer_count": len(m.graph.initializer), "opset": {o.domain or "ai.onnx": o.version for o in m.opset_import}}

zoo()
out = {os.path.basename(p): figures(p) for p in sorted(glob.glob(os.path.join(here, "*.onnx")))}
with open(os.path.join(here, "expected.json"), "w") as f:
    json.dump(out, f, indent=1, sort_keys=True)
print(json.dumps(out["feature_zoo.onnx"]))
