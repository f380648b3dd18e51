#!/usr/bin/python3
"""Train the MarkSight mark embedding (CPU).

MobileNetV2 trunk rebuilt in torch from the converted nsfwjs weights (mnv2_torch.py; Keras padding + BN eps
1e-3), cut at block_12_add (96 ch, stride 16), layers up to block_5_add frozen (BN statistics frozen
throughout), + neck (1x1 conv 512, BN, ReLU) + GeM pooling + linear 256 + L2 norm.
Loss: symmetric InfoNCE between clean marks (gallery view, letterboxed on white at --gallery-size) and
photo-like composites of the same marks (--query-size); with --bare-negatives N, N regions of the batch's
photos that miss their mark are extra negatives for every clean mark (so no mark sits near bare goods:
stripes, weaves, clutter); an optional cross-batch memory queue of past clean
embeddings adds negatives from --queue-start (off by default: it hurt short runs). Batches are generated in
--workers DataLoader worker processes.

Run via models/scripts/train.sh (sets glibc malloc to keep large blocks on its heap: 4x faster than jemalloc here). Logs to stdout; checkpoints to --out/ckpt.pt.
"""
import argparse
import resource
import json
import math
import os
import random
import re
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import synth  # noqa: E402
from mnv2_torch import Embedder, freeze_trunk_bn, grow_deep_branch  # noqa: E402

WORK = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), '.work')


# variant suffixes of an icon's name, as prep_icons.mjs's STRIP (which matches names against benchmark brands), plus
# fluent-emoji's skin tones (-dark, -medium)
SUFFIX = re.compile(r'-(fill|filled|line|outline|outlined|solid|regular|bold|light|thin|duotone|twotone|sharp|round|rounded|alt|dark|medium|\d+)$')


def base_name(icon_id):
    """An icon's name without its set and up to two variant suffixes ('mdi:home-outline-2' -> 'home')."""
    return SUFFIX.sub('', SUFFIX.sub('', icon_id.split(':', 1)[1]))


class StyleGroups:
    """Draws that come in runs of one style: `size` icons in a row from one icon set (no two variants of one icon,
    e.g. 'home' and 'home-outline'), `size` wordmarks in a row in one font. A batch's negatives are then marks drawn
    alike (same stroke, grid, letterforms), as recorded marks that get confused are; random draws from 65k icons
    in 184 sets are told apart by style alone. With `neighbours` (mine_neighbours.py), a `neighbour_share` of the
    icon runs are instead an icon and its nearest look-alikes under the previous model, from any set."""

    def __init__(self, icons, fonts, size, rng, neighbours=None, neighbour_share=0.0):
        self.rng, self.size, self.fonts = rng, size, fonts
        self.neighbours, self.neighbour_share = neighbours, neighbour_share
        self.set_of = [e['set'] for e in icons.index]
        self.members = {}
        for i, st in enumerate(self.set_of):
            self.members.setdefault(st, []).append(i)
        self.base = [base_name(e['id']) for e in icons.index]
        self.icons_left = self.words_left = 0
        self.font = None

    def icon(self):
        if self.icons_left == 0:  # a new run: a set as likely as its share of the pool, or an icon and its look-alikes
            anchor = self.rng.randrange(len(self.set_of))
            self.icons_left, self.used = self.size, set()
            if self.neighbours is not None and self.rng.random() < self.neighbour_share:
                near = [int(j) for j in self.neighbours[anchor] if j >= 0]
                self.rng.shuffle(near)
                run, names = [anchor], {self.base[anchor]}
                for j in near:  # two neighbours may share a name (two artists' 'star'): keep one
                    if len(run) < self.size and self.base[j] not in names:
                        run.append(j)
                        names.add(self.base[j])
                self.pool, self.queue = run, list(run)
            else:
                self.pool, self.queue = self.members[self.set_of[anchor]], None
        self.icons_left -= 1
        if self.queue:  # a look-alike run is drawn in order, each once
            idx = self.queue.pop(0)
            self.used.add(self.base[idx])
            return idx
        for _ in range(8):
            idx = self.rng.choice(self.pool)
            if self.base[idx] not in self.used:
                break
        self.used.add(self.base[idx])
        return idx

    def word_fonts(self):
        if self.words_left == 0:
            self.font, self.words_left = self.rng.choice(self.fonts), self.size
        self.words_left -= 1
        return [self.font]


