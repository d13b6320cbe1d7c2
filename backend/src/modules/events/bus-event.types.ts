/**
 * The scope fields of a case, as the cases policy (`canSeeCase`) reads them; ids as strings.
 * Carried on every case event so each instance can filter without reading the case.
 */
export interface CaseScope {
  gridId: string | null;
  teamId: string | null;
  holderId: string | null;
  reporterId: string | null;
  agencyIds: string[];
}

/**
 * Who may receive an event: everyone who can see the case (now, or before this change, so a
 * case that leaves someone's scope still tells them it left), or a list of users (the
 * recipients of a notification or an instruction, the sender of an instruction for receipts).
 */
export type Audience =
  | { kind: 'case'; scope: CaseScope; prev: CaseScope | null }
  | { kind: 'users'; userIds: string[] };

/**
 * What a producer hands to the bus. `data` is the client-facing payload, already whitelisted by
 * the producer (no nested arrays: FerretDB cannot store them).
 */
export interface BusDraft {
  type: string;
  audience: Audience;
  data: Record<string, unknown>;
}

/** An event as the bus ordered it: `seq` is its position in the one total order (the SSE `id`). */
export interface BusEvent extends BusDraft {
  seq: number;
  /** Wall-clock milliseconds when the writer stored it (diagnostics only, never business time). */
  publishedAt: number;
  /** The writing instance. */
  origin: string;
}
