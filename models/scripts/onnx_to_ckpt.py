#!/usr/bin/python3
"""Rebuild a training checkpoint from an exported embedding ONNX, so a training leg can resume from the
committed weights on a machine that no longer has the run's checkpoint (models/.work is scratch).

The export folds every BatchNorm into the convolution before it. The trunk's BN statistics are frozen in
training (eval mode), so loading the folded kernel and bias into conv + an identity-statistics BN (mean 0,
var 1 - eps, weight 1) is the same function. The neck's BN trained in batch-statistics mode; its running
statistics are folded too, so the checkpoint asks the trainer to keep it in eval mode (`frozen_neck_bn`):
then step 0 of the resumed leg computes exactly the exported model (checked below against onnxruntime-node
by check_parity_torch.mjs). Neither the optimiser state nor the learned temperature survives an export: the
trainer warms AdamW up again and fits the temperature to its first batch.
usage: onnx_to_ckpt.py --name mnv2-emb256 --out models/.work/train/ckpt.pt --minutes M --step S [--cut block_12_add --deep-cut block_16_project_BN --dim 256]"""
import argparse
import json
import os
import subprocess
import sys

import numpy as np
import onnx
import torch
from onnx import numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mnv2_torch import Embedder  # noqa: E402

MODELS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def conv_bn_pairs(model):
    """(conv, bn) in forward order: every trunk conv is followed by its BN, then the neck's."""
    mods = [model.trunk.mods[key] for nm, kind, ins, key in model.trunk.plan if kind == 'mod']
    pairs = []
    for i, m in enumerate(mods):
        if isinstance(m, torch.nn.Conv2d):
            bn = mods[i + 1] if i + 1 < len(mods) and isinstance(mods[i + 1], torch.nn.BatchNorm2d) else None
            assert bn is not None and m.bias is None, 'expected conv (no bias) + BN throughout the trunk'
            pairs.append((m, bn))
    pairs.append((model.neck[0], model.neck[1]))
    if model.deep_cut:
        pairs.append((model.deep_neck[0], model.deep_neck[1]))
    return pairs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--name', default='mnv2-emb256')
    ap.add_argument('--out', default=os.path.join(MODELS, '.work', 'train', 'ckpt.pt'))
    ap.add_argument('--cut', default='block_12_add')
    ap.add_argument('--deep-cut', default=None, help='the export has a deep branch pooled from this layer')
    ap.add_argument('--dim', type=int, default=256)
    ap.add_argument('--minutes', type=float, required=True, help='training minutes the exported weights had (the schedule continues from there)')
    ap.add_argument('--step', type=int, required=True, help='training steps the exported weights had')
    a = ap.parse_args()

    m = onnx.load(os.path.join(MODELS, a.name + '.onnx'))
    init = {t.name: numpy_helper.to_array(t) for t in m.graph.initializer}
    convs = [n for n in m.graph.node if n.op_type == 'Conv']
    model = Embedder(cut=a.cut, dim=a.dim, deep_cut=a.deep_cut)
    pairs = conv_bn_pairs(model)
    assert len(convs) == len(pairs), f'{len(convs)} ONNX convs, {len(pairs)} torch conv+BN pairs'
    with torch.no_grad():
        for node, (conv, bn) in zip(convs, pairs):
            w, b = init[node.input[1]], init[node.input[2]]
            assert tuple(w.shape) == tuple(conv.weight.shape), (node.name, w.shape, conv.weight.shape)
            conv.weight.copy_(torch.from_numpy(w))
            bn.weight.fill_(1.0)
            bn.bias.copy_(torch.from_numpy(b))
            bn.running_mean.zero_()
            bn.running_var.fill_(1.0 - bn.eps)
        model.pool.p.copy_(torch.from_numpy(init['m.pool.p']))
        if a.deep_cut:
            model.deep_pool.p.copy_(torch.from_numpy(init['m.deep_pool.p']))
            # the deep projection has no bias, so torch exports it as a MatMul by its transposed weight
            (mm,) = [n for n in m.graph.node if n.op_type == 'MatMul' and n.input[0].startswith('/m/deep_pool/')]
            model.deep_proj.weight.copy_(torch.from_numpy(init[mm.input[1]].T.copy()))
        model.proj.weight.copy_(torch.from_numpy(init['m.proj.weight']))
        model.proj.bias.copy_(torch.from_numpy(init['m.proj.bias']))

    # the rebuilt model must compute the exported one: its outputs become the parity references that
    # check_parity_torch.mjs runs the ONNX against (onnxruntime-node; the export writes the same files)
    model.eval()
    pdir = os.path.join(MODELS, '.work', 'parity')
    os.makedirs(pdir, exist_ok=True)
    g = torch.Generator().manual_seed(0)
    shapes = [(2, 3, 160, 160), (2, 3, 224, 224)]
    for i, shape in enumerate(shapes):
        x = torch.rand(*shape, generator=g)
        with torch.no_grad():
            y = model(x)
        x.numpy().astype('<f4').tofile(os.path.join(pdir, f'{a.name}_in{i}.bin'))
        y.numpy().astype('<f4').tofile(os.path.join(pdir, f'{a.name}_out{i}.bin'))
    json.dump([{'shape': list(s), 'dim': a.dim} for s in shapes], open(os.path.join(pdir, f'{a.name}.json'), 'w'))
    subprocess.run(['node', os.path.join(MODELS, 'scripts', 'check_parity_torch.mjs'), a.name], check=True)

    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    # the export's input sizes, as the engine reads them (export_onnx.py needs them again)
    spec = json.load(open(os.path.join(MODELS, a.name + '.json')))['input']
    args = {'cut': a.cut, 'dim': a.dim, 'gallery_size': spec['size'], 'query_size': spec['querySizes'][0], 'frozen_neck_bn': True,
            'deep_cut': a.deep_cut, 'frozen_deep_neck_bn': bool(a.deep_cut)}
    torch.save({'model': model.state_dict(), 'logit_scale': torch.tensor(float(np.log(1 / 0.07))), 'step': a.step,
                'elapsed': a.minutes * 60, 'history': [], 'args': args, 'from_onnx': a.name}, a.out)
    print(f'wrote {a.out} (step {a.step}, {a.minutes} min)')


if __name__ == '__main__':
    main()
