// The environment, parsed once at start-up; nothing else reads process.env.
import path from 'node:path';
import { z } from 'zod';

/** The project root: views/, public/ and migrations/ are found from here, under tsx and in tests alike. */
export const projectRoot = path.resolve(import.meta.dirname, '..');

const port = z
  .number('must be a whole number')
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

const Env = z.object({
  PORT: z.string().default('3000').transform((value) => (/^\s*\d+\s*$/.test(value) ? Number(value) : NaN)).pipe(port),
  DATA_DIR: z.string().trim().min(1, 'must not be empty').default('./data'),
  NODE_ENV: z.enum(['development', 'production', 'test'], 'must be development, production or test').default('development'),
});

/** Every environment variable the app reads (the README's configuration table lists each). */
export const configKeys = Object.keys(Env.shape);

export type Config = Readonly<{
  port: number;
  dataDir: string;
  env: 'development' | 'production' | 'test';
}>;

export class ConfigError extends Error {}

/** Reads the listed keys from `env`; throws a ConfigError whose one-line message names every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable (PORT=) means "not set", as in most shells' and process managers' conventions.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = Env.safeParse(given);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const key = String(issue.path[0]);
      return `${key}=${JSON.stringify(env[key] ?? '')} ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const { PORT, DATA_DIR, NODE_ENV } = result.data;
  return Object.freeze({ port: PORT, dataDir: path.resolve(DATA_DIR), env: NODE_ENV });
}
