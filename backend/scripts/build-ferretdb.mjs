#!/usr/bin/env node
// Builds the pinned FerretDB v1.24.2 (tools/ferretdb/go.mod names it as a tool) once and reuses it.
// FerretDB's build/version package panics without an embedded version.txt when its cmd is the
// built package (FerretDB issue #2982), so we vendor the module and supply that file before building.
//
// Patches are applied to the vendored source (PATCHES below), and a stamp next to the binary names
// the patches it was built with, so a binary built before a patch was added is rebuilt:
//  - sqlite-id-index: the SQLite backend pushes `{_id: <string|ObjectId>}` down as
//    `WHERE _ferretdb_sjson->'$._id' = ?`, but creates the unique _id index on the expression
//    `_ferretdb_sjson->"_id"`. Both extract the same JSON value, yet SQLite uses an expression index
//    only for the same expression, so every lookup by _id scanned the whole table (EXPLAIN QUERY PLAN:
//    `SCAN`; 20,000 documents: 0.9 ms for the first, 38 ms for the last or a missing id). Writing the
//    query with the index's expression gives `SEARCH … USING INDEX …__id_` and the same answers.
//  - sqlite-id-in: only a filter of exactly `{_id: <string|ObjectId>}` was pushed down; anything
//    else, `{_id: {$in: [...]}}` included, read and decoded every document of the collection. The
//    patch pushes `{_id: {$in: [strings or ObjectIds]}}` (up to 1,000) down as `_id IN (...)` on the
//    same index, so a page of cases is one query. It is a prefilter, as the equality one is: the
//    handler still applies the whole filter to what SQLite returns.
//  - resource-track-release, resource-untrack-release: every cursor and iterator FerretDB opens is
//    "tracked" for leak detection: added to a pprof profile (a stack capture per object) with a
//    finalizer that panics if it is never closed. A CPU profile of `_id` reads showed 11% of the
//    server's time there. The patch keeps that for FerretDB debug builds only (its own
//    `debugbuild.Enabled`); release builds skip it.
//  - sqlite-write-lock: SQLite allows one writer per database file. FerretDB opens each file with
//    a pool of connections and a deferred `BEGIN`, so concurrent inserts and updates (even into
//    different collections) collide on the file's write lock, and the loser sleeps in SQLite's busy
//    handler (1, 2, 5, 10, 15, 20, 25… ms between tries) although the winner holds the lock for well
//    under a millisecond. The patch queues write transactions of one database on a Go mutex
//    instead, so the next writer starts as soon as the previous one commits.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = path.join(root, 'tools', 'ferretdb');
const bin = path.join(dir, 'bin', 'ferretdb');
const stamp = path.join(dir, 'bin', 'build-stamp.json');
const force = process.argv.includes('--force');

