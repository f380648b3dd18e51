import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { fileErrorReason } from '../../../api/errors';
import { KNOWN_COLUMNS, REQUIRED_COLUMNS } from './manifestColumns';
import { ManifestError } from './ManifestError';

export interface RawRow {
  /** 1-based line in the file where the row starts, for error reports. */
  line: number;
  values: Record<string, unknown> | null;
  /** Set when the line itself could not be parsed (bad JSON). */
  reason?: string;
}

function checkColumns(file: string, columns: string[]): void {
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length) throw new ManifestError(file, `missing column(s): ${missing.join(', ')}`);
  const unknown = columns.filter((c) => !KNOWN_COLUMNS.includes(c));
  if (unknown.length) throw new ManifestError(file, `unknown column(s): ${unknown.join(', ')} (see README "Manifest columns")`);
}

/** Reads a CSV (header row) or JSONL manifest into raw rows with their line numbers. */
export function readManifestRows(file: string): RawRow[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    throw new ManifestError(file, fileErrorReason(err));
  }
  const ext = extname(file).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return readJsonl(file, text);
  if (ext === '.csv') return readCsv(file, text);
  throw new ManifestError(file, 'manifest must be .csv, .jsonl or .ndjson');
}

function readCsv(file: string, text: string): RawRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { info: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as unknown as typeof records;
  } catch (err) {
    throw new ManifestError(file, `not valid CSV (${(err as Error).message.split('\n')[0]})`);
  }
  if (records.length === 0) throw new ManifestError(file, 'empty manifest');
  const header = records[0].record.map((h) => h.trim().toLowerCase());
  checkColumns(file, header);
  return records.slice(1).map(({ record, info }) => {
    if (record.length !== header.length) {
      return { line: info.lines, values: null, reason: `has ${record.length} fields, header has ${header.length}` };
    }
    return { line: info.lines, values: Object.fromEntries(header.map((h, i) => [h, record[i]])) };
  });
}

function readJsonl(file: string, text: string): RawRow[] {
  const rows: RawRow[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((lineText, i) => {
    if (!lineText.trim()) return;
    try {
      const values = JSON.parse(lineText) as unknown;
      if (!values || typeof values !== 'object' || Array.isArray(values)) throw new Error('not a JSON object');
      Object.keys(values).forEach((k) => seen.add(k));
      rows.push({ line: i + 1, values: values as Record<string, unknown> });
    } catch (err) {
      rows.push({ line: i + 1, values: null, reason: `bad JSON (${(err as Error).message})` });
    }
  });
  const unknown = [...seen].filter((c) => !KNOWN_COLUMNS.includes(c));
  if (unknown.length) throw new ManifestError(file, `unknown field(s): ${unknown.join(', ')} (see README "Manifest columns")`);
  if (rows.length === 0) throw new ManifestError(file, 'empty manifest');
  return rows;
}
