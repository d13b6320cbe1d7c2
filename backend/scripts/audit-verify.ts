/**
 * `npm run audit:verify`: recomputes every case's timeline hash chain and reports any event that
 * was changed, removed or reordered directly in the database. Exit code 1 when anything is wrong.
 */
import mongoose from 'mongoose';
import { loadConfig } from '../src/config';
import { connectDatabase } from '../src/core/db';
import { createLogger } from '../src/core/logger';
import { openDatabaseForScript } from '../src/core/script-db';
import '../src/modules';
import { CaseModel, verifyCaseChain } from '../src/modules/cases';

async function main() {
  const config = loadConfig();
  const logger = createLogger('warn');
  const db = await openDatabaseForScript(config, logger);
  await connectDatabase({ uri: db.uri, dbName: config.MONGODB_DB, timeoutMs: 5000, logger });
  let checked = 0;
  let events = 0;
  const bad: { caseNo: string; problems: unknown[] }[] = [];
  for await (const c of CaseModel.find({}, { caseNo: 1 }).lean<{ _id: mongoose.Types.ObjectId; caseNo: string }>().cursor()) {
    const report = await verifyCaseChain(c._id);
    checked++;
    events += report.checked;
    if (!report.ok) bad.push({ caseNo: c.caseNo, problems: report.problems });
  }
  await mongoose.disconnect();
  await db.stop();
  for (const b of bad) console.log(`TAMPERED ${b.caseNo}: ${JSON.stringify(b.problems)}`);
  console.log(`audit:verify checked ${checked} cases and ${events} events: ${bad.length ? `${bad.length} case(s) FAILED` : 'all chains intact'}`);
  process.exit(bad.length ? 1 : 0);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(2);
});
