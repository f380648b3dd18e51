#!/usr/bin/python3
"""Convert the nsfwjs MobileNetV2 Keras layers model (extracted by extract_nsfwjs.mjs) to an ONNX
embedding model: trunk cut at a mid-level layer, global max pool, L2 normalisation.

Input `input` NCHW float32 RGB in [0, 1], dynamic N/H/W. Output `embedding` [N, C], L2-normalised.
Keras semantics kept: explicit ZeroPadding2D ((0,1),(0,1)) before stride-2 convs (folded into the
conv's pads), 'same' padding for stride-1 convs, BatchNorm eps from the layer config (1e-3), folded
into the preceding conv, ReLU6 as Clip(0, 6).

usage: convert_mobilenetv2.py [--cut block_10_project_BN] [--name mnv2-b10-max] [--out models/]
"""
import argparse
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from keras_mnv2 import MODELS, bn_params, layer_inputs, load_keras, trunk_layers  # noqa: E402


def build(layers, weights, cut, name):
    nodes, inits = [], []
    out_of = {}  # keras layer name -> onnx tensor name
    pending_pad = {}  # keras ZeroPadding2D layer name -> (input tensor, pads [t,l,b,r])
    conv_of = {}  # tensor name -> index of the Conv node producing it (for BN folding)

    def init(nm, arr):
        inits.append(numpy_helper.from_array(np.ascontiguousarray(arr.astype(np.float32)), nm))
        return nm

    for l in trunk_layers(layers, cut):
        cls, c, nm = l['class_name'], l['config'], l['name']
        ins = layer_inputs(l)
        if cls == 'InputLayer':
            out_of[nm] = 'input'
        elif cls == 'ZeroPadding2D':
            (t, b), (lf, r) = c['padding']
            pending_pad[nm] = (out_of[ins[0]], [t, lf, b, r])
        elif cls in ('Conv2D', 'DepthwiseConv2D'):
            src = ins[0]
            pads = [0, 0, 0, 0]
            if src in pending_pad:
                x, pads = pending_pad[src]
            else:
                x = out_of[src]
            kh, kw = c['kernel_size']
            sh, sw = c['strides']
            attrs = dict(kernel_shape=[kh, kw], strides=[sh, sw])
            if c['padding'] == 'same':
                if (sh, sw) == (1, 1):
                    pads = [(kh - 1) // 2, (kw - 1) // 2, kh - 1 - (kh - 1) // 2, kw - 1 - (kw - 1) // 2]
                else:
                    attrs['auto_pad'] = 'SAME_UPPER'  # TF 'same': extra padding at bottom/right
            if 'auto_pad' not in attrs:
                attrs['pads'] = pads
            if cls == 'Conv2D':
                k = weights[nm + '/kernel']  # [kh, kw, in, out]
                w = k.transpose(3, 2, 0, 1)
            else:
                k = weights[nm + '/depthwise_kernel']  # [kh, kw, in, mult]
                cin, mult = k.shape[2], k.shape[3]
                w = k.transpose(2, 3, 0, 1).reshape(cin * mult, 1, kh, kw)
                attrs['group'] = cin
            bias = weights.get(nm + '/bias') if c.get('use_bias') else None
            if bias is None:
                bias = np.zeros(w.shape[0], np.float32)
            nodes.append(helper.make_node('Conv', [x, init(nm + '_W', w), init(nm + '_B', bias)], [nm], name=nm, **attrs))
            conv_of[nm] = (len(nodes) - 1, w, bias)
            out_of[nm] = nm
            if c.get('activation', 'linear') not in ('linear', None):
                raise ValueError(f'unsupported fused activation {c["activation"]} in {nm}')
        elif cls == 'BatchNormalization':
            src = out_of[ins[0]]
            scale, shift = bn_params(weights, nm, c.get('epsilon', 1e-3))
            if src in conv_of:  # fold into the conv that feeds it (conv output used only by this BN)
                idx, w, bias = conv_of.pop(src)
                w2 = w * scale[:, None, None, None]
                b2 = bias * scale + shift
                node = nodes[idx]
                inits[:] = [t for t in inits if t.name not in (node.input[1], node.input[2])]
                init(node.input[1], w2)
                init(node.input[2], b2)
                out_of[nm] = src
            else:
                nodes.append(helper.make_node('Mul', [src, init(nm + '_s', scale.reshape(1, -1, 1, 1))], [nm + '_m']))
                nodes.append(helper.make_node('Add', [nm + '_m', init(nm + '_t', shift.reshape(1, -1, 1, 1))], [nm]))
                out_of[nm] = nm
        elif cls == 'ReLU':
            mx = c.get('max_value')
            src = out_of[ins[0]]
            if mx is None:
                nodes.append(helper.make_node('Relu', [src], [nm], name=nm))
            else:
                nodes.append(helper.make_node('Clip', [src, init(nm + '_lo', np.array(0, np.float32)),
                                                       init(nm + '_hi', np.array(mx, np.float32))], [nm], name=nm))
            out_of[nm] = nm
        elif cls == 'Add':
            nodes.append(helper.make_node('Add', [out_of[i] for i in ins], [nm], name=nm))
            out_of[nm] = nm
        else:
            raise ValueError(f'unsupported layer {cls} ({nm})')

    feat = out_of[cut]
    nodes.append(helper.make_node('GlobalMaxPool', [feat], ['gmp'], name='gmp'))
    nodes.append(helper.make_node('Flatten', ['gmp'], ['desc'], axis=1, name='flatten'))
    # L2 normalise with an epsilon (LpNormalization has none: a zero vector would give NaN)
    nodes.append(helper.make_node('ReduceL2', ['desc'], ['desc_norm'], axes=[1], keepdims=1, name='l2'))
    nodes.append(helper.make_node('Max', ['desc_norm', init('l2_eps', np.array(1e-12, np.float32))], ['desc_norm_c'], name='l2_clamp'))
    nodes.append(helper.make_node('Div', ['desc', 'desc_norm_c'], ['embedding'], name='l2_div'))

    # channel count of the cut tensor = out channels of the last conv before it
    last_conv = [n for n in nodes if n.op_type == 'Conv'][-1]
    wt = [t for t in inits if t.name == last_conv.input[1]][0]
    dim = wt.dims[0]
    graph = helper.make_graph(
        nodes, name,
        [helper.make_tensor_value_info('input', TensorProto.FLOAT, ['N', 3, 'H', 'W'])],
        [helper.make_tensor_value_info('embedding', TensorProto.FLOAT, ['N', dim])],
        initializer=inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', 13)], producer_name='marksight-convert')
    model.ir_version = 7
    onnx.checker.check_model(model)
    return model, dim


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--cut', default='block_10_project_BN')
    ap.add_argument('--name', default='mnv2-b10-max')
    ap.add_argument('--out', default=MODELS)
    a = ap.parse_args()
    layers, weights, source = load_keras()
    model, dim = build(layers, weights, a.cut, a.name)
    path = os.path.join(a.out, a.name + '.onnx')
    onnx.save(model, path)
    print(f'wrote {path}: cut={a.cut} dim={dim} nodes={len(model.graph.node)} size={os.path.getsize(path)} bytes '
          f'(from {source["package"]} {source["version"]} {source["model"]})')


if __name__ == '__main__':
    main()
