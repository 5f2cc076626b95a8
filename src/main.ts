// Start-up only: read the config, open and migrate the database, load the sample site on first start, listen.
import path from 'node:path';
import { createApp } from './app.js';
import { ConfigError, loadConfig, projectRoot } from './config.js';
import { seedSampleContent } from './content/seed-sample.js';
import { MigrationError, migrate } from './db/migrate.js';
import { openDb } from './db/open.js';
import { createStore } from './store/store.js';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function start() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  const db = openDb(config.dataDir);
  try {
    const applied = migrate(db, path.join(projectRoot, 'migrations'));
    if (applied.length > 0) console.log(`Applied migrations: ${applied.join(', ')}`);
  } catch (err) {
    db.close();
    if (err instanceof MigrationError) fail(`${err.message}\nThe database was left as it was before this migration.`);
    throw err;
  }
  const store = createStore(db);
  const seeded = seedSampleContent(store, new Date());
  if (seeded) {
    const failed = seeded.filter((outcome) => outcome.status === 'failed');
    console.log(`Loaded the sample site: ${seeded.length - failed.length} articles.`);
    for (const outcome of failed) console.warn(`Sample article ${outcome.file} not imported: ${outcome.error}`);
  }

  const app = createApp({ config, store, now: () => new Date() });
  const server = app.listen(config.port, (err?: Error) => {
    if (err) fail(`Cannot listen on port ${config.port}: ${err.message}`);
    console.log(`Serving ${config.dataDir} on http://localhost:${config.port}/`);
  });
  const stop = () => server.close(() => db.close());
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

start();