class PairStream(torch.utils.data.IterableDataset):
    def __init__(self, gallery_size, query_size, budget_s, seed, elapsed_s=0.0, bare=False, style_group=0,
                 neighbour_groups=None, neighbour_share=0.0):
        self.gs, self.qs, self.budget, self.seed, self.elapsed = gallery_size, query_size, budget_s, seed, elapsed_s
        self.bare, self.style_group = bare, style_group
        self.neighbour_groups, self.neighbour_share = neighbour_groups, neighbour_share

    def __iter__(self):
        torch.set_num_threads(1)
        wi = torch.utils.data.get_worker_info()
        wid = wi.id if wi else 0
        rng = random.Random(self.seed * 1000 + wid)
        icons = synth.IconPool('train')
        fonts = synth.list_fonts('train')
        neighbours = np.load(self.neighbour_groups) if self.neighbour_groups else None
        groups = StyleGroups(icons, fonts, self.style_group, rng, neighbours, self.neighbour_share) if self.style_group else None
        t0 = time.time()
        n = 0
        while True:
            # curriculum: augmentation strength ramps from 0.6 to 1.0 over the first 40 % of the budget
            # (a resumed run continues the ramp where it stopped)
            hard = 0.6 + 0.4 * min(1.0, (self.elapsed + time.time() - t0) / (0.4 * self.budget))
            r = rng.random()
            if r < 0.65:
                idx = groups.icon() if groups else rng.randrange(len(icons))
                mark, mid = icons.get(idx), idx
                if rng.random() < synth.LOGO_COLOUR_SHARE:
                    mark = synth.logo_colour(rng, mark)  # same icon, same id: colour is not identity
                if rng.random() < synth.LOCKUP_SHARE:
                    mark, mid = synth.lockup(rng, mark, groups.word_fonts() if groups else fonts), -(n * 4 + wid) - 1
            elif r < 0.87:
                mark, mid = synth.render_wordmark(rng, groups.word_fonts() if groups else fonts), -(n * 4 + wid) - 1
            else:
                mark, mid = synth.render_shape(rng), -(n * 4 + wid) - 1
            n += 1
            try:
                comp = synth.composite(rng, mark, icons, out_size=self.qs, hard=hard, with_background=self.bare)
            except Exception as e:  # never kill the stream on a rare geometry failure
                print('synth error', repr(e), flush=True)
                continue
            clean = torch.from_numpy(synth.to_chw(synth.clean_view(mark, self.gs)))
            if self.bare:
                comp, bare = comp
                yield clean, torch.from_numpy(synth.to_chw(comp)), mid, torch.from_numpy(synth.to_chw(bare))
            else:
                yield clean, torch.from_numpy(synth.to_chw(comp)), mid


def load_val(gs, qs):
    vdir = os.path.join(WORK, 'val')
    meta = json.load(open(os.path.join(vdir, 'val.json')))
    u8 = lambda im: np.asarray(im, np.uint8).transpose(2, 0, 1)  # noqa: E731  (uint8 to keep memory low)
    gal = np.stack([u8(synth.clean_view(Image.open(os.path.join(vdir, g['file'])).convert('RGBA'), gs)) for g in meta['gallery']])
    qry = np.stack([u8(synth.letterbox(Image.open(os.path.join(vdir, q['file'])).convert('RGB'), qs)) for q in meta['queries']])
    tgt = np.array([q['gallery'] for q in meta['queries']])
    kinds = np.array([q['kind'] for q in meta['queries']])
    return torch.from_numpy(gal), torch.from_numpy(qry), tgt, kinds


@torch.no_grad()
def embed(model, x, frozen_necks, bs=64):
    model.eval()
    out = torch.cat([model((x[i:i + bs].float() / 255.0).contiguous(memory_format=torch.channels_last)) for i in range(0, len(x), bs)])
    model.train()
    freeze_trunk_bn(model, *frozen_necks)
    return out


