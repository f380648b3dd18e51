/**
 * The recordal manifest, one recordal per CSV row or JSONL line. List fields hold several values
 * separated by ';' in CSV (or a JSON array in JSONL). Documented in README "Manifest columns".
 */
export const REQUIRED_COLUMNS = ['recordal_no', 'holder', 'mark_name', 'images'] as const;

export const OPTIONAL_COLUMNS = [
  'registration_no',
  'nice_classes',
  'valid_from',
  'valid_to',
  'status',
  'mark_ids',
  'kind',
  'holder_country',
  'licensees',
  'manufacturers',
  'importers',
  'exporters',
  'genuine_origin',
  'genuine_ports',
  'genuine_price',
  'genuine_features',
  'known_infringers',
] as const;

export const KNOWN_COLUMNS: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];
export const LIST_SEPARATOR = ';';
