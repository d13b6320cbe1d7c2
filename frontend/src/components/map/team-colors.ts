/** A fixed, colour-blind-friendly palette (Okabe–Ito + Tableau) so each team keeps its colour. */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#8C6D31', '#7F3C8D', '#11A579', '#3969AC', '#E73F74', '#80BA5A'];

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** The server's colour hint when it gives one, else a stable colour per team id. */
export function teamColor(teamId: string | null | undefined, hint?: string | null): string {
  if (hint && /^#[0-9a-f]{3,8}$/i.test(hint)) return hint;
  if (!teamId) return '#888888';
  return PALETTE[hash(teamId) % PALETTE.length] ?? '#888888';
}
