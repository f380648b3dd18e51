#!/usr/bin/python3
"""Export a training checkpoint to ONNX (opset 13; dynamic batch, H, W; input `input` NCHW RGB [0,1],
output `embedding` L2-normalised) + write torch reference outputs for the onnxruntime-node parity check
(check_parity_torch.mjs) to models/.work/parity/. Keras's explicit zero padding before each stride-2
convolution is folded into that convolution's own (asymmetric) pads.
usage: export_onnx.py [--ckpt models/.work/train/ckpt.pt] [--name mnv2-emb256]"""
import argparse
import json
import os
import sys

import onnx
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mnv2_torch import load_embedder  # noqa: E402
from parity_refs import write_parity_refs  # noqa: E402

MODELS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def fold_pads(model, trunk_pads):
    """torch exports each Keras ZeroPadding2D as a Pad fed by a small shape computation; onnxruntime runs them
    as separate kernels (0.9 ms of a 224 px region's 9 ms on the 2-core machine). ONNX's Conv pads
    asymmetrically itself, so each Pad (the trunk's, in order: (left, right, top, bottom)) moves into the Conv
    it feeds, and the nodes only the Pads used are dropped. The parity check against torch proves the result."""
    g = model.graph
    pads = [n for n in g.node if n.op_type == 'Pad']
    assert len(pads) == len(trunk_pads), f'{len(pads)} Pad nodes, {len(trunk_pads)} trunk pads'
    for pad, (lf, r, t, b) in zip(pads, trunk_pads):
        users = [n for n in g.node if pad.output[0] in n.input]
        assert len(users) == 1 and users[0].op_type == 'Conv', f'{pad.name} does not feed one Conv'
        conv = users[0]
        conv.input[0] = pad.input[0]
        old = [a for a in conv.attribute if a.name == 'pads']
        assert not old or list(old[0].ints) == [0, 0, 0, 0], f'{conv.name} already pads'
        for a in old:
            conv.attribute.remove(a)
        conv.attribute.append(onnx.helper.make_attribute('pads', [t, lf, b, r]))
        g.node.remove(pad)
    while True:  # dropping a dead node can leave its producers dead in turn
        used = {i for n in g.node for i in n.input} | {o.name for o in g.output}
        dead = [n for n in g.node if not any(o in used for o in n.output)]
        if not dead:
            break
        for n in dead:
            g.node.remove(n)


class Wrap(torch.nn.Module):
    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, x):
        return self.m(x)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--ckpt', default=os.path.join(MODELS, '.work', 'train', 'ckpt.pt'))
    ap.add_argument('--name', default='mnv2-emb256')
    a = ap.parse_args()
    model, st = load_embedder(a.ckpt)
    args = st['args']
    model.eval()
    w = Wrap(model).eval()
    path = os.path.join(MODELS, a.name + '.onnx')
    x = torch.rand(2, 3, args['gallery_size'], args['gallery_size'])
    torch.onnx.export(w, x, path, opset_version=13, input_names=['input'], output_names=['embedding'],
                      dynamic_axes={'input': {0: 'N', 2: 'H', 3: 'W'}, 'embedding': {0: 'N'}}, do_constant_folding=True)
    m = onnx.load(path)
    fold_pads(m, [extra for _, kind, _, extra in model.trunk.plan if kind == 'pad'])
    onnx.checker.check_model(m)
    onnx.save(m, path)
    # parity references: a few deterministic inputs at gallery and query sizes
    g = torch.Generator().manual_seed(0)
    inputs = []
    for i, (n, h, wd) in enumerate([(2, args['gallery_size'], args['gallery_size']), (2, args['query_size'], args['query_size']), (1, 288, 200)]):
        xi = torch.rand(n, 3, h, wd, generator=g)
        if i == 1:  # smooth structured content too
            yy, xx = torch.meshgrid(torch.linspace(0, 1, h), torch.linspace(0, 1, wd), indexing='ij')
            xi[1] = torch.stack([(xx * 3 + yy).frac(), (xx * yy * 5).frac(), ((xx - 0.5) ** 2 + (yy - 0.5) ** 2 < 0.1).float()])
        inputs.append(xi)
    write_parity_refs(a.name, w, inputs)
    hist = st.get('history', [])
    json.dump({'step': st['step'], 'minutes': round(st['elapsed'] / 60, 1), 'args': args, 'history': hist},
              open(os.path.join(os.path.dirname(os.path.abspath(a.ckpt)), f'export-{a.name}.json'), 'w'), indent=1)
    print(f'exported {path} ({os.path.getsize(path) / 1e6:.2f} MB) from step {st["step"]} ({st["elapsed"] / 60:.1f} min)')


if __name__ == '__main__':
    main()
