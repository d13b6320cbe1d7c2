#!/usr/bin/env node
// Builds the pinned FerretDB v1.24.2 (tools/ferretdb/go.mod names it as a tool) once and reuses it.
// FerretDB's build/version package panics without an embedded version.txt when its cmd is the
// built package (FerretDB issue #2982), so we vendor the module and supply that file before building.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = path.join(root, 'tools', 'ferretdb');
const bin = path.join(dir, 'bin', 'ferretdb');
const force = process.argv.includes('--force');

if (existsSync(bin) && !force) {
  console.log(`FerretDB already built: ${path.relative(root, bin)}`);
  process.exit(0);
}
const go = spawnSync('go', ['version'], { encoding: 'utf8' });
if (go.status !== 0) {
  console.error('Go is not installed: install Go >= 1.24 to build the embedded FerretDB, or set MONGODB_URI.');
  process.exit(1);
}
const started = Date.now();
const run = (args, env = {}) => {
  const r = spawnSync('go', args, { cwd: dir, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`go ${args.join(' ')} failed`);
    process.exit(r.status ?? 1);
  }
};
run(['mod', 'download']);
run(['mod', 'vendor']);
writeFileSync(path.join(dir, 'vendor', 'github.com', 'FerretDB', 'FerretDB', 'build', 'version', 'version.txt'), 'v1.24.2\n');
run(['build', '-mod=vendor', '-trimpath', '-o', bin, 'github.com/FerretDB/FerretDB/cmd/ferretdb'], { CGO_ENABLED: '0' });
console.log(`FerretDB v1.24.2 built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${path.relative(root, bin)}`);
