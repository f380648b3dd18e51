#!/usr/bin/python3
"""Find each training icon's nearest look-alikes under a trained embedding (for train_embedding.py --neighbour-groups).

Every icon of the training pool is embedded as a clean mark (the gallery view) by the checkpoint's model; each
icon's k nearest other icons are kept, except
  - icons of the same name (after variant suffixes), in any set: 'home' drawn by two artists is the same idea,
    and the bench's redrawn kind wants such pairs near, not apart;
  - near-copies (cosine above --max-cos): the same glyph shipped in two sets would be a false negative.
Output: an int32 array [icons, k] of pool indices (-1 pads an icon with fewer neighbours) and a JSON summary.
usage: mine_neighbours.py --ckpt models/.work/train-style/ckpt-final.pt --out models/.work/neighbours.npy
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import synth  # noqa: E402
from mnv2_torch import load_embedder  # noqa: E402
from train_embedding import base_name  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--ckpt', required=True)
    ap.add_argument('--out', required=True)
    ap.add_argument('--k', type=int, default=24)
    ap.add_argument('--max-cos', type=float, default=0.93)
    ap.add_argument('--gallery-size', type=int, default=160)
    ap.add_argument('--threads', type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    model, st = load_embedder(a.ckpt)
    model.eval().to(memory_format=torch.channels_last)

    pool = synth.IconPool('train')
    n, bs, t0 = len(pool), 128, time.time()
    emb = torch.zeros(n, st['args']['dim'])
    with torch.no_grad():
        for i in range(0, n, bs):
            x = np.stack([synth.to_chw(synth.clean_view(pool.get(j), a.gallery_size)) for j in range(i, min(n, i + bs))])
            emb[i:i + len(x)] = model(torch.from_numpy(x).contiguous(memory_format=torch.channels_last))
            if i % (bs * 50) == 0:
                print(f'embedded {i + len(x)} / {n} ({time.time() - t0:.0f} s)', flush=True)

    names = np.array([hash(base_name(e['id'])) for e in pool.index])
    nbr = np.full((n, a.k), -1, np.int32)
    dropped_name = dropped_copy = 0
    cos_kept = []
    for i in range(0, n, 2048):
        sim = (emb[i:i + 2048] @ emb.T).numpy()
        rows = np.arange(len(sim))
        sim[rows, i + rows] = -2  # not itself
        same = names[i:i + 2048, None] == names[None, :]
        dropped_name += int((same & (sim > 0.5)).sum())
        copy = sim > a.max_cos
        dropped_copy += int((copy & ~same).sum())
        sim[same | copy] = -2
        top = np.argpartition(-sim, a.k, axis=1)[:, :a.k]
        order = np.take_along_axis(sim, top, 1).argsort(1)[:, ::-1]
        top = np.take_along_axis(top, order, 1)
        top_sim = np.take_along_axis(sim, top, 1)
        nbr[i:i + len(sim)] = np.where(top_sim > -2, top, -1)
        cos_kept.append(top_sim)
    cos_kept = np.concatenate(cos_kept)
    np.save(a.out, nbr)
    summary = {'ckpt': a.ckpt, 'icons': n, 'k': a.k, 'max_cos': a.max_cos, 'seconds': round(time.time() - t0),
               'dropped_same_name_above_0.5': dropped_name, 'dropped_copies': dropped_copy,
               'cos_first_p50': float(np.median(cos_kept[:, 0])), 'cos_last_p50': float(np.median(cos_kept[:, -1])),
               'same_set_share': float(np.mean([pool.index[j]['set'] == pool.index[i]['set']
                                                for i in range(0, n, 97) for j in nbr[i] if j >= 0]))}
    json.dump(summary, open(os.path.splitext(a.out)[0] + '.json', 'w'), indent=1)
    print(json.dumps(summary), flush=True)


if __name__ == '__main__':
    main()
