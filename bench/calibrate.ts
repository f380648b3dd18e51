// `npx tsx bench/calibrate.ts [--fit val] [--eval test] [--per-kind 60] [--negatives 200] [--without textRead]`
// Runs the engine with verification over generated photos (easy / hard / redrawn / negative), fits the
// fusion (logistic regression on cosine, contrast, windows, lead, inliers, inlier ratio, verified, text) on
// the fit split, picks the flag threshold that keeps false flags on the fit split's negatives <= 0.5 % (--max-false-flags), writes
// core/match/fusion-coefficients.json (with the model id it was fitted for), and reports on both splits:
// hard R@1 with and without verification, flag precision / recall, false-flag rate, evidence latency.
import { Command } from 'commander';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FUSION_FEATURES, featureVector, FusionModel, type FusionCoefficients } from '../core/match';
import { openCalibrationEngine } from './calibrate/calibrationDb';
import { collectEvidence, type PhotoEvidence } from './calibrate/collectEvidence';
import { fitLogistic } from './calibrate/logisticFit';
import type { Split } from './photos/split';
import { flagMetrics, metricsFor, topCandidate, type SplitMetrics } from './calibrate/splitMetrics';

const opts = new Command()
  .option('--fit <split>', 'split the fusion is fitted on', 'val')
  .option('--eval <split>', 'held-out split reported as well', 'test')
  .option('--per-kind <n>', 'photos per kind per split', '60')
  .option('--negatives <n>', 'negative photos per split (default: --per-kind)')
  // half of issue 5's 1 %: a threshold set at the 1 % mark of 200 negatives passed 2-3 % of the held-out split's
  // in every fit so far (a maximum over few samples is biased low); at 0.5 % the test split gets 0.5 %
  .option('--max-false-flags <rate>', 'false-flag rate allowed on the fit split negatives', '0.005')
  .option('--rebuild-db', 'rebuild the calibration database')
  .option('--no-windows', 'query without the window grid (to measure what it adds)')
  .option('--without <features>', 'comma-separated fusion features left out of the fit: an ablation, reported but not written')
  .parse()
  .opts<{ fit: Split; eval: Split; perKind: string; negatives?: string; maxFalseFlags: string; rebuildDb?: boolean; windows: boolean; without?: string }>();
const leftOut = new Set((opts.without ?? '').split(',').filter(Boolean));
for (const f of leftOut) if (!(FUSION_FEATURES as readonly string[]).includes(f)) throw new Error(`--without: no fusion feature '${f}' (have ${FUSION_FEATURES.join(', ')})`);

const log = (l: string) => console.log(l);
const engine = await openCalibrationEngine(log, opts.rebuildDb);
const modelId = (await engine.model()).id;
const perKind = Number(opts.perKind);
const limits = { perKind, negatives: Number(opts.negatives ?? perKind), windows: opts.windows };
const fitSet = await collectEvidence(engine, opts.fit, limits, log);
const evalSet = opts.eval ? await collectEvidence(engine, opts.eval, limits, log) : [];
await engine.close();

function rows(set: PhotoEvidence[]): { x: number[][]; y: number[] } {
  const x: number[][] = [];
  const y: number[] = [];
  for (const p of set) {
    const hidden = new Set(p.hidden);
    const relevant = new Set(p.relevant);
    for (const c of p.candidates) {
      if (hidden.has(c.markId)) continue;
      x.push(featureVector({ ...c, textRead: p.textRead }));
      y.push(relevant.has(c.markId) ? 1 : 0);
    }
  }
  return { x, y };
}

