// npm run import -- [--column SLUG] FILE_OR_FOLDER...
// Imports news pages saved as plain text into the database in DATA_DIR; re-importing a page updates it.
import { parseArgs } from 'node:util';
import { importPaths } from '../content/import-articles.js';
import { openSite } from '../open-site.js';
import { runCli } from './run.js';

const USAGE = 'Usage: npm run import -- [--column SLUG] FILE_OR_FOLDER...';

await runCli(async (config) => {
  let args;
  try {
    args = parseArgs({ options: { column: { type: 'string' } }, allowPositionals: true });
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.positionals.length === 0) {
    console.error(USAGE);
    return 2;
  }
  const { db, store } = await openSite(config, console.log);
  try {
    const column = args.values.column === undefined ? undefined : store.columns.getBySlug(args.values.column);
    if (args.values.column !== undefined && !column) {
      console.error(`No column with slug "${args.values.column}". Columns: ${store.columns.listAll().map((c) => c.slug).join(', ')}`);
      return 2;
    }
    const counts = { created: 0, updated: 0, unchanged: 0, failed: 0 };
    const outcomes = importPaths(store, args.positionals, {
      column,
      now: new Date(),
      onOutcome: (outcome) => {
        counts[outcome.status]++;
        if (outcome.status === 'failed') console.error(`failed     ${outcome.file}: ${outcome.error}`);
        else console.log(`${outcome.status.padEnd(10)} ${outcome.file} -> #${outcome.id} ${outcome.title}`);
      },
    });
    if (outcomes.length === 0) {
      console.error(`No .txt files found in ${args.positionals.join(', ')}`);
      return 1;
    }
    console.log(`${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.failed} failed`);
    return counts.failed > 0 ? 1 : 0;
  } finally {
    db.close();
  }
});
