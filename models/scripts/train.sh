#!/usr/bin/env bash
# Train the embedding on CPU: batches generated in DataLoader worker processes; glibc malloc told to keep
# big tensors on its heap (each step's ~100 MB activations otherwise come from fresh mmap pages: page faults
# every step). Measured on this 2-core machine: 80-88 pairs/s per training step with these settings,
# 11-18 with jemalloc preloaded (what the shared model notes suggested).
# usage: models/scripts/train.sh [extra train_embedding.py args]   (log: models/.work/train.log, or $TRAIN_LOG)
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p models/.work
[ -d models/.work/node_modules/@iconify/json ] || npm install --no-save --prefix models/.work @iconify/json@2.2.535
[ -f models/.work/pool/train.json ] || node models/scripts/prep_icons.mjs 450 192
[ -f models/.work/val/val.json ] || /usr/bin/python3 models/scripts/make_val.py
export MALLOC_MMAP_THRESHOLD_=4294967296 MALLOC_TRIM_THRESHOLD_=68719476736 MALLOC_TOP_PAD_=1073741824
export OMP_WAIT_POLICY=PASSIVE   # 2 threads on 2 shared cores: don't spin
/usr/bin/python3 -u models/scripts/train_embedding.py "$@" 2>&1 | tee "${TRAIN_LOG:-models/.work/train.log}"
