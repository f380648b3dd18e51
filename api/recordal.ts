/** Recordal data as it crosses process boundaries (CLI JSON, HTTP, IPC). */

export const RECORDAL_STATUSES = ['active', 'expired', 'suspended', 'revoked'] as const;
export type RecordalStatus = (typeof RECORDAL_STATUSES)[number];

export const PARTY_ROLES = ['licensee', 'manufacturer', 'importer', 'exporter'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

export const MARK_KINDS = ['device', 'word', 'composite'] as const;
export type MarkKind = (typeof MARK_KINDS)[number];

export interface AuthorisedParty {
  role: PartyRole;
  name: string;
}

export interface GenuineGoods {
  origin: string | null;
  ports: string | null;
  usualPrice: string | null;
  features: string | null;
}

export interface Recordal {
  id: string;
  holder: string;
  holderCountry: string | null;
  markName: string;
  registrationNo: string | null;
  niceClasses: number[];
  validFrom: string | null;
  validTo: string | null;
  status: RecordalStatus;
}

export interface RecordalDetails extends Recordal {
  parties: AuthorisedParty[];
  genuineGoods: GenuineGoods | null;
  knownInfringers: string[];
  markIds: string[];
}