def recall(sim, tgt, kinds):
    rank = (sim > sim[np.arange(len(tgt)), tgt][:, None]).sum(1)
    res = {}
    for k in ['all', 'icon', 'wordmark']:
        m = np.ones(len(tgt), bool) if k == 'all' else kinds == k
        res[k] = {'R@1': float((rank[m] < 1).mean()), 'R@10': float((rank[m] < 10).mean())}
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--minutes', type=float, default=70)
    ap.add_argument('--batch', type=int, default=48)
    ap.add_argument('--gallery-size', type=int, default=160)
    ap.add_argument('--query-size', type=int, default=224)
    ap.add_argument('--cut', default='block_12_add')
    ap.add_argument('--deep-cut', default=None, help='a second branch pooled from this deeper layer (e.g. block_16_project_BN); '
                    'resuming a checkpoint without one grows it with the branch switched off (grow_deep_branch)')
    ap.add_argument('--freeze', default='block_5_add')
    ap.add_argument('--dim', type=int, default=256)
    ap.add_argument('--queue', type=int, default=4096)
    ap.add_argument('--queue-start', type=int, default=1000000,
                    help='step from which past clean embeddings are extra negatives (off by default: it hurt at this budget)')
    ap.add_argument('--bare-negatives', type=int, default=0,
                    help='per batch, this many photo regions without their mark are negatives for every clean mark')
    ap.add_argument('--style-group', type=int, default=0,
                    help='draw icons in runs of this many from one icon set and wordmarks in one font (StyleGroups; 0: independent draws)')
    ap.add_argument('--neighbour-groups', default=None,
                    help="mine_neighbours.py's .npy: with --style-group, some icon runs are an icon and its mined look-alikes")
    ap.add_argument('--neighbour-share', type=float, default=0.5, help='the share of icon runs drawn from --neighbour-groups')
    ap.add_argument('--lr', type=float, default=6e-4)
    ap.add_argument('--trunk-lr-mult', type=float, default=0.4)
    ap.add_argument('--deep-lr-mult', type=float, default=1.0, help="the deep branch's neck, pooling and projection (new layers when grown)")
    ap.add_argument('--head-lr-mult', type=float, default=1.0, help="the shipped branch's neck, pooling and projection (0 with --freeze at the cut: that branch stays as loaded)")
    ap.add_argument('--deep-proj-scale', type=float, default=0.0,
                    help="a grown deep branch's projection starts at this fraction of PyTorch's default init (0: at zero, so step 0 computes the loaded model)")
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--workers', type=int, default=2, help='batch-generating processes')
    ap.add_argument('--val-every-min', type=float, default=15)
    ap.add_argument('--ckpt-every-min', type=float, default=4)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--out', default=os.path.join(WORK, 'train'))
    ap.add_argument('--resume', action='store_true')
    ap.add_argument('--init-val', action='store_true', help='validate before the first step too (the untrained or the resumed model)')
    ap.add_argument('--stop-step', type=int, default=0, help='end at this step (validated and saved) although the budget runs on')
    ap.add_argument('--frozen-neck-bn', action='store_true', help="keep the neck's BN in eval mode too (set by a checkpoint rebuilt from an export)")
    ap.add_argument('--frozen-deep-neck-bn', action='store_true', help="the same for the deep branch's neck")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    torch.manual_seed(a.seed)
    torch.set_num_threads(a.threads)
    budget = a.minutes * 60

    ck = os.path.join(a.out, 'ckpt.pt')
    st = torch.load(ck) if a.resume and os.path.exists(ck) else None
    if st and st['args'].get('deep_cut'):
        a.deep_cut = st['args']['deep_cut']
    model = Embedder(cut=a.cut, dim=a.dim, deep_cut=a.deep_cut)
    model.trunk.freeze_until(a.freeze)
    logit_scale = torch.nn.Parameter(torch.tensor(math.log(1 / 0.07)))
    trunk_params = [p for p in model.trunk.parameters() if p.requires_grad]
    head_params = [p for n, p in model.named_parameters() if not n.startswith(('trunk.', 'deep_'))]
    deep_params = [p for n, p in model.named_parameters() if n.startswith('deep_')]
    opt = torch.optim.AdamW([{'params': trunk_params, 'lr': a.lr * a.trunk_lr_mult, 'base': a.lr * a.trunk_lr_mult},
                             {'params': head_params + [logit_scale], 'lr': a.lr * a.head_lr_mult, 'base': a.lr * a.head_lr_mult}]
                            + ([{'params': deep_params, 'lr': a.lr * a.deep_lr_mult, 'base': a.lr * a.deep_lr_mult}] if deep_params else []),
                            weight_decay=1e-4)
    step, elapsed_prev, history = 0, 0.0, []
    qfeat = torch.zeros(0, a.dim)
    qids = torch.zeros(0, dtype=torch.long)
    warm_from = 0  # AdamW warms up over the 100 steps after this one
    refit_temperature = False
    if st:
        grown = bool(a.deep_cut) and not st['args'].get('deep_cut')
        if grown:
            grow_deep_branch(model, st['model'], a.deep_proj_scale)
        else:
            model.load_state_dict(st['model'])
        logit_scale.data = st['logit_scale']
        step, elapsed_prev, history = st['step'], st['elapsed'], st.get('history', [])
        # a checkpoint rebuilt from an export (onnx_to_ckpt.py) keeps neither the optimiser state nor the
        # learned temperature, and its neck BN's statistics are folded: AdamW starts again with a warm-up,
        # the temperature is fitted to the first batch, the neck BN stays in eval mode
        rebuilt = 'opt' not in st or grown
        if rebuilt:
            warm_from, refit_temperature = step, True
        else:
            opt.load_state_dict(st['opt'])
        a.frozen_neck_bn = a.frozen_neck_bn or st['args'].get('frozen_neck_bn', False)
        a.frozen_deep_neck_bn = a.frozen_deep_neck_bn or st['args'].get('frozen_deep_neck_bn', False)
        print(f'resumed at step {step}, {elapsed_prev / 60:.1f} min' + (f' (rebuilt from {st.get("from_onnx")})' if 'opt' not in st else '')
              + (f', grown a branch from {a.deep_cut}' if grown else ''), flush=True)
        del st
    # channels-last: mkldnn's depthwise convolutions run ~1.3x faster in NHWC on this CPU
    model.to(memory_format=torch.channels_last)
    model.train()
    frozen_necks = (a.frozen_neck_bn, a.frozen_deep_neck_bn)
    freeze_trunk_bn(model, *frozen_necks)
    n_train = sum(p.numel() for p in trunk_params + head_params + deep_params)
    print(f'params trainable {n_train}, total {sum(p.numel() for p in model.parameters())}; args {vars(a)}', flush=True)

    val = load_val(a.gallery_size, a.query_size)
    print(f'val loaded: {len(val[0])} gallery, {len(val[1])} queries', flush=True)

    def run_val(tag):
        t = time.time()
        g = embed(model, val[0], frozen_necks)
        q = embed(model, val[1], frozen_necks)
        res = recall((q @ g.T).numpy(), val[2], val[3])
        print(f'VAL {tag} step {step}: ' + ' '.join(f"{k} R@1 {v['R@1']:.3f} R@10 {v['R@10']:.3f}" for k, v in res.items()) + f' ({time.time() - t:.0f} s)', flush=True)
        history.append({'step': step, 'minutes': round((elapsed_prev + time.time() - t_start) / 60, 1), 'tag': tag, **res})
        return res

    def save(tag=''):
        st = {'model': model.state_dict(), 'opt': opt.state_dict(), 'logit_scale': logit_scale.data, 'step': step,
              'elapsed': elapsed_prev + time.time() - t_start, 'history': history, 'args': vars(a)}
        torch.save(st, ck + '.tmp')
        os.replace(ck + '.tmp', ck)
        if tag:
            torch.save(st, os.path.join(a.out, f'ckpt-{tag}.pt'))

    ds = PairStream(a.gallery_size, a.query_size, budget, a.seed + step, elapsed_prev, bare=a.bare_negatives > 0, style_group=a.style_group,
                    neighbour_groups=a.neighbour_groups, neighbour_share=a.neighbour_share)
    dl = torch.utils.data.DataLoader(ds, batch_size=a.batch, num_workers=a.workers, prefetch_factor=8, persistent_workers=True)
    t_start = time.time()
    if a.init_val:
        run_val('init')
    t_ckpt = t_val = time.time()
    t_log, n_log, loss_acc, acc_acc = time.time(), 0, 0.0, 0.0
    for clean, comp, ids, *bare in dl:
        el = elapsed_prev + time.time() - t_start
        if el > budget or (a.stop_step and step >= a.stop_step):
            break
        frac = el / budget
        warm = min(1.0, (step - warm_from + 1) / 100)
        for gp in opt.param_groups:
            gp['lr'] = gp['base'] * warm * (0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * frac)))
        k = model(clean.contiguous(memory_format=torch.channels_last), a.freeze)
        q = model(comp.contiguous(memory_format=torch.channels_last), a.freeze)
        B = len(ids)
        same = ids[:, None] == ids[None, :]
        eye = torch.eye(B, dtype=torch.bool)
        if refit_temperature:
            # the scale whose symmetric InfoNCE on this batch is lowest (what the learned temperature minimises)
            with torch.no_grad():
                sim, tgt0 = q @ k.T, torch.arange(B)
                fit = lambda sc: float(sum(F.cross_entropy(m.masked_fill(same & ~eye, -1e4), tgt0) for m in (sim * sc, sim.T * sc)))  # noqa: E731
                best = min(np.linspace(5, 100, 96), key=fit)
                logit_scale.data.fill_(math.log(best))
                refit_temperature = False
                print(f'temperature re-estimated: scale {best:.1f}', flush=True)
        scale = logit_scale.exp().clamp(max=100)
        l_qk = q @ k.T * scale
        l_qk = l_qk.masked_fill(same & ~eye, -1e4)
        if step >= a.queue_start and len(qfeat):
            l_qq = q @ qfeat.T * scale
            l_qq = l_qq.masked_fill(ids[:, None] == qids[None, :], -1e4)
            logits_q = torch.cat([l_qk, l_qq], 1)
        else:
            logits_q = l_qk
        logits_k = l_qk.T
        if bare:
            b = model(bare[0][:a.bare_negatives].contiguous(memory_format=torch.channels_last), a.freeze)
            logits_k = torch.cat([logits_k, k @ b.T * scale], 1)
        tgt = torch.arange(B)
        loss = 0.5 * (F.cross_entropy(logits_q, tgt) + F.cross_entropy(logits_k, tgt))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        with torch.no_grad():
            qfeat = torch.cat([k.detach(), qfeat])[:a.queue]
            qids = torch.cat([ids, qids])[:a.queue]
            acc_acc += float((l_qk.argmax(1) == tgt).float().mean())
        loss_acc += float(loss)
        n_log += 1
        step += 1
        if step % 20 == 0:
            dt = time.time() - t_log
            print(f'step {step} {el / 60:.1f} min loss {loss_acc / n_log:.3f} inbatch-acc {acc_acc / n_log:.3f} '
                  f'scale {float(scale):.1f} lr {opt.param_groups[1]["lr"]:.2e} {n_log * B / dt:.1f} pairs/s queue {len(qfeat)} maxrss {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6:.1f} GB', flush=True)
            t_log, n_log, loss_acc, acc_acc = time.time(), 0, 0.0, 0.0
        if time.time() - t_ckpt > a.ckpt_every_min * 60:
            save()
            t_ckpt = time.time()
        if time.time() - t_val > a.val_every_min * 60:
            run_val('periodic')
            save(f'step{step}')
            t_val = time.time()
    run_val('final')
    save('final')
    print('DONE', flush=True)
    os._exit(0)


if __name__ == '__main__':
    main()
