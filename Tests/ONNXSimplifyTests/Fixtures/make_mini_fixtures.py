"""Builds the mini export-variant fixtures of ONNXSimplifyTests (run by hand; tests never run it).

One small network (stem conv, an NB201-style cell with a `none` edge, an NB101-style
zero-add and concat, a last BatchNormalization without conv, classifier) written out in the
six forms PyTorch 2.6's exporter produces (see ../shared/spec/export_variants/README.md):
v1 eval/opset 17/folded, v2 eval/opset 11/folded, v3 eval/opset 17/unfolded, v4 training/opset 17,
v5 preserve/opset 13; v0 = onnxsim.simplify(v1) (onnx-simplifier 0.4.36, as ONNX-Bench).
"""
import sys, numpy as np, onnx, onnxsim
from onnx import helper as h, TensorProto as TP, numpy_helper as nh

out_dir = sys.argv[1]
rng = np.random.default_rng(7)
C, H, K = 4, 8, 3
W = {'stem': rng.standard_normal((C, 3, 3, 3)).astype(np.float32) * 0.3,
     'c1': rng.standard_normal((C, C, 1, 1)).astype(np.float32) * 0.5,
     'c2': rng.standard_normal((C, C, 1, 1)).astype(np.float32) * 0.5}
FC_W = rng.standard_normal((K, 2 * C)).astype(np.float32) * 0.3
FC_B = rng.standard_normal((K,)).astype(np.float32) * 0.1
EPS = np.float32(1e-5)

def bn_params(n, trained):
    g, b = np.ones(n, np.float32), np.zeros(n, np.float32)
    if trained:  # a training export has run a forward pass: running statistics moved
        return g, b, (rng.standard_normal(n) * 0.01).astype(np.float32), (0.9 + rng.random(n) * 0.05).astype(np.float32)
    return g, b, np.zeros(n, np.float32), np.ones(n, np.float32)

def fold(w, g, b, m, v):  # as torch does it, float32 step by step
    s = (g / np.sqrt(v + EPS)).astype(np.float32)
    return (w * s.reshape(-1, 1, 1, 1)).astype(np.float32), ((np.zeros_like(b) - m) * s + b).astype(np.float32)

class G:
    def __init__(s, opset):
        s.nodes, s.inits, s.opset, s.k = [], [], opset, 0
        s.dedup = {}   # the exporter emits equal tensors once, re-emitting copies through Identity
    def init(s, name, arr, dedup=True):
        key = (arr.dtype.str, arr.shape, arr.tobytes())
        if dedup and key in s.dedup:
            s.nodes.append(h.make_node('Identity', [s.dedup[key]], [name]))
            return name
        s.dedup.setdefault(key, name)
        s.inits.append(nh.from_array(arr, name))
        return name
    def node(s, op, ins, nout=1, **attrs):
        s.k += 1
        outs = ['/%s_%d_output_%d' % (op, s.k, i) for i in range(nout)]
        s.nodes.append(h.make_node(op, ins, outs, name='/%s_%d' % (op, s.k), **attrs))
        return outs[0] if nout == 1 else outs
    def const(s, arr):
        return s.node('Constant', [], value=nh.from_array(np.asarray(arr)))

