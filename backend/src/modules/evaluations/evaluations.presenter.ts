/** Evaluation documents → API DTOs, every field listed. */
type Raw = Record<string, any>;

const iso = (d: unknown): string | null => (d ? new Date(d as string).toISOString() : null);
const id = (v: unknown): string | null => (v ? String(v) : null);

export function presentReport(r: Raw, extra: { supersededBy?: string | null } = {}) {
  return {
    id: String(r._id),
    periodKey: r.periodKey,
    title: r.title,
    status: r.status,
    version: r.version,
    supersedes: id(r.supersedes),
    supersededBy: extra.supersededBy ?? r.supersededBy ?? null,
    config: r.config,
    reviewBatchId: id(r.reviewBatchId),
    createdBy: id(r.createdBy),
    createdAt: iso(r.createdAt),
    reviewedBy: id(r.reviewedBy),
    reviewedAt: iso(r.reviewedAt),
    publishedBy: id(r.publishedBy),
    publishedAt: iso(r.publishedAt),
    hash: r.hash ?? null,
  };
}

export function presentRubric(r: { version: number; rubric: Raw; createdAt: Date; createdBy: string | null }) {
  return { version: r.version, rubric: r.rubric, createdAt: iso(r.createdAt), createdBy: r.createdBy };
}

export function presentBatchSummary(b: Raw) {
  return {
    id: String(b._id),
    periodKey: b.periodKey,
    seed: b.seed,
    sizePerTeam: b.sizePerTeam,
    rubricVersion: b.rubricVersion,
    teams: (b.teams ?? []).map((t: Raw) => ({ team: t.team, population: t.population, populationSha256: t.populationSha256, sampled: t.sampled })),
    frozenBy: id(b.frozenBy),
    createdBy: id(b.createdBy),
    createdAt: iso(b.createdAt),
  };
}

export function presentItem(it: Raw) {
  return {
    id: String(it._id),
    batchId: String(it.batchId),
    caseId: String(it.caseId),
    caseNo: it.caseNo,
    team: it.team,
    prechecks: (it.prechecks ?? []).map((p: Raw) => ({ code: p.code, item: p.item, message: p.message })),
    status: it.status,
    sheet: it.sheet ?? null,
    score: it.score
      ? { total: it.score.total, formPoints: it.score.formPoints, contentPoints: it.score.contentPoints, vetoFailed: it.score.vetoFailed, rating: it.score.rating }
      : null,
    findings: (it.findings ?? []).map((f: Raw) => ({ item: f.item ?? null, text: f.text })),
    note: it.note ?? null,
    reviewerId: id(it.reviewerId),
    scoredAt: iso(it.scoredAt),
  };
}

export function presentRectification(r: Raw) {
  return {
    id: String(r._id),
    batchId: String(r.batchId),
    itemId: String(r.itemId),
    caseId: String(r.caseId),
    caseNo: r.caseNo,
    team: r.team,
    rubricItem: r.rubricItem ?? null,
    text: r.text,
    status: r.status,
    evidence: r.evidence ?? null,
    doneBy: id(r.doneBy),
    doneAt: iso(r.doneAt),
    confirmedBy: id(r.confirmedBy),
    confirmedAt: iso(r.confirmedAt),
    note: r.note ?? null,
    createdAt: iso(r.createdAt),
  };
}

export function presentStep(s: Raw) {
  return { seq: s.seq, action: s.action, actorId: String(s.actorId), actorRole: s.actorRole, at: iso(s.at), data: s.data ?? {} };
}
