// Applies migrations/NNNN_name.sql files in order, each in its own transaction, recording each once.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './open.js';

const FILE_NAME = /^(\d{4})_[a-z0-9_]+\.sql$/;

export class MigrationError extends Error {}

/** Applies every migration in `dir` not yet recorded; returns the names applied. Throws MigrationError naming the file. */
export function migrate(db: Db, dir: string, now = () => new Date()): string[] {
  db.exec(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version    INTEGER PRIMARY KEY,
      name       TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
  const applied = new Set(
    db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[],
  );
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const done: string[] = [];
  for (const { version, name } of listMigrations(dir)) {
    if (applied.has(version)) continue;
    const sql = fs.readFileSync(path.join(dir, name), 'utf8');
    try {
      db.transaction(() => {
        db.exec(sql);
        record.run(version, name, now().toISOString());
      })();
    } catch (err) {
      throw new MigrationError(`Migration ${name} failed: ${(err as Error).message}`);
    }
    done.push(name);
  }
  return done;
}

function listMigrations(dir: string): { version: number; name: string }[] {
  const migrations = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.sql'))
    .map((name) => {
      const match = FILE_NAME.exec(name);
      if (!match) throw new MigrationError(`Migration ${name} is misnamed: expected NNNN_description.sql`);
      return { version: Number(match[1]), name };
    })
    .sort((a, b) => a.version - b.version);
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.version === migrations[i - 1]!.version) {
      throw new MigrationError(`Migrations ${migrations[i - 1]!.name} and ${migrations[i]!.name} share a number`);
    }
  }
  return migrations;
}