def build(variant):
    opset = {'v1': 17, 'v2': 11, 'v3': 17, 'v4': 17, 'v5': 13}[variant]
    folded = variant in ('v1', 'v2')
    trained = variant == 'v4'
    g = G(opset)
    ir = {17: 8, 13: 7, 11: 6}[opset]
    def bn(x, name, n):
        gm, bt, mn, vr = bn_params(n, trained)
        ins = [x, g.init(name + '.weight', gm, not trained), g.init(name + '.bias', bt, not trained),
               g.init(name + '.running_mean', mn, not trained), g.init(name + '.running_var', vr, not trained)]
        attrs = dict(epsilon=1e-5, momentum=0.9)
        if opset >= 14: attrs['training_mode'] = 1 if trained else 0
        if trained:  # training mode also outputs the updated running statistics
            return g.node('BatchNormalization', ins, nout=3, **attrs)[0]
        return g.node('BatchNormalization', ins, **attrs)
    def conv_bn(x, key, k, pad):
        attrs = dict(dilations=[1, 1], group=1, kernel_shape=[k, k], pads=[pad] * 4, strides=[1, 1])
        if folded:
            gm, bt, mn, vr = bn_params(C, False)
            wf, bf = fold(W[key], gm, bt, mn, vr)
            return g.node('Conv', [x, g.init('onnx::Conv_' + key + '_w', wf), g.init('onnx::Conv_' + key + '_b', bf)], **attrs)
        y = g.node('Conv', [x, g.init(key + '.weight', W[key])], **attrs)
        return bn(y, key + '.bn', C)
    x0 = conv_bn('input', 'stem', 3, 1)
    c1 = conv_bn(g.node('Relu', [x0]), 'c1', 1, 0)
    a = g.node('Add', [x0, c1])
    b = g.node('Add', [g.node('Mul', [x0, g.const(np.float32(0))]), x0])
    p = g.node('AveragePool', [a], ceil_mode=0, count_include_pad=0, kernel_shape=[3, 3], pads=[1, 1, 1, 1], strides=[1, 1])
    y = g.node('Add', [b, p])
    r3 = g.node('Relu', [conv_bn(g.node('Relu', [y]), 'c2', 1, 0)])
    z = g.node('Add', [g.const(np.zeros((1, C, H, H), np.float32)), r3])
    mp = g.node('MaxPool', [z], ceil_mode=0, dilations=[1, 1], kernel_shape=[3, 3], pads=[1, 1, 1, 1], strides=[1, 1])
    cat = g.node('Concat', [r3, mp], axis=1)
    t = g.node('Relu', [bn(cat, 'lastact', 2 * C)])
    gap = g.node('GlobalAveragePool', [t])
    if variant in ('v3', 'v4'):
        one, minus = g.const(np.int64(1)), g.const(np.int64(-1))
        shape = g.node('Concat', [g.node('Unsqueeze', [one, g.const(np.array([0], np.int64))]),
                                  g.node('Unsqueeze', [minus, g.const(np.array([0], np.int64))])], axis=0)
    else:
        shape = g.const(np.array([1, -1], np.int64))
    rs = g.node('Reshape', [gap, shape], **({'allowzero': 0} if opset >= 14 else {}))
    g.k += 1
    g.nodes.append(h.make_node('Gemm', [rs, g.init('fc.weight', FC_W), g.init('fc.bias', FC_B)], ['output'],
                               name='/fc/Gemm', alpha=1.0, beta=1.0, transB=1))
    # The exporter puts the Identity re-emissions first.
    ids = [n for n in g.nodes if n.op_type == 'Identity']
    rest = [n for n in g.nodes if n.op_type != 'Identity']
    graph = h.make_graph(ids[::-1] + rest, 'main_graph',
                         [h.make_tensor_value_info('input', TP.FLOAT, [1, 3, H, H])],
                         [h.make_tensor_value_info('output', TP.FLOAT, [1, K])], g.inits)
    m = h.make_model(graph, opset_imports=[h.make_opsetid('', opset)], producer_name='pytorch', producer_version='2.6.0')
    m.ir_version = ir
    onnx.checker.check_model(m, full_check=True)
    return m

models = {v: build(v) for v in ['v1', 'v2', 'v3', 'v4', 'v5']}
v0, ok = onnxsim.simplify(models['v1'])
assert ok
models['v0'] = v0
for v, m in sorted(models.items()):
    onnx.save(m, '%s/mini_%s.onnx' % (out_dir, v))
    print(v, len(m.graph.node), 'nodes', len(m.SerializeToString()), 'bytes')