const SQLITE_METADATA = ['github.com', 'FerretDB', 'FerretDB', 'internal', 'backends', 'sqlite', 'metadata', 'metadata.go'];
const SQLITE_COLLECTION = ['github.com', 'FerretDB', 'FerretDB', 'internal', 'backends', 'sqlite', 'collection.go'];
const RESOURCE = ['github.com', 'FerretDB', 'FerretDB', 'internal', 'util', 'resource', 'resource.go'];
const FSQL_DB = ['github.com', 'FerretDB', 'FerretDB', 'internal', 'util', 'fsql', 'db.go'];
const PATCHES = [
  {
    name: 'sqlite-id-index',
    file: SQLITE_METADATA,
    from: `IDColumn = DefaultColumn + "->'$._id'"`,
    to: `IDColumn = DefaultColumn + "->\\"_id\\""`,
  },
  // resource-track-release: see the header. Track/Untrack return at once unless FerretDB is a debug build.
  {
    name: 'resource-track-release',
    file: RESOURCE,
    from: 'func Track(obj any, token *Token) {\n\tcheckArgs(obj, token)\n',
    to: 'func Track(obj any, token *Token) {\n\tcheckArgs(obj, token)\n\n\tif !debugbuild.Enabled {\n\t\treturn\n\t}\n',
  },
  {
    name: 'resource-untrack-release',
    file: RESOURCE,
    from: 'func Untrack(obj any, token *Token) {\n\tcheckArgs(obj, token)\n',
    to: 'func Untrack(obj any, token *Token) {\n\tcheckArgs(obj, token)\n\n\tif !debugbuild.Enabled {\n\t\treturn\n\t}\n',
  },
  // sqlite-id-in: see the header. `{_id: {$in: [...]}}` is pushed down as `_id IN (...)` too.
  {
    name: 'sqlite-id-in',
    file: SQLITE_COLLECTION,
    from: [
      '\t\tswitch v.(type) {',
      '\t\tcase string, types.ObjectID:',
      '\t\t\twhereClause = fmt.Sprintf(` WHERE %s = ?`, metadata.IDColumn)',
      '\t\t\targs = []any{string(must.NotFail(sjson.MarshalSingleValue(v)))}',
      '\t\t}',
      '',
    ].join('\n'),
    to: [
      '\t\tswitch v.(type) {',
      '\t\tcase string, types.ObjectID:',
      '\t\t\twhereClause = fmt.Sprintf(` WHERE %s = ?`, metadata.IDColumn)',
      '\t\t\targs = []any{string(must.NotFail(sjson.MarshalSingleValue(v)))}',
      '\t\tcase *types.Document:',
      '\t\t\t// GridEnforce patch sqlite-id-in: {_id: {$in: [strings or ObjectIDs]}} as _id IN (...).',
      '\t\t\t// A prefilter like the one above: the handler still applies the whole filter.',
      '\t\t\tif in, _ := v.(*types.Document).Get("$in"); v.(*types.Document).Len() == 1 {',
      '\t\t\t\tif arr, ok := in.(*types.Array); ok && arr.Len() > 0 && arr.Len() <= 1000 {',
      '\t\t\t\t\tmarks := make([]string, 0, arr.Len())',
      '\t\t\t\t\tvals := make([]any, 0, arr.Len())',
      '\t\t\t\t\tfor i := 0; i < arr.Len(); i++ {',
      '\t\t\t\t\t\tswitch e := must.NotFail(arr.Get(i)); e.(type) {',
      '\t\t\t\t\t\tcase string, types.ObjectID:',
      '\t\t\t\t\t\t\tmarks = append(marks, "?")',
      '\t\t\t\t\t\t\tvals = append(vals, string(must.NotFail(sjson.MarshalSingleValue(e))))',
      '\t\t\t\t\t\t}',
      '\t\t\t\t\t}',
      '\t\t\t\t\tif len(vals) == arr.Len() {',
      '\t\t\t\t\t\twhereClause = fmt.Sprintf(` WHERE %s IN (%s)`, metadata.IDColumn, strings.Join(marks, ", "))',
      '\t\t\t\t\t\targs = vals',
      '\t\t\t\t\t}',
      '\t\t\t\t}',
      '\t\t\t}',
      '\t\t}',
      '',
    ].join('\n'),
  },
  // sqlite-write-lock: see the header. fsql.DB serves the SQLite backend only (one per database
  // file); InTransaction is what its inserts and updates use.
  {
    name: 'sqlite-write-lock-import',
    file: FSQL_DB,
    from: '\t"log/slog"\n\t"time"\n',
    to: '\t"log/slog"\n\t"sync"\n\t"time"\n',
  },
  {
    name: 'sqlite-write-lock-field',
    file: FSQL_DB,
    from: 'type DB struct {\n\t*metricsCollector\n',
    to: 'type DB struct {\n\t*metricsCollector\n\n\t// GridEnforce patch sqlite-write-lock: one write transaction at a time per database.\n\twriteMu sync.Mutex\n',
  },
  {
    name: 'sqlite-write-lock',
    file: FSQL_DB,
    from: 'func (db *DB) InTransaction(ctx context.Context, f func(*Tx) error) (err error) {\n\tvar sqlTx *sql.Tx\n',
    to: 'func (db *DB) InTransaction(ctx context.Context, f func(*Tx) error) (err error) {\n\tdb.writeMu.Lock()\n\tdefer db.writeMu.Unlock()\n\n\tvar sqlTx *sql.Tx\n',
  },
];
const wanted = JSON.stringify({ version: 'v1.24.2', patches: PATCHES.map((p) => p.name) });

if (existsSync(bin) && !force && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) {
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
for (const p of PATCHES) {
  const file = path.join(dir, 'vendor', ...p.file);
  const text = readFileSync(file, 'utf8');
  if (!text.includes(p.to)) {
    if (!text.includes(p.from)) {
      console.error(`patch ${p.name}: expected text not found in ${path.relative(root, file)}`);
      process.exit(1);
    }
    writeFileSync(file, text.replace(p.from, p.to));
  }
  console.log(`patch ${p.name}: applied`);
}
run(['build', '-mod=vendor', '-trimpath', '-o', bin, 'github.com/FerretDB/FerretDB/cmd/ferretdb'], { CGO_ENABLED: '0' });
writeFileSync(stamp, wanted);
console.log(`FerretDB v1.24.2 built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${path.relative(root, bin)}`);
