#!/usr/bin/env bash
# Train the mark detector (models/scripts/train_detector.py) from the committed embedding's trunk, export it to
# models/mark-det.onnx (+ sidecar), check torch/onnxruntime-node parity and time it.
# usage: models/scripts/train_detector.sh [--minutes 50]   (log: models/.work/det.log)
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p models/.work/det
[ -d models/.work/node_modules/@iconify/json ] || npm install --no-save --prefix models/.work @iconify/json@2.2.535
[ -f models/.work/pool/train.json ] || node models/scripts/prep_icons.mjs 450 192
/usr/bin/python3 models/scripts/onnx_to_ckpt.py --name mnv2-emb256 --out models/.work/det/init.pt --minutes 0 --step 0
export MALLOC_MMAP_THRESHOLD_=4294967296 MALLOC_TRIM_THRESHOLD_=68719476736 MALLOC_TOP_PAD_=1073741824
export OMP_WAIT_POLICY=PASSIVE
# the fourth embedding leg's photo conditions, with more and smaller small marks (7-30 % of the short side for 40 %)
export SYNTH_LOGO_COLOUR_SHARE=0.6 SYNTH_LOCKUP_SHARE=0.15 SYNTH_PATTERN_SHARE=1 SYNTH_EMBOSS_SHARE=0.1 \
  SYNTH_OCCLUSION_RATE=0.35 SYNTH_OCCLUDER_SHARE=0.6 SYNTH_LOW_CONTRAST_MIN=15 SYNTH_HARSH_SHARE=0.3 \
  SYNTH_SMALL_SHARE=0.4 SYNTH_SMALL_MIN=0.07
/usr/bin/python3 -u models/scripts/train_detector.py --init models/.work/det/init.pt --out models/.work/det "$@" 2>&1 | tee models/.work/det.log
/usr/bin/python3 models/scripts/export_detector.py --ckpt models/.work/det/det.pt --name mark-det
node models/scripts/check_parity_torch.mjs mark-det
node models/scripts/latency.mjs mark-det
# the embedding's hubness reference is built from the regions a query searches, which now include the detector's
[ -f bench/out/gallery/gallery.jsonl ] || npm run bench:gallery
npx tsx models/scripts/build_hubness_reference.mts mnv2-emb256
