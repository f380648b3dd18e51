import { openEngine } from '../core/engine';
import { readFileSync, writeFileSync } from 'node:fs';
const dir = 'bench/out/photos/test';
const rows = readFileSync(`${dir}/truth.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const pick = [...rows.filter((r) => r.kind === 'easy').slice(0, 15), ...rows.filter((r) => r.kind === 'hard').slice(0, 15)];
const engine = await openEngine({ dbPath: 'bench/out/bench.db' });
const out = [];
for (const r of pick) {
  const res = await engine.query(`${dir}/${r.file}`, { top: 10 });
  out.push({ file: r.file, results: res.results, text: res.text });
}
writeFileSync(process.argv[2], JSON.stringify(out, null, 1));
await engine.close();
