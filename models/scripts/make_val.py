#!/usr/bin/python3
"""Held-out validation set (never trained on, never the benchmark logos):
gallery = 2000 icons from held-out @iconify/json sets (see prep_icons.mjs) + 200 wordmarks in held-out fonts,
queries = photo-like composites (synth.composite, fixed seed) of 800 of those icons + the 200 wordmarks.
Written to models/.work/val/: gallery/*.png (RGBA, as a gallery logo would be), queries/*.jpg (raw photo,
not letterboxed), val.json. Evaluated in torch (train_embedding.py) and with the engine's preprocessing
through onnxruntime-node (eval_val.mjs)."""
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import synth  # noqa: E402

OUT = os.path.join(os.path.dirname(synth.POOL), 'val')


def main():
    rng = random.Random(777)
    pool = synth.IconPool('val')
    clutter = synth.IconPool('val')
    fonts = synth.list_fonts('val')
    os.makedirs(os.path.join(OUT, 'gallery'), exist_ok=True)
    os.makedirs(os.path.join(OUT, 'queries'), exist_ok=True)
    gallery, queries = [], []
    for i, e in enumerate(pool.index):
        g = f'gallery/i{i:05d}.png'
        mark = pool.get(i)
        mark.save(os.path.join(OUT, g))
        gallery.append({'file': g, 'id': e['id'], 'kind': 'icon'})
        if e.get('query'):
            q = f'queries/i{i:05d}.jpg'
            synth.composite(rng, mark, clutter, hard=1.0, raw=True).save(os.path.join(OUT, q), quality=92)
            queries.append({'file': q, 'gallery': len(gallery) - 1, 'kind': 'icon', 'set': e['set']})
    for k in range(200):
        mark = synth.render_wordmark(rng, fonts)
        g = f'gallery/w{k:05d}.png'
        mark.save(os.path.join(OUT, g))
        gallery.append({'file': g, 'id': f'wordmark:{k}', 'kind': 'wordmark'})
        q = f'queries/w{k:05d}.jpg'
        synth.composite(rng, mark, clutter, hard=1.0, raw=True).save(os.path.join(OUT, q), quality=92)
        queries.append({'file': q, 'gallery': len(gallery) - 1, 'kind': 'wordmark'})
    json.dump({'gallery': gallery, 'queries': queries}, open(os.path.join(OUT, 'val.json'), 'w'))
    print(f'val: {len(gallery)} gallery, {len(queries)} queries -> {OUT}')


if __name__ == '__main__':
    main()
