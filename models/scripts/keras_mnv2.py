"""Shared helpers: load the Keras layer list + dequantised weights written by extract_nsfwjs.mjs."""
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.dirname(HERE)
WORK = os.path.join(MODELS, '.work')
BN_EPS_DEFAULT = 1e-3


def load_keras(src_dir=None):
    src_dir = src_dir or os.path.join(WORK, 'nsfwjs_mobilenet_v2')
    topo = json.load(open(os.path.join(src_dir, 'topology.json')))
    entries = json.load(open(os.path.join(src_dir, 'weights.json')))
    flat = np.fromfile(os.path.join(src_dir, 'weights.bin'), dtype='<f4')
    weights = {e['name']: flat[e['offset']:e['offset'] + e['length']].reshape(e['shape']).copy() for e in entries}
    layers = topo['model_config']['config']['layers']
    source = json.load(open(os.path.join(src_dir, 'source.json')))
    return layers, weights, source


def layer_inputs(layer):
    return [x[0] for x in layer['inbound_nodes'][0]] if layer['inbound_nodes'] else []


def trunk_layers(layers, cut):
    """Layers needed to compute `cut` (in file order)."""
    by_name = {l['name']: l for l in layers}
    need, stack = set(), [cut]
    while stack:
        n = stack.pop()
        if n in need:
            continue
        need.add(n)
        stack.extend(layer_inputs(by_name[n]))
    return [l for l in layers if l['name'] in need]


def bn_params(weights, name, eps):
    g = weights.get(name + '/gamma')
    b = weights.get(name + '/beta')
    m = weights[name + '/moving_mean']
    v = weights[name + '/moving_variance']
    if g is None:
        g = np.ones_like(m)
    if b is None:
        b = np.zeros_like(m)
    scale = g / np.sqrt(v + eps)
    shift = b - m * scale
    return scale.astype(np.float32), shift.astype(np.float32)
