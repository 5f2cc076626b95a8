// Shared start-up for command-line entry points: expected failures end the process with one clear line.
import { ConfigError, loadConfig, type Config } from '../config.js';
import { WeakAdminPasswordError } from '../content/first-admin.js';
import { MigrationError } from '../db/migrate.js';

export async function runCli(main: (config: Config) => Promise<number | void>): Promise<void> {
  try {
    process.exitCode = (await main(loadConfig())) ?? 0;
  } catch (err) {
    if (err instanceof ConfigError || err instanceof WeakAdminPasswordError) return fail(err.message);
    if (err instanceof MigrationError) return fail(`${err.message}\nThe database was left as it was before this migration.`);
    throw err;
  }
}

function fail(message: string) {
  console.error(message);
  process.exitCode = 1;
}
