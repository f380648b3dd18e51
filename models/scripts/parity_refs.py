"""Torch reference outputs for check_parity_torch.mjs: each input and the module's output as float32 files in
models/.work/parity/<name>_in<i>.bin / _out<i>.bin, with their shapes in <name>.json."""
import json
import os

import torch

PARITY_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), '.work', 'parity')


def write_parity_refs(name, module, inputs):
    os.makedirs(PARITY_DIR, exist_ok=True)
    cases = []
    for i, x in enumerate(inputs):
        with torch.no_grad():
            y = module(x)
        x.numpy().astype('<f4').tofile(os.path.join(PARITY_DIR, f'{name}_in{i}.bin'))
        y.numpy().astype('<f4').tofile(os.path.join(PARITY_DIR, f'{name}_out{i}.bin'))
        cases.append({'shape': list(x.shape), 'dim': int(y.shape[1])})
    json.dump(cases, open(os.path.join(PARITY_DIR, f'{name}.json'), 'w'))
