"""MobileNetV2 trunk rebuilt in torch from the nsfwjs Keras layer list (extract_nsfwjs.mjs output),
matching Keras semantics: explicit ZeroPadding2D((0,1),(0,1)) before stride-2 convs, 'same' padding for
stride-1 convs, BatchNorm eps from the config (1e-3), ReLU6. Plus the MarkSight embedding head."""
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from keras_mnv2 import layer_inputs, load_keras, trunk_layers  # noqa: E402


class KerasTrunk(nn.Module):
    def __init__(self, layers, weights, cut):
        super().__init__()
        self.plan = []  # (name, kind, inputs, extra)
        self.mods = nn.ModuleDict()
        self.cut = cut
        chans = {}
        for l in trunk_layers(layers, cut):
            cls, c, nm = l['class_name'], l['config'], l['name']
            ins = layer_inputs(l)
            key = nm.replace('.', '_')
            if cls == 'InputLayer':
                chans[nm] = 3
                self.plan.append((nm, 'input', ins, None))
            elif cls == 'ZeroPadding2D':
                (t, b), (lf, r) = c['padding']
                chans[nm] = chans[ins[0]]
                self.plan.append((nm, 'pad', ins, (lf, r, t, b)))
            elif cls in ('Conv2D', 'DepthwiseConv2D'):
                kh, kw = c['kernel_size']
                sh, sw = c['strides']
                cin = chans[ins[0]]
                if c['padding'] == 'same':
                    assert (sh, sw) == (1, 1), 'same padding with stride 2 not expected (Keras pads explicitly)'
                    pad = ((kh - 1) // 2, (kw - 1) // 2)
                else:
                    pad = (0, 0)
                if cls == 'Conv2D':
                    k = weights[nm + '/kernel']
                    cout = k.shape[3]
                    conv = nn.Conv2d(cin, cout, (kh, kw), (sh, sw), pad, bias=bool(c.get('use_bias')))
                    conv.weight.data = torch.from_numpy(k.transpose(3, 2, 0, 1).copy())
                else:
                    k = weights[nm + '/depthwise_kernel']
                    mult = k.shape[3]
                    cout = cin * mult
                    conv = nn.Conv2d(cin, cout, (kh, kw), (sh, sw), pad, groups=cin, bias=bool(c.get('use_bias')))
                    conv.weight.data = torch.from_numpy(k.transpose(2, 3, 0, 1).reshape(cout, 1, kh, kw).copy())
                if conv.bias is not None:
                    conv.bias.data = torch.from_numpy(weights[nm + '/bias'].copy())
                self.mods[key] = conv
                chans[nm] = cout
                self.plan.append((nm, 'mod', ins, key))
            elif cls == 'BatchNormalization':
                ch = chans[ins[0]]
                bn = nn.BatchNorm2d(ch, eps=c.get('epsilon', 1e-3))
                g = weights.get(nm + '/gamma')
                b = weights.get(nm + '/beta')
                bn.weight.data = torch.from_numpy(g.copy()) if g is not None else torch.ones(ch)
                bn.bias.data = torch.from_numpy(b.copy()) if b is not None else torch.zeros(ch)
                bn.running_mean.data = torch.from_numpy(weights[nm + '/moving_mean'].copy())
                bn.running_var.data = torch.from_numpy(weights[nm + '/moving_variance'].copy())
                self.mods[key] = bn
                chans[nm] = ch
                self.plan.append((nm, 'mod', ins, key))
            elif cls == 'ReLU':
                chans[nm] = chans[ins[0]]
                self.plan.append((nm, 'relu6' if c.get('max_value') == 6 else 'relu', ins, None))
            elif cls == 'Add':
                chans[nm] = chans[ins[0]]
                self.plan.append((nm, 'add', ins, None))
            else:
                raise ValueError(f'unsupported layer {cls} {nm}')
        self.channels = chans

    def freeze_until(self, name):
        """No gradients for the layers up to and including `name` (the frozen prefix); the rest train."""
        frozen = True
        for nm, kind, _, key in self.plan:
            if kind == 'mod':
                for p in self.mods[key].parameters():
                    p.requires_grad = not frozen
            if nm == name:
                frozen = False

    def forward(self, x, frozen_until=None, taps=None):
        """frozen_until: run the plan up to and including this layer without autograd (frozen prefix).
        taps: names of layers whose outputs are returned (a tuple) instead of the cut's."""
        vals = {}
        grad_ctx = torch.no_grad() if frozen_until else None
        if grad_ctx:
            grad_ctx.__enter__()
        for nm, kind, ins, extra in self.plan:
            if kind == 'input':
                y = x
            elif kind == 'pad':
                y = F.pad(vals[ins[0]], extra)
            elif kind == 'mod':
                y = self.mods[extra](vals[ins[0]])
            elif kind == 'relu6':
                y = F.relu6(vals[ins[0]])  # hardtanh: fused backward (clamp's is 3x slower)
            elif kind == 'relu':
                y = F.relu(vals[ins[0]])
            else:
                y = vals[ins[0]] + vals[ins[1]]
            vals[nm] = y
            if grad_ctx and nm == frozen_until:
                grad_ctx.__exit__(None, None, None)
                grad_ctx = None
        if grad_ctx:
            grad_ctx.__exit__(None, None, None)
        return tuple(vals[t] for t in taps) if taps else vals[self.cut]


class GeM(nn.Module):
    def __init__(self, p=3.0):
        super().__init__()
        self.p = nn.Parameter(torch.tensor(float(p)))

    def forward(self, x):
        p = self.p.clamp(1.0, 8.0)
        # x^p as exp(p log x): the same values, but onnxruntime vectorises Exp/Log and not Pow with a
        # non-constant exponent (0.5-0.9 ms of a 224 px region's 9 ms on the 2-core machine)
        return x.clamp(min=1e-6).log().mul(p).exp().mean(dim=(2, 3)).pow(1.0 / p)


def make_neck(cin, hidden):
    return nn.Sequential(nn.Conv2d(cin, hidden, 1, bias=False), nn.BatchNorm2d(hidden), nn.ReLU(inplace=True))


class Embedder(nn.Module):
    """trunk (to `cut`) -> 1x1 conv + BN + ReLU -> GeM -> linear -> L2 norm. With `deep_cut`, the trunk runs on
    to that layer and a second neck + GeM pools it too, with its own linear layer added to the first's."""

    def __init__(self, cut='block_12_add', hidden=512, dim=256, src_dir=None, deep_cut=None):
        super().__init__()
        layers, weights, _ = load_keras(src_dir)
        self.cut, self.deep_cut = cut, deep_cut
        self.trunk = KerasTrunk(layers, weights, deep_cut or cut)
        self.neck = make_neck(self.trunk.channels[cut], hidden)
        self.pool = GeM(3.0)
        if deep_cut:
            self.deep_neck = make_neck(self.trunk.channels[deep_cut], hidden)
            self.deep_pool = GeM(3.0)
            self.deep_proj = nn.Linear(hidden, dim, bias=False)
        self.proj = nn.Linear(hidden, dim)
        self.dim = dim

    def forward(self, x, frozen_until=None):
        if self.deep_cut:
            f, d = self.trunk(x, frozen_until, taps=(self.cut, self.deep_cut))
            e = self.proj(self.pool(self.neck(f))) + self.deep_proj(self.deep_pool(self.deep_neck(d)))
        else:
            e = self.proj(self.pool(self.neck(self.trunk(x, frozen_until))))
        return e / e.norm(dim=1, keepdim=True).clamp(min=1e-12)


def load_embedder(path):
    """The Embedder a training checkpoint describes (cut, size, branches from its args) with its weights, and the
    checkpoint itself (step, args, history)."""
    st = torch.load(path, map_location='cpu')
    model = Embedder(cut=st['args']['cut'], dim=st['args']['dim'], deep_cut=st['args'].get('deep_cut'))
    model.load_state_dict(st['model'])
    return model, st


def grow_deep_branch(model, state, proj_scale=0.0):
    """Load a one-branch model's state into a model with a deep branch whose projection starts at zero: the
    grown model computes exactly the loaded one, and training adds the deeper layers' evidence from there.
    With `proj_scale` > 0 the projection starts at that fraction of its default init instead: at zero the branch
    gets no gradient through its neck until the projection has grown (four runs learned almost nothing)."""
    # missing: the deep branch and the trunk's layers past the loaded cut (they keep the ImageNet weights)
    unexpected = model.load_state_dict(state, strict=False).unexpected_keys
    assert not unexpected, unexpected
    with torch.no_grad():
        model.deep_proj.weight.mul_(proj_scale)


def freeze_trunk_bn(model, neck=False, deep_neck=False):
    """Keep the converted BN statistics (eval mode) while the affine parameters still train; with `neck` /
    `deep_neck`, that neck's BN too (its statistics were folded into an export the checkpoint was rebuilt from)."""
    for m in model.trunk.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.eval()
    if neck:
        model.neck[1].eval()
    if deep_neck and model.deep_cut:
        model.deep_neck[1].eval()
