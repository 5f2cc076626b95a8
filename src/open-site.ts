// Opening the site's database the one way both the server and the command-line tools do: migrate, then load the
// sample site and the first administrator if the database is new, so the outcome never depends on which ran first.
import path from 'node:path';
import { ConfigError, projectRoot, type Config } from './config.js';
import { createFirstAdmin } from './content/first-admin.js';
import { seedSampleContent } from './content/seed-sample.js';
import { migrate } from './db/migrate.js';
import { openDb } from './db/open.js';
import { createStore } from './store/store.js';

/** Throws MigrationError (the database closed and left as it was) when a migration fails. */
export async function openSite(config: Config, log: (line: string) => void) {
  let db;
  try {
    db = openDb(config.dataDir);
  } catch (err) {
    throw new ConfigError(`Invalid configuration: DATA_DIR="${config.dataDir}" cannot hold the database: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    const applied = migrate(db, path.join(projectRoot, 'migrations'));
    if (applied.length > 0) log(`Applied migrations: ${applied.join(', ')}`);
  } catch (err) {
    db.close();
    throw err;
  }
  const store = createStore(db);
  const seeded = seedSampleContent(store, new Date(), config.demoContent);
  if (seeded) {
    const failed = seeded.filter((outcome) => outcome.status === 'failed');
    log(`Loaded the sample site: ${seeded.length - failed.length} articles.`);
    for (const outcome of failed) log(`Sample article ${outcome.file} not imported: ${outcome.error}`);
  }
  try {
    await createFirstAdmin(store, config, log);
  } catch (err) {
    db.close();
    throw err;
  }
  return { db, store };
}
