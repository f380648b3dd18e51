// Plausible but clearly fictional recordal metadata for the demo database: every holder, number
// and party name says DEMO or "(fictional)", so nobody mistakes the demo for real customs data.
import type { Rng } from '../bench/lib/prng';

const GOODS_CLASSES = [3, 9, 14, 18, 25, 28, 30, 32, 35, 41, 42];
const COUNTRIES = ['CN', 'US', 'DE', 'FR', 'JP', 'KR', 'IT', 'GB', 'SE', 'CH'];
const PORTS = ['Shanghai', 'Shenzhen', 'Ningbo', 'Guangzhou', 'Tianjin', 'Xiamen', 'Qingdao'];

export interface DemoRow {
  recordal_no: string;
  holder: string;
  holder_country: string;
  mark_name: string;
  registration_no: string;
  nice_classes: string;
  valid_from: string;
  valid_to: string;
  status: string;
  images: string;
  mark_ids: string;
  importers: string;
  licensees: string;
  manufacturers: string;
  genuine_origin: string;
  genuine_ports: string;
  genuine_price: string;
  known_infringers: string;
}

const isoDate = (y: number, m: number, d: number) =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** One recordal for one brand; about 8% lapsed so the demo also shows expired recordals. */
export function fictionalRecordal(rng: Rng, n: number, title: string, markIds: string[], imagePaths: string[]): DemoRow {
  const fromYear = rng.int(2016, 2025);
  const expired = rng.chance(0.08);
  const toYear = expired ? rng.int(2019, 2025) : fromYear + 10;
  const classes = new Set<number>();
  while (classes.size < rng.int(1, 3)) classes.add(rng.pick(GOODS_CLASSES));
  const holder = `${title} Holdings (fictional)`;
  return {
    recordal_no: `DEMO-${String(n).padStart(5, '0')}`,
    holder,
    holder_country: rng.pick(COUNTRIES),
    mark_name: title,
    registration_no: `DEMO-R${rng.int(1_000_000, 9_999_999)}`,
    nice_classes: [...classes].sort((a, b) => a - b).join(';'),
    valid_from: isoDate(expired ? Math.min(fromYear, toYear - 1) : fromYear, rng.int(1, 12), rng.int(1, 28)),
    valid_to: isoDate(toYear, rng.int(1, 12), rng.int(1, 28)),
    status: expired ? 'expired' : 'active',
    images: imagePaths.join(';'),
    mark_ids: markIds.join(';'),
    importers: `Demo Import Co. ${rng.int(1, 40)} (fictional)`,
    licensees: rng.chance(0.3) ? `Demo Licensee ${rng.int(1, 99)} (fictional)` : '',
    manufacturers: `Demo Factory ${rng.int(1, 200)} (fictional)`,
    genuine_origin: rng.pick(COUNTRIES),
    genuine_ports: rng.pick(PORTS),
    genuine_price: `${rng.int(5, 400) * 10} CNY`,
    known_infringers: rng.chance(0.2) ? `Demo Counterfeiter ${rng.int(1, 30)} (fictional)` : '',
  };
}
