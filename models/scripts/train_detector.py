"""Train MarkSight's mark detector (mark-det): where marks are in a photo, as a CenterNet-style heat map of mark
centres plus each centre's box size, at stride 8 of a 256 px letterboxed photo.

Trunk: the shipped embedding's MobileNetV2 trunk (rebuilt from models/mnv2-emb256.onnx by onnx_to_ckpt.py: it
has learnt what marks look like) to block_12 (stride 16), with block_5 (stride 8) tapped for small marks. Head:
both maps to 64 channels, summed, a 3x3 conv, then 5 channels (centre logit, sub-cell offset x/y, log width /
height in cells). Data: synth.py's photo-like composites of the training icons, wordmarks and shapes (never the
bench gallery); the targets are the mark's ink box and every clutter mark's (all are marks to propose).

usage: train_detector.py --init models/.work/det/init.pt --out models/.work/det [--minutes 50]
"""
import argparse
import math
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import synth  # noqa: E402
from mnv2_torch import Embedder, freeze_trunk_bn  # noqa: E402

SIZE = 256
STRIDE = 8
CELLS = SIZE // STRIDE


class Detector(nn.Module):
    def __init__(self, trunk):
        super().__init__()
        self.trunk = trunk
        self.lat16 = nn.Conv2d(96, 64, 1)
        self.lat8 = nn.Conv2d(32, 64, 1)
        self.mix = nn.Sequential(nn.ReLU(inplace=True), nn.Conv2d(64, 64, 3, padding=1), nn.ReLU(inplace=True))
        self.out = nn.Conv2d(64, 5, 1)
        nn.init.constant_(self.out.bias[:1], -4.6)  # centre prior 1 %: the focal loss starts calm (CenterNet)
        nn.init.zeros_(self.out.bias[1:])

    def forward(self, x):
        f8, f16 = self.trunk(x, taps=('block_5_add', 'block_12_add'))
        f = self.lat8(f8) + F.interpolate(self.lat16(f16), size=f8.shape[2:], mode='nearest')
        return self.out(self.mix(f))


def letterboxed(img, boxes):
    """The engine's letterbox (fit inside SIZE, centred on white) and the boxes mapped into it."""
    s = SIZE / max(img.width, img.height)
    w, h = max(1, round(img.width * s)), max(1, round(img.height * s))
    ox, oy = (SIZE - w) // 2, (SIZE - h) // 2
    return synth.letterbox(img, SIZE), [(ox + x * s, oy + y * s, bw * s, bh * s) for x, y, bw, bh in boxes]


def targets(boxes):
    """Heat map (gaussian per centre, radius from the box size), offsets, log sizes and the centre mask."""
    heat = np.zeros((CELLS, CELLS), np.float32)
    reg = np.zeros((4, CELLS, CELLS), np.float32)
    mask = np.zeros((CELLS, CELLS), np.float32)
    yy, xx = np.mgrid[0:CELLS, 0:CELLS].astype(np.float32)
    for x, y, w, h in boxes:
        cx, cy = (x + w / 2) / STRIDE, (y + h / 2) / STRIDE
        ix, iy = min(CELLS - 1, int(cx)), min(CELLS - 1, int(cy))
        sigma = max(0.5, 0.15 * math.sqrt(w * h) / STRIDE)
        heat = np.maximum(heat, np.exp(-((xx - ix) ** 2 + (yy - iy) ** 2) / (2 * sigma * sigma)))
        reg[:, iy, ix] = (cx - ix, cy - iy, math.log(max(w, 1) / STRIDE), math.log(max(h, 1) / STRIDE))
        mask[iy, ix] = 1
    return heat, reg, mask


class PhotoStream(torch.utils.data.IterableDataset):
    def __init__(self, seed):
        self.seed = seed

    def __iter__(self):
        torch.set_num_threads(1)
        wi = torch.utils.data.get_worker_info()
        rng = random.Random(self.seed * 1000 + (wi.id if wi else 0))
        icons = synth.IconPool('train')
        fonts = synth.list_fonts('train')
        while True:
            r = rng.random()
            if r < 0.6:
                mark = icons.get(rng.randrange(len(icons)))
                if rng.random() < synth.LOGO_COLOUR_SHARE:
                    mark = synth.logo_colour(rng, mark)
                if rng.random() < synth.LOCKUP_SHARE:
                    mark = synth.lockup(rng, mark, fonts)
            elif r < 0.85:
                mark = synth.render_wordmark(rng, fonts)
            else:
                mark = synth.render_shape(rng)
            boxes = []
            try:
                img = synth.composite(rng, mark, icons, out_size=SIZE, raw=True, boxes=boxes)
            except Exception as e:  # never kill the stream on a rare geometry failure
                print('synth error', repr(e), flush=True)
                continue
            img, boxes = letterboxed(img, boxes)
            heat, reg, mask = targets(boxes)
            yield torch.from_numpy(synth.to_chw(img)), torch.from_numpy(heat), torch.from_numpy(reg), torch.from_numpy(mask)


