import { readFileSync } from 'node:fs';
import path from 'node:path';
import { INDICATORS, indicatorsAt } from './indicator-defs';

test('the README documents every indicator with exactly the definitions the code uses', () => {
  const readme = readFileSync(path.join(__dirname, 'README.md'), 'utf8');
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  for (const d of INDICATORS) {
    const row = readme.split('\n').find((l) => l.startsWith(`| \`${d.key}\` |`));
    expect([d.key, row?.includes(esc(d.numerator)), row?.includes(d.denominator ? esc(d.denominator) : '— (a count)')]).toEqual([d.key, true, true]);
  }
});

test('org levels carry the org indicators; positions their own components', () => {
  expect(indicatorsAt('team').map((d) => d.key)).toContain('onTimeHandlingRate');
  expect(indicatorsAt('inspector').map((d) => d.key)).toEqual(['validReportRate', 'missedReportRate', 'onTimeVerificationRate', 'onTimeCheckRate']);
  expect(indicatorsAt('dispatcher').map((d) => d.key)).toEqual(['dispatcherOnTimeRate', 'dispatcherAccurateRate', 'dispatchVolume']);
  expect(new Set(INDICATORS.map((d) => d.key)).size).toBe(INDICATORS.length);
});
