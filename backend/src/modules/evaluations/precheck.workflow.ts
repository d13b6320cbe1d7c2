/**
 * Automatic pre-checks of a sampled case file (what the system can see before a reviewer opens
 * it), pure. Each flag names the rubric item it bears on, so the reviewer knows where to look; the
 * reviewer still decides the score.
 */
export interface PrecheckCase {
  filedAt: Date | null;
  photoIds: unknown[];
  penalty: {
    major?: boolean;
    decisionDueAt?: Date | null;
    decision?: { legalBasis?: string | null; at: Date; withinLimit?: boolean } | null;
  } | null;
}

export interface PrecheckEvent {
  seq: number;
  action: string;
  at: Date;
  data?: { approved?: boolean } | null;
  attachments?: unknown[];
}

export type PrecheckCode =
  | 'LEGAL_BASIS_MISSING'
  | 'RIGHTS_NOTICE_ABSENT'
  | 'LEGAL_REVIEW_MISSING'
  | 'DECISION_AFTER_LIMIT'
  | 'DECISION_BEFORE_FILING'
  | 'NO_EVIDENCE_PHOTOS';

export interface PrecheckFlag {
  code: PrecheckCode;
  /** Rubric item the finding bears on (veto or content). */
  item: string;
  message: { zh: string; en: string };
}

const flag = (code: PrecheckCode, item: string, zh: string, en: string): PrecheckFlag => ({ code, item, message: { zh, en } });

export function precheck(c: PrecheckCase, events: readonly PrecheckEvent[]): PrecheckFlag[] {
  const flags: PrecheckFlag[] = [];
  const decision = c.penalty?.decision ?? null;
  const decide = events.find((e) => e.action === 'penalty_decide');
  if (decision) {
    const before = (pred: (e: PrecheckEvent) => boolean) => events.some((e) => pred(e) && (!decide || e.seq < decide.seq));
    if (!decision.legalBasis || !decision.legalBasis.trim()) {
      flags.push(flag('LEGAL_BASIS_MISSING', 'correct_basis', '处罚决定未载明法律依据', 'The penalty decision names no legal basis'));
    }
    if (!before((e) => e.action === 'penalty_notify')) {
      flags.push(flag('RIGHTS_NOTICE_ABSENT', 'rights_notice', '作出决定前未告知陈述、申辩（听证）权利', 'No rights notice before the decision'));
    }
    if (c.penalty?.major && !before((e) => e.action === 'legal_review' && e.data?.approved === true)) {
      flags.push(flag('LEGAL_REVIEW_MISSING', 'legal_review', '重大决定未经法制审核', 'Major decision without an approved legal review'));
    }
    const due = c.penalty?.decisionDueAt ? new Date(c.penalty.decisionDueAt).getTime() : null;
    const at = new Date(decision.at).getTime();
    if (decision.withinLimit === false || (due !== null && at > due)) {
      flags.push(flag('DECISION_AFTER_LIMIT', 'lawful_procedure', '超过立案之日起九十日的决定期限（行政处罚法第六十条）', 'Decision after the 90-day limit (Art. 60)'));
    }
    const filed = c.filedAt ? new Date(c.filedAt).getTime() : null;
    const fileEvent = events.find((e) => e.action === 'file' || e.action === 'handle_on_spot');
    if (filed === null || at < filed || (fileEvent && decide && decide.seq < fileEvent.seq)) {
      flags.push(flag('DECISION_BEFORE_FILING', 'lawful_procedure', '先决定后立案，程序倒置', 'Decision before filing (procedure out of order)'));
    }
  }
  const attached = events.some((e) => (e.attachments ?? []).length > 0);
  if ((c.photoIds ?? []).length === 0 && !attached) {
    flags.push(flag('NO_EVIDENCE_PHOTOS', 'evidence_link', '卷内无现场证据照片', 'No evidence photos in the file'));
  }
  return flags;
}
