#!/usr/bin/env bash
# Train the embedding in the background-friendly way the notes recommend: jemalloc with memory retention
# (torch CPU training is 4-10x slower without it), batches generated in a DataLoader worker process.
# usage: models/scripts/train.sh [extra train_embedding.py args]   (log: models/.work/train.log)
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p models/.work
[ -d models/.work/node_modules/@iconify/json ] || npm install --no-save --prefix models/.work @iconify/json
[ -f models/.work/pool/train.json ] || node models/scripts/prep_icons.mjs 450 192
[ -f models/.work/val/val.json ] || /usr/bin/python3 models/scripts/make_val.py
export LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2
# retain address space, but purge dirty pages after a while (decay -1 = never purge ran into the OOM killer)
export MALLOC_CONF="retain:true,background_thread:true,dirty_decay_ms:30000,muzzy_decay_ms:30000"
export OMP_WAIT_POLICY=PASSIVE   # 2 threads on 2 shared cores: don't spin
/usr/bin/python3 -u models/scripts/train_embedding.py "$@" 2>&1 | tee models/.work/train.log
