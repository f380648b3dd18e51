import type { MatchReason } from '../../api/query';
import type { AuthorisedParty, Recordal } from '../../api/recordal';
import { foldText } from '../text';

export interface FlagContext {
  /** ISO date (YYYY-MM-DD) the recordal must be in force on. */
  date: string;
  niceClass?: number;
  importer?: string;
  exporter?: string;
  /** False when the fusion was fitted for another embedding model: its probability means nothing. */
  calibrated?: boolean;
}

export interface FlagDecision {
  likelyInfringement: boolean;
  /** Failing rules first, then passing ones. */
  reasons: MatchReason[];
}

const IMPORTER_ROLES: AuthorisedParty['role'][] = ['importer', 'licensee'];
const EXPORTER_ROLES: AuthorisedParty['role'][] = ['exporter', 'manufacturer', 'licensee'];

function authorised(name: string, parties: AuthorisedParty[], roles: AuthorisedParty['role'][]): AuthorisedParty | undefined {
  const key = foldText(name);
  return parties.find((p) => roles.includes(p.role) && foldText(p.name) === key);
}

/**
 * The flag: the match is probable enough AND the recordal is in force on the date AND covers the goods'
 * class (when given) AND the declared importer/exporter is not authorised by it. Every rule is reported.
 */
export function decideFlag(
  probability: number,
  threshold: number,
  recordal: (Recordal & { parties: AuthorisedParty[] }) | null,
  ctx: FlagContext,
): FlagDecision {
  const reasons: MatchReason[] = [];
  const pct = (p: number) => `${Math.round(p * 100)}%`;
  if (ctx.calibrated === false) {
    reasons.push({ code: 'CALIBRATION_STALE', passed: false, text: 'the match probability is not calibrated for this embedding model (rerun bench/calibrate.ts), so nothing is flagged' });
  }
  reasons.push(
    probability >= threshold
      ? { code: 'PROBABILITY_HIGH', passed: true, text: `match probability ${pct(probability)} is at or above the flag threshold ${pct(threshold)}` }
      : { code: 'PROBABILITY_LOW', passed: false, text: `match probability ${pct(probability)} is below the flag threshold ${pct(threshold)}` },
  );
  if (!recordal) {
    reasons.push({ code: 'NO_RECORDAL', passed: false, text: 'the mark is not part of any customs recordal' });
  } else {
    if (recordal.status !== 'active') {
      reasons.push({ code: 'RECORDAL_NOT_ACTIVE', passed: false, text: `recordal ${recordal.id} is ${recordal.status}` });
    } else if (recordal.validFrom && ctx.date < recordal.validFrom) {
      reasons.push({ code: 'RECORDAL_NOT_YET_VALID', passed: false, text: `recordal ${recordal.id} is valid only from ${recordal.validFrom} (checked on ${ctx.date})` });
    } else if (recordal.validTo && ctx.date > recordal.validTo) {
      reasons.push({ code: 'RECORDAL_EXPIRED', passed: false, text: `recordal ${recordal.id} expired on ${recordal.validTo} (checked on ${ctx.date})` });
    } else {
      const span = `${recordal.validFrom ?? '…'} to ${recordal.validTo ?? '…'}`;
      reasons.push({ code: 'RECORDAL_IN_FORCE', passed: true, text: `recordal ${recordal.id} is active and in force on ${ctx.date} (${span})` });
    }

    if (ctx.niceClass === undefined) {
      reasons.push({ code: 'CLASS_NOT_GIVEN', passed: true, text: 'no goods class given: the class rule is not applied' });
    } else if (recordal.niceClasses.includes(ctx.niceClass)) {
      reasons.push({ code: 'CLASS_COVERED', passed: true, text: `Nice class ${ctx.niceClass} is covered by the recordal (${recordal.niceClasses.join(', ')})` });
    } else {
      const listed = recordal.niceClasses.length ? recordal.niceClasses.join(', ') : 'none listed';
      reasons.push({ code: 'CLASS_NOT_COVERED', passed: false, text: `Nice class ${ctx.niceClass} is not covered by the recordal (${listed})` });
    }

    if (!ctx.importer && !ctx.exporter) {
      reasons.push({ code: 'PARTY_NOT_DECLARED', passed: true, text: 'no importer or exporter declared, so none can be an authorised party' });
    }
    if (ctx.importer) {
      const p = authorised(ctx.importer, recordal.parties, IMPORTER_ROLES);
      reasons.push(
        p
          ? { code: 'IMPORTER_AUTHORISED', passed: false, text: `importer '${ctx.importer}' is an authorised ${p.role} of the recordal` }
          : { code: 'IMPORTER_NOT_AUTHORISED', passed: true, text: `importer '${ctx.importer}' is not an authorised party of the recordal` },
      );
    }
    if (ctx.exporter) {
      const p = authorised(ctx.exporter, recordal.parties, EXPORTER_ROLES);
      reasons.push(
        p
          ? { code: 'EXPORTER_AUTHORISED', passed: false, text: `exporter '${ctx.exporter}' is an authorised ${p.role} of the recordal` }
          : { code: 'EXPORTER_NOT_AUTHORISED', passed: true, text: `exporter '${ctx.exporter}' is not an authorised party of the recordal` },
      );
    }
  }
  const likelyInfringement = reasons.every((r) => r.passed);
  return { likelyInfringement, reasons: [...reasons.filter((r) => !r.passed), ...reasons.filter((r) => r.passed)] };
}

/** Today as YYYY-MM-DD (local time): the default query date. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
