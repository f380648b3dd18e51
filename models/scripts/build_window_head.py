#!/usr/bin/python3
"""Derive models/<name>.windows.onnx from models/<name>.onnx: the same weights, but the trunk runs once over a
whole photo and every window of the grid is pooled from its feature map (RoI pooling, as in Fast R-CNN) instead
of being cut out and embedded on its own. The model's GeM pooling (mean of x^p over the map, then ^(1/p)) is kept:
its spatial mean is replaced by RoiAlign's average over each window (opset 10 semantics: a window of cells
c0..c0+n-1 is passed as [c0 - 0.5, c0 + n - 0.5] so its samples fall on the cell centres). The projection and
L2 normalisation after it are unchanged. A model with a second, deeper branch (stride 32) pools each window from
that branch's map too: the rois come shifted by half a stride-16 cell, so they are shifted by another 8 px for it.
Inputs: `input` [1, 3, H, W] RGB in [0, 1]; `rois` [K, 4] float32 (x0, y0, x1, y1 in input pixels, already
shifted by half a cell); `batch_indices` [K] int64 (zeros). Output `embedding` [K, dim], L2-normalised.
usage: build_window_head.py [--name mnv2-emb256]"""
import argparse
import hashlib
import json
import os
import re

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

MODELS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def map_strides(m, means):
    """Each pooled map's stride: the product of the convolutions' strides on the path back to the input."""
    producer = {o: n for n in m.graph.node for o in n.output}
    strides = []
    for mean in means:
        s, t = 1, mean.input[0]
        while t in producer:
            n = producer[t]
            if n.op_type == 'Conv':
                s *= [a for a in n.attribute if a.name == 'strides'][0].ints[0]
            t = n.input[0]
        strides.append(s)
    return strides


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--name', default='mnv2-emb256')
    a = ap.parse_args()
    m = onnx.load(os.path.join(MODELS, a.name + '.onnx'))
    g = m.graph
    means = [n for n in g.node if n.op_type == 'ReduceMean' and list(helper.get_attribute_value(n.attribute[0])) == [2, 3]]
    if not means:
        raise SystemExit('no spatial ReduceMean (the GeM pooling) found')
    strides = map_strides(m, means)
    stride = min(strides)  # the rois' half-cell shift is the finest map's
    for i, (pool, s) in enumerate(zip(means, strides)):
        at = list(g.node).index(pool)
        pooled = pool.output[0]
        rois = 'rois'
        if s != stride:
            rois = f'rois_stride{s}'
            shift = numpy_helper.from_array(np.array(stride / 2 - s / 2, np.float32), f'rois_shift{s}')
            g.initializer.append(shift)
            g.node.insert(at, helper.make_node('Add', ['rois', shift.name], [rois], name=f'window_rois_stride{s}'))
            at += 1
        roi = helper.make_node('RoiAlign', [pool.input[0], rois, 'batch_indices'], [pooled + '_roi'], name=f'window_roi_align{i}',
                               mode='avg', output_height=1, output_width=1, sampling_ratio=0, spatial_scale=1.0 / s)
        flat = helper.make_node('Flatten', [pooled + '_roi'], [pooled], name=f'window_flatten{i}', axis=1)
        del g.node[at]
        g.node.insert(at, flat)
        g.node.insert(at, roi)
    g.input.extend([
        helper.make_tensor_value_info('rois', TensorProto.FLOAT, ['K', 4]),
        helper.make_tensor_value_info('batch_indices', TensorProto.INT64, ['K']),
    ])
    out = g.output[0]
    out.type.tensor_type.shape.dim[0].dim_param = 'K'
    m.doc_string = f'{a.name} with its GeM pooling over windows of one feature map (models/scripts/build_window_head.py)'
    onnx.checker.check_model(m)
    path = os.path.join(MODELS, a.name + '.windows.onnx')
    onnx.save(m, path)
    print(f'wrote {path} ({os.path.getsize(path)} bytes)')
    # the sidecar names the head and the weights it came from (the engine ignores a head of other weights)
    spec_path = os.path.join(MODELS, a.name + '.json')
    if os.path.exists(spec_path):
        spec = json.load(open(spec_path))
        with open(os.path.join(MODELS, spec['file']), 'rb') as f:
            model_id = hashlib.sha256(f.read()).hexdigest()
        spec['windowHead'] = {'file': a.name + '.windows.onnx', 'modelId': model_id, 'stride': stride}
        text = json.dumps(spec, indent=2, ensure_ascii=False)
        text = re.sub(r'\[\s+([^\[\]{}]*?)\s+\]', lambda m: '[' + ', '.join(re.split(r',\s+', m.group(1))) + ']', text)
        open(spec_path, 'w').write(text + '\n')


if __name__ == '__main__':
    main()