const { x, y } = rows(fitSet);
// monotone: more visual similarity, geometry or text must never lower the probability. A feature whose
// fitted weight comes out negative (collinear with another, e.g. text-found wordmarks with low cosine)
// is dropped and the rest refitted.
const MONOTONE = new Set(['cosine', 'contrast', 'window', 'lead', 'logInliers', 'inlierRatio', 'verified', 'nameRead']);
let active = FUSION_FEATURES.map((_, j) => j).filter((j) => !leftOut.has(FUSION_FEATURES[j]));
let fitted = { weights: [] as number[], bias: 0 };
for (;;) {
  const m = fitLogistic(x.map((r) => active.map((j) => r[j])), y);
  const bad = active.filter((j, k) => MONOTONE.has(FUSION_FEATURES[j]) && m.weights[k] < 0);
  fitted = { weights: FUSION_FEATURES.map((_, j) => (active.includes(j) ? m.weights[active.indexOf(j)] : 0)), bias: m.bias };
  if (bad.length === 0) break;
  console.log(`calibrate: dropping ${bad.map((j) => FUSION_FEATURES[j]).join(', ')} (negative weight), refitting`);
  active = active.filter((j) => !bad.includes(j));
}
const weights = fitted.weights.map((w) => Math.round(w * 1e4) / 1e4);
const bias = Math.round(fitted.bias * 1e4) / 1e4;
const draft: FusionCoefficients = {
  version: '', // named below, once the calibration and threshold are known
  modelId,
  fittedOn: `bench ${opts.fit} split, ${perKind} photos per kind, ${limits.negatives} negatives (${fitSet.length} photos, ${x.length} candidate rows, ${y.filter(Boolean).length} positives), calibration DB date ${'2026-06-01'}, window grid ${opts.windows ? 'on' : 'off'}`,
  features: [...FUSION_FEATURES],
  weights,
  bias,
  threshold: 0.5,
};
// the first result's probability: a 1-D logistic fit of its logit on whether it is the photographed mark
const rowModel = new FusionModel(draft);
const firsts = fitSet.flatMap((p) => {
  const first = topCandidate(p, rowModel, 'fused');
  return first ? [{ c: first.c, p }] : [];
});
const platt = fitLogistic(
  firsts.map(({ c, p }) => [rowModel.logit({ ...c, textRead: p.textRead })]),
  firsts.map(({ c, p }) => (p.relevant.includes(c.markId) ? 1 : 0)),
);
draft.topCalibration = { slope: Math.round(platt.weights[0] * 1e4) / 1e4, intercept: Math.round(platt.bias * 1e4) / 1e4 };
// threshold: the lowest that keeps the fit split's negatives under the allowed false-flag rate
const model0 = new FusionModel(draft);
const negTop = fitSet
  .filter((p) => p.kind === 'negative')
  .map((p) => Math.max(0, ...p.candidates.map((c) => model0.probability({ ...c, textRead: p.textRead }))))
  .sort((a, b) => b - a);
const allowed = Math.floor(negTop.length * Number(opts.maxFalseFlags));
draft.threshold = Math.min(0.99, Math.max(0.5, Math.ceil(((negTop[allowed] ?? 0) + 1e-4) * 1000) / 1000));
// fits of the same day and sample size differ by their numbers: the version names them apart
const fit = createHash('sha256').update(JSON.stringify([weights, bias, draft.topCalibration, draft.threshold])).digest('hex').slice(0, 6);
draft.version = `fusion-${new Date().toISOString().slice(0, 10)}-${opts.fit}${perKind}n${limits.negatives}-${fit}`;
const model = new FusionModel(draft);

const report: Record<string, SplitMetrics> = { [opts.fit]: metricsFor(fitSet, model) };
if (evalSet.length) report[opts.eval] = metricsFor(evalSet, model);
draft.metrics = report;
const out = fileURLToPath(new URL('../core/match/fusion-coefficients.json', import.meta.url));
if (leftOut.size) console.log(`\nablation without ${[...leftOut].join(', ')}: coefficients not written`);
else writeFileSync(out, JSON.stringify(draft, null, 2) + '\n');

console.log(`\nfusion ${draft.version} for model ${modelId.slice(0, 12)}: weights [${draft.weights.join(', ')}], bias ${draft.bias}, first-result calibration ${JSON.stringify(draft.topCalibration)}, threshold ${draft.threshold}`);
for (const [split, m] of Object.entries(report)) {
  console.log(`\n${split} (${m.photos} photos)`);
  console.log(`  R@1 embedding only / fused:  easy ${m.r1.easy.embedding} / ${m.r1.easy.fused}   hard ${m.r1.hard.embedding} / ${m.r1.hard.fused}   redrawn ${m.r1.redrawn.embedding} / ${m.r1.redrawn.fused}`);
  console.log(`  flag: precision ${m.flag.precision}  recall (easy+hard) ${m.flag.recall}  false-flag rate (negatives) ${m.flag.falseFlagRate}  (${m.flag.flagged} flags, ${m.flag.correct} correct)`);
  const sweep = [0.5, 0.6, 0.7, 0.8, 0.9].map((t) => flagMetrics(opts.fit === split ? fitSet : evalSet, model, t));
  console.log(`  flag by threshold (recall / false-flag rate / precision): ${sweep.map((f) => `${f.threshold}: ${f.recall} / ${f.falseFlagRate} / ${f.precision}`).join('   ')}`);
  console.log(`  evidence ms p50 / p95: verify ${m.latency.verifyP50} / ${m.latency.verifyP95}, ocr ${m.latency.ocrP50} / ${m.latency.ocrP95}, both (parallel) ${m.latency.evidenceP50} / ${m.latency.evidenceP95}; query total p50 ${m.latency.totalP50}, CPU ms p50 ${m.latency.cpuP50}`);
}
