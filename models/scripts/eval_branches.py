"""Torch-side validation of a two-branch checkpoint (--deep-cut), whole and by branch: the shipped branch alone
(deep projection zeroed) and the deep branch alone (the shipped projection and bias zeroed). Tells whether a grown
branch learned anything of its own, which the whole model's figure hides.
usage: python3 models/scripts/eval_branches.py models/.work/<run>/ckpt.pt"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mnv2_torch import load_embedder  # noqa: E402
from train_embedding import embed, load_val, recall  # noqa: E402

model, st = load_embedder(sys.argv[1])
args = st['args']
assert args.get('deep_cut'), 'not a two-branch checkpoint'
torch.set_num_threads(int(os.environ.get('THREADS', 2)))
model.to(memory_format=torch.channels_last)
frozen = (args.get('frozen_neck_bn', False), args.get('frozen_deep_neck_bn', False))
gal, qry, tgt, kinds = load_val(args['gallery_size'], args['query_size'])
weights = {n: p.detach().clone() for n, p in model.named_parameters() if n.startswith(('proj.', 'deep_proj.'))}


def score(tag, zero):
    """Validation with the projections whose names start with one of `zero` set to zero (none for `()`)."""
    with torch.no_grad():
        for n, p in model.named_parameters():
            if n in weights:
                p.copy_(torch.zeros_like(p) if n.startswith(zero) else weights[n])
    res = recall((embed(model, qry, frozen) @ embed(model, gal, frozen).T).numpy(), tgt, kinds)
    print(f'{tag:<14} step {st["step"]}: ' + ' '.join(f"{k} R@1 {v['R@1']:.3f} R@10 {v['R@10']:.3f}" for k, v in res.items()), flush=True)


score('both', ())
score('shipped only', ('deep_proj.',))
score('deep only', ('proj.',))
