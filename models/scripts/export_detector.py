#!/usr/bin/python3
"""Export the mark detector (train_detector.py checkpoint) to models/<name>.onnx (opset 13; input `input`
N x 3 x 256 x 256 RGB [0,1], the photo letterboxed on white; output `marks` N x 5 x 32 x 32 per stride-8 cell:
centre probability, centre x / y within the cell [0,1), box width / height in input pixels) + torch reference
outputs for check_parity_torch.mjs, then the sidecar models/<name>.json.
usage: export_detector.py [--ckpt models/.work/det/det.pt] [--name mark-det]"""
import argparse
import json
import os
import sys

import onnx
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mnv2_torch import Embedder  # noqa: E402
from parity_refs import write_parity_refs  # noqa: E402
from train_detector import SIZE, STRIDE, Detector  # noqa: E402

MODELS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Decoded(torch.nn.Module):
    """The trained logits as probabilities, offsets and pixel sizes: the engine only reads them."""

    def __init__(self, det):
        super().__init__()
        self.det = det

    def forward(self, x):
        o = self.det(x)
        return torch.cat([torch.sigmoid(o[:, :3]), torch.exp(o[:, 3:5].clamp(-4, 6)) * STRIDE], 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--ckpt', default=os.path.join(MODELS, '.work', 'det', 'det.pt'))
    ap.add_argument('--name', default='mark-det')
    a = ap.parse_args()
    st = torch.load(a.ckpt, map_location='cpu')
    det = Detector(Embedder(cut='block_12_add', dim=256).trunk)
    det.load_state_dict(st['model'])
    w = Decoded(det).eval()
    path = os.path.join(MODELS, a.name + '.onnx')
    torch.onnx.export(w, torch.rand(1, 3, SIZE, SIZE), path, opset_version=13, input_names=['input'], output_names=['marks'],
                      dynamic_axes={'input': {0: 'N'}, 'marks': {0: 'N'}}, do_constant_folding=True)
    onnx.checker.check_model(onnx.load(path))
    g = torch.Generator().manual_seed(0)
    write_parity_refs(a.name, w, [torch.rand(n, 3, SIZE, SIZE, generator=g) for n in (1, 2)])
    sidecar = {
        'name': a.name,
        'file': a.name + '.onnx',
        'source': 'trained by models/scripts/train_detector.py: the mnv2-emb256 MobileNetV2 trunk (nsfwjs 4.4.0, MIT) to block_12, '
                  'block_5 tapped, CenterNet-style centre heat map + box size at stride 8, on photo-like composites of non-brand @iconify/json icons, wordmarks and shapes',
        'input': {'name': 'input', 'layout': 'NCHW', 'size': SIZE, 'resize': 'letterbox', 'pad': [255, 255, 255], 'scale': 1 / 255},
        'output': {'name': 'marks', 'stride': STRIDE, 'channels': ['centre', 'offsetX', 'offsetY', 'width', 'height']},
        'trainedSteps': st['step'],
    }
    json.dump(sidecar, open(os.path.join(MODELS, a.name + '.json'), 'w'), indent=2)
    print(f'exported {path} ({os.path.getsize(path) / 1e6:.2f} MB) from step {st["step"]}')


if __name__ == '__main__':
    main()
