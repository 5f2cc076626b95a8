import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { bigramTokens, charTokens, searchableText } from '../lib/search-text.js';

export type Db = Database.Database;

/** Opens (creating if needed) the site database in `dataDir`, with the pragmas every connection needs. */
export function openDb(dataDir: string): Db {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'site.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL'); // safe with WAL: a power cut can lose the last commits, never corrupt
  db.pragma('busy_timeout = 5000');
  // The search index's triggers (migrations/0004) tokenise Chinese text with these, so every connection has them.
  db.function('search_pairs', { deterministic: true }, (text: unknown) => bigramTokens(String(text ?? '')));
  db.function('search_chars', { deterministic: true }, (text: unknown) => charTokens(String(text ?? '')));
  db.function('search_text', { deterministic: true }, (text: unknown) => searchableText(String(text ?? '')));
  return db;
}
