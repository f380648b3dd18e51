import { z } from 'zod';
import { isCalendarDate } from '../../../api/inputChecks';
import { MARK_KINDS, RECORDAL_STATUSES, type AuthorisedParty, type GenuineGoods, type MarkKind, type Recordal } from '../../../api/recordal';
import { LIST_SEPARATOR } from './manifestColumns';

/** One manifest row after validation: a recordal, its images and its details. */
export interface RecordalRecord {
  recordal: Recordal;
  images: { path: string; markId: string | null }[];
  kind: MarkKind;
  parties: AuthorisedParty[];
  genuineGoods: GenuineGoods | null;
  knownInfringers: string[];
}

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

const list = z.preprocess((v) => {
  if (v === undefined || v === null || v === '') return [];
  if (Array.isArray(v)) return v.map((x) => String(x).trim()).filter(Boolean);
  return String(v).split(LIST_SEPARATOR).map((s) => s.trim()).filter(Boolean);
}, z.array(z.string()));

const isoDate = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
    .refine(isCalendarDate, 'is not a real calendar date')
    .optional(),
);

const niceClasses = list.pipe(
  z.array(
    z.string().refine((s) => /^\d{1,2}$/.test(s) && +s >= 1 && +s <= 45, {
      error: (issue) => `unknown Nice class '${String(issue.input)}' (must be 1-45)`,
    }),
  ),
);

const text = z.preprocess((v) => (typeof v === 'string' ? v.trim() || undefined : v ?? undefined), z.string().optional());
// a JSONL manifest may give a recordal number as a number: it is text all the same
const required = (what: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : v),
    z.string({ error: (issue) => (issue.input === undefined || issue.input === null ? `${what} is missing` : `${what} must be text`) }).min(1, `${what} is empty`),
  );

export const recordalRowSchema = z
  .object({
    recordal_no: required('recordal_no'),
    holder: required('holder'),
    mark_name: required('mark_name'),
    images: list.pipe(z.array(z.string()).min(1, 'images is empty')),
    registration_no: text,
    nice_classes: niceClasses,
    valid_from: isoDate,
    valid_to: isoDate,
    status: z.preprocess(blankToUndefined, z.enum(RECORDAL_STATUSES).default('active')),
    mark_ids: list,
    kind: z.preprocess(blankToUndefined, z.enum(MARK_KINDS).default('device')),
    holder_country: text,
    licensees: list,
    manufacturers: list,
    importers: list,
    exporters: list,
    genuine_origin: text,
    genuine_ports: text,
    genuine_price: text,
    genuine_features: text,
    known_infringers: list,
  })
  .refine((r) => !r.valid_from || !r.valid_to || r.valid_from <= r.valid_to, {
    message: 'valid_from is after valid_to',
    path: ['valid_to'],
  })
  .refine((r) => r.mark_ids.length === 0 || r.mark_ids.length === r.images.length, {
    message: 'mark_ids must list one id per image',
    path: ['mark_ids'],
  });

/** Validates one raw row; returns the record or a one-line reason naming the field. */
export function toRecordalRecord(raw: Record<string, unknown>): { record: RecordalRecord } | { reason: string } {
  const parsed = recordalRowSchema.safeParse(raw);
  if (!parsed.success) {
    const reason = parsed.error.issues
      .map((i) => (i.path.length && !i.message.startsWith(String(i.path[0])) ? `${String(i.path[0])}: ${i.message}` : i.message))
      .join('; ');
    return { reason };
  }
  const r = parsed.data;
  const roles = [
    ['licensee', r.licensees],
    ['manufacturer', r.manufacturers],
    ['importer', r.importers],
    ['exporter', r.exporters],
  ] as const;
  const hasGoods = r.genuine_origin || r.genuine_ports || r.genuine_price || r.genuine_features;
  return {
    record: {
      recordal: {
        id: r.recordal_no,
        holder: r.holder,
        holderCountry: r.holder_country ?? null,
        markName: r.mark_name,
        registrationNo: r.registration_no ?? null,
        niceClasses: [...new Set(r.nice_classes.map(Number))].sort((a, b) => a - b),
        validFrom: r.valid_from ?? null,
        validTo: r.valid_to ?? null,
        status: r.status,
      },
      images: r.images.map((path, i) => ({ path, markId: r.mark_ids[i] ?? null })),
      kind: r.kind,
      parties: roles.flatMap(([role, names]) => names.map((name) => ({ role, name }))),
      genuineGoods: hasGoods
        ? {
            origin: r.genuine_origin ?? null,
            ports: r.genuine_ports ?? null,
            usualPrice: r.genuine_price ?? null,
            features: r.genuine_features ?? null,
          }
        : null,
      knownInfringers: r.known_infringers,
    },
  };
}
