#!/usr/bin/env node
/**
 * One summary of the whole `npm test` run, printed to stdout at the end (Jest's own reporter writes
 * to stderr, and CI logs should end with the totals of every phase).
 *
 *   node tests/support/test-summary.mjs --reset   # before the run: forget the previous run's results
 *   node tests/support/test-summary.mjs --prepare # before one phase: make sure the results folder exists
 *   node tests/support/test-summary.mjs           # after the run: print per-phase and total counts
 *   node tests/support/test-summary.mjs --closing # only the closing "N passed, N failed, N skipped" line
 *
 * Reads the Jest JSON results written with `--json --outputFile=tests/artifacts/results/<phase>.json`
 * and the schemathesis JUnit reports under tests/artifacts/schemathesis/<role>/.
 * Exits non-zero when a phase is missing or has failures, so a silent phase cannot pass.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const results = path.join(root, 'tests', 'artifacts', 'results');
const fuzzDir = path.join(root, 'tests', 'artifacts', 'schemathesis');
const JEST_PHASES = ['unit', 'api', 'e2e'];

if (process.argv.includes('--prepare')) {
  mkdirSync(results, { recursive: true });
  process.exit(0);
}
if (process.argv.includes('--reset')) {
  rmSync(results, { recursive: true, force: true });
  rmSync(fuzzDir, { recursive: true, force: true });
  mkdirSync(results, { recursive: true });
  process.exit(0);
}

const rows = [];
let ok = true;
for (const phase of JEST_PHASES) {
  const file = path.join(results, `${phase}.json`);
  if (!existsSync(file)) { rows.push({ phase, missing: true }); ok = false; continue; }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const row = { phase, suites: r.numTotalTestSuites, passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests, total: r.numTotalTests };
  if (!r.success || row.failed > 0 || row.total === 0) ok = false;
  rows.push(row);
}

// schemathesis: one JUnit file per role; each <testcase> is one API operation for that role.
const fuzz = { roles: 0, passed: 0, failed: 0, total: 0 };
if (existsSync(fuzzDir)) {
  for (const role of readdirSync(fuzzDir)) {
    const dir = path.join(fuzzDir, role);
    if (!statSync(dir).isDirectory()) continue;
    const xml = readdirSync(dir).filter((f) => f.endsWith('.xml')).map((f) => readFileSync(path.join(dir, f), 'utf8')).join('\n');
    const cases = (xml.match(/<testcase\b/g) ?? []).length;
    const bad = (xml.match(/<(failure|error)\b/g) ?? []).length;
    if (cases === 0) continue;
    fuzz.roles += 1; fuzz.total += cases; fuzz.failed += bad; fuzz.passed += cases - bad;
  }
}
if (fuzz.total === 0 || fuzz.failed > 0) ok = false;

const out = (s) => { if (!closingOnly) process.stdout.write(`${s}\n`); };
const closingOnly = process.argv.includes('--closing');
out('\n---------------- npm test summary ----------------');
let passed = 0; let failed = 0; let total = 0;
for (const r of rows) {
  if (r.missing) { out(`${r.phase.padEnd(6)} NO RESULTS (phase did not run)`); continue; }
  passed += r.passed; failed += r.failed; total += r.total;
  out(`${r.phase.padEnd(6)} Test Suites: ${r.suites}   Tests: ${r.failed} failed, ${r.skipped} skipped, ${r.passed} passed, ${r.total} total`);
}
out(`fuzz   schemathesis: ${fuzz.roles} roles, ${fuzz.total} operation runs: ${fuzz.failed} failed, ${fuzz.passed} passed`);
out(`Tests:       ${failed} failed, ${passed} passed, ${total} total (jest) + ${fuzz.passed}/${fuzz.total} schemathesis operation runs passed`);
out(ok ? 'RESULT: PASS' : 'RESULT: FAIL');
// The closing line in the runner-neutral form CI tools read: "N passed, N failed, N skipped".
const skipped = rows.reduce((n, r) => n + (r.skipped ?? 0), 0);
const missing = rows.filter((r) => r.missing).length;
process.stdout.write(`Tests: ${passed + fuzz.passed} passed, ${failed + fuzz.failed + missing} failed, ${skipped} skipped\n`);
process.exit(ok ? 0 : 1);