def focal(logit, heat):
    """CenterNet's penalty-reduced focal loss, per centre."""
    p = torch.sigmoid(logit).clamp(1e-4, 1 - 1e-4)
    pos = heat.eq(1).float()
    pos_loss = -(torch.log(p) * (1 - p) ** 2 * pos).sum()
    neg_loss = -(torch.log(1 - p) * p ** 2 * (1 - heat) ** 4 * (1 - pos)).sum()
    return (pos_loss + neg_loss) / pos.sum().clamp(min=1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--init', required=True, help='embedding checkpoint whose trunk starts the detector (onnx_to_ckpt.py)')
    ap.add_argument('--out', required=True)
    ap.add_argument('--minutes', type=float, default=50)
    ap.add_argument('--batch', type=int, default=32)
    ap.add_argument('--lr', type=float, default=1e-3)
    ap.add_argument('--trunk-lr-mult', type=float, default=0.3)
    ap.add_argument('--freeze', default='block_2_add', help='trunk layers up to this one stay frozen')
    ap.add_argument('--seed', type=int, default=7)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    torch.manual_seed(a.seed)
    torch.set_num_threads(2)
    emb = Embedder(cut='block_12_add', dim=256)
    emb.load_state_dict(torch.load(a.init)['model'])
    model = Detector(emb.trunk)
    model.trunk.freeze_until(a.freeze)
    trunk_params = [p for p in model.trunk.parameters() if p.requires_grad]
    head_params = [p for n, p in model.named_parameters() if not n.startswith('trunk.')]
    opt = torch.optim.AdamW([{'params': trunk_params, 'base': a.lr * a.trunk_lr_mult}, {'params': head_params, 'base': a.lr}], lr=a.lr, weight_decay=1e-4)
    model.to(memory_format=torch.channels_last)
    model.train()
    freeze_trunk_bn(model, False)
    print(f'args {vars(a)}', flush=True)
    dl = torch.utils.data.DataLoader(PhotoStream(a.seed), batch_size=a.batch, num_workers=2, prefetch_factor=6, persistent_workers=True)
    budget, t0, step = a.minutes * 60, time.time(), 0
    acc = np.zeros(3)
    for x, heat, reg, mask in dl:
        el = time.time() - t0
        if el > budget:
            break
        frac = el / budget
        for g in opt.param_groups:
            g['lr'] = g['base'] * min(1.0, (step + 1) / 100) * (0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * frac)))
        out = model(x.contiguous(memory_format=torch.channels_last))
        l_heat = focal(out[:, 0], heat)
        m = mask[:, None]
        n = mask.sum().clamp(min=1)
        l_off = (F.l1_loss(torch.sigmoid(out[:, 1:3]), reg[:, :2], reduction='none') * m).sum() / n
        l_size = (F.l1_loss(out[:, 3:5], reg[:, 2:], reduction='none') * m).sum() / n
        loss = l_heat + l_off + l_size
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        acc += (float(l_heat), float(l_off), float(l_size))
        step += 1
        if step % 25 == 0:
            print(f'step {step} {el / 60:.1f} min heat {acc[0] / 25:.3f} offset {acc[1] / 25:.3f} size {acc[2] / 25:.3f} '
                  f'{step * a.batch / el:.1f} photos/s lr {opt.param_groups[1]["lr"]:.2e}', flush=True)
            acc[:] = 0
        if step % 200 == 0:
            torch.save({'model': model.state_dict(), 'step': step, 'args': vars(a)}, os.path.join(a.out, 'det.pt'))
    torch.save({'model': model.state_dict(), 'step': step, 'args': vars(a)}, os.path.join(a.out, 'det.pt'))
    print('DONE', flush=True)


if __name__ == '__main__':
    main()
