// Shared start-up for command-line entry points: expected failures end the process with one clear line.
import { ConfigError, loadConfig, type Config } from '../config.js';
import { MigrationError } from '../db/migrate.js';

export function runCli(main: (config: Config) => number | void): void {
  try {
    process.exitCode = main(loadConfig()) ?? 0;
  } catch (err) {
    if (err instanceof ConfigError) return fail(err.message);
    if (err instanceof MigrationError) return fail(`${err.message}\nThe database was left as it was before this migration.`);
    throw err;
  }
}

function fail(message: string) {
  console.error(message);
  process.exitCode = 1;
}
