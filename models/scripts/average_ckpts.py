#!/usr/bin/python3
"""Average the weights of two checkpoints of one architecture (a "model soup", Wortsman et al. 2022): the shipped
seventh leg is the mean of its start (the sixth leg's export, rebuilt by onnx_to_ckpt.py) and its end. Measured
on the bench, the mean kept the end's gain on hard photos and the start's on redrawn marks and real photos better
than either alone (model card). Both must hold BN in the same form (onnx_to_ckpt's identity statistics, frozen in
training), so averaging the weights averages the functions' parameters and nothing else; the output keeps the
second checkpoint's step, history and arguments.
usage: average_ckpts.py A.pt B.pt OUT.pt"""
import sys

import torch


def main():
    a, b = torch.load(sys.argv[1]), torch.load(sys.argv[2])
    for key in ('frozen_neck_bn', 'cut', 'dim', 'deep_cut'):
        if a['args'].get(key) != b['args'].get(key):
            sys.exit(f'checkpoints differ in {key}: {a["args"].get(key)} vs {b["args"].get(key)}')
    mean = {}
    for k, v in b['model'].items():
        w = a['model'][k]
        if v.dtype.is_floating_point:
            mean[k] = 0.5 * (v + w)
        elif torch.equal(v, w):
            mean[k] = v
        else:
            sys.exit(f'{k} differs and cannot be averaged')
    out = {k: v for k, v in b.items() if k != 'opt'}
    out['model'] = mean
    torch.save(out, sys.argv[3])
    print(f'wrote {sys.argv[3]}: the mean of {sys.argv[1]} and {sys.argv[2]} ({len(mean)} tensors)')


if __name__ == '__main__':
    main()
