import mongoose from 'mongoose';

interface Stat {
  n: number;
  ms: number;
}

/**
 * Counts the database commands the app sends while `fn` runs, by command and collection, with
 * their total time as the driver saw it (round trip, including waiting for FerretDB): shows what a
 * request path spends its database time on. Needs a client connected with `monitorCommands=true`.
 */
export async function traceCommands<T>(fn: () => Promise<T>): Promise<{ result: T; table: string[] }> {
  const client = mongoose.connection.getClient() as unknown as {
    on(ev: string, cb: (e: { commandName: string; duration: number; requestId: number }) => void): void;
    on(ev: 'commandStarted', cb: (e: { commandName: string; requestId: number; command: Record<string, unknown> }) => void): void;
    off(ev: string, cb: (...args: never[]) => void): void;
  };
  const names = new Map<number, string>();
  const stats = new Map<string, Stat>();
  const started = (e: { commandName: string; requestId: number; command: Record<string, unknown> }) => {
    const coll = e.command[e.commandName];
    const filter = (e.command.filter ?? e.command.query) as Record<string, unknown> | undefined;
    const id = filter?._id as { _bsontype?: string } | undefined;
    const scalarId = id !== undefined && (typeof id !== 'object' || id === null || id._bsontype === 'ObjectId');
    // Only a filter of exactly {_id: value} reaches SQL on FerretDB's SQLite backend; the rest scan.
    const byId = filter && Object.keys(filter).length === 1 && scalarId ? ' {_id}' : filter ? ' {…} (scan)' : '';
    names.set(e.requestId, `${e.commandName} ${typeof coll === 'string' ? coll : ''}${byId}`);
  };
  const done = (e: { commandName: string; duration: number; requestId: number }) => {
    const key = names.get(e.requestId) ?? e.commandName;
    names.delete(e.requestId);
    const s = stats.get(key) ?? { n: 0, ms: 0 };
    s.n++;
    s.ms += e.duration;
    stats.set(key, s);
  };
  client.on('commandStarted', started);
  client.on('commandSucceeded', done);
  client.on('commandFailed', done);
  try {
    const result = await fn();
    const total = [...stats.values()].reduce((a, s) => a + s.ms, 0);
    const table = [...stats.entries()]
      .sort((a, b) => b[1].ms - a[1].ms)
      .map(([k, s]) => `${k.padEnd(44)} ${String(s.n).padStart(7)} × ${(s.ms / s.n).toFixed(1).padStart(7)} ms = ${((100 * s.ms) / total).toFixed(0).padStart(3)} %`);
    return { result, table };
  } finally {
    client.off('commandStarted', started as never);
    client.off('commandSucceeded', done as never);
    client.off('commandFailed', done as never);
  }
}
