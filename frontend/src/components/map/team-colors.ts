import { useMemo } from 'react';
import { teamColorHint, useTeams } from '@/api/get-teams';

/** A fixed, colour-blind-friendly palette (Okabe–Ito first) so neighbouring teams stay distinct. */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#7F3C8D', '#8C6D31', '#11A579', '#E73F74', '#3969AC', '#80BA5A'];

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

const validHint = (hint?: string | null) => (hint && /^#[0-9a-f]{3,8}$/i.test(hint) ? hint : null);

/** The server's colour hint when it gives one, else a stable colour per team id. */
export function teamColor(teamId: string | null | undefined, hint?: string | null): string {
  const h = validHint(hint);
  if (h) return h;
  if (!teamId) return '#888888';
  return PALETTE[hash(teamId) % PALETTE.length] ?? '#888888';
}

/**
 * Colours for every team: the team's own colour when set, else palette colours handed out in team
 * code order (hashing alone can give two teams near-identical colours).
 */
export function useTeamColors(): (teamId: string | null | undefined, hint?: string | null) => string {
  const { data: teams } = useTeams();
  const byId = useMemo(() => {
    const m = new Map<string, string>();
    const sorted = [...(teams ?? [])].sort((a, b) => (a.code ?? a.id).localeCompare(b.code ?? b.id));
    sorted.forEach((t, i) => m.set(t.id, validHint(teamColorHint(t)) ?? PALETTE[i % PALETTE.length] ?? '#888888'));
    return m;
  }, [teams]);
  return (teamId, hint) => validHint(hint) ?? (teamId ? byId.get(teamId) : undefined) ?? teamColor(teamId);
}
