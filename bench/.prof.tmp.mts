import { openEngine } from '../core/engine';
import { readFileSync } from 'node:fs';
const dir = 'bench/out/photos/test';
const rows = readFileSync(`${dir}/truth.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const n = Number(process.argv[2] ?? 40);
const engine = await openEngine({ dbPath: 'bench/out/bench.db' });
await engine.warmUp();
const med = (a: number[]) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
const line: string[] = [];
for (const kind of ['easy', 'hard']) {
  const t: Record<string, number[]> = {};
  for (const r of rows.filter((r) => r.kind === kind).slice(0, n)) {
    const res = await engine.query(`${dir}/${r.file}`, { top: 10 });
    for (const [k, v] of Object.entries(res.timings ?? {})) (t[k] ??= []).push(v as number);
    (t.evidence ??= []).push(Math.max(res.timings.verifyMs ?? 0, res.timings.ocrMs ?? 0));
  }
  line.push(`${kind} ` + ['embedMs', 'verifyMs', 'ocrMs', 'evidence', 'totalMs'].map((k) => `${k.replace('Ms', '')} ${med(t[k]).toFixed(0)}`).join(' '));
}
console.log(process.env.TAG ?? '', line.join(' || '));
await engine.close();
