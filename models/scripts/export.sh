#!/usr/bin/env bash
# Export the latest (or given) training checkpoint to models/<name>.onnx, check torch/ORT parity, latency, validation,
# and rebuild its hubness reference (models/<name>.reference.f32).
# usage: models/scripts/export.sh [ckpt=models/.work/train/ckpt.pt] [name=mnv2-emb256]
set -euo pipefail
cd "$(dirname "$0")/../.."
CKPT="${1:-models/.work/train/ckpt.pt}"
NAME="${2:-mnv2-emb256}"
/usr/bin/python3 models/scripts/export_onnx.py --ckpt "$CKPT" --name "$NAME"
node models/scripts/check_parity_torch.mjs "$NAME"
# the window head is the same weights pooled per window: it must be derived again from every export
/usr/bin/python3 models/scripts/build_window_head.py --name "$NAME"
[ -f "models/$NAME.json" ] && node models/scripts/latency.mjs "$NAME" 224 1 || true
[ -f "models/$NAME.json" ] && [ -f models/.work/val/val.json ] && node models/scripts/eval_val.mjs "$NAME" || true
# the hubness reference belongs to these weights: rebuild it (its photos' wordmarks avoid the bench gallery's brand names)
if [ -f "models/$NAME.json" ]; then
  [ -f bench/out/gallery/gallery.jsonl ] || npm run bench:gallery
  npx tsx models/scripts/build_hubness_reference.mts "$NAME"
fi
