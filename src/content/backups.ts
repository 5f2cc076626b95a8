// Backups of a site: the database copied with SQLite's online backup API (a consistent snapshot, taken while the
// site serves and writes), checked, and the uploads beside it, in a folder named by the time (UTC). A backup is
// written under a hidden name and renamed when complete, so a folder named backup-… is always a whole one.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { uploadsDir } from './uploads.js';

export class BackupError extends Error {}

const NAME = /^backup-\d{8}-\d{6}(?:-\d+)?$/;
const DB_FILE = 'site.db';

export const defaultBackupRoot = (dataDir: string) => path.join(dataDir, 'backups');

/** The complete backups in `root`, oldest first. */
export function listBackups(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root).filter((name) => NAME.test(name)).sort();
}

const stamp = (now: Date) => now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

/** Copies every file under `from` to `to`: hard links where possible (uploads never change), else copies. */
function copyFiles(from: string, to: string): number {
  if (!fs.existsSync(from)) return 0;
  fs.mkdirSync(to, { recursive: true });
  let count = 0;
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      count += copyFiles(source, target);
    } else if (entry.isFile()) {
      try {
        fs.linkSync(source, target);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') continue; // deleted while the backup ran; the database snapshot came first
        if (code === 'EEXIST') continue; // already there (uploads never change under the same name)
        if (code !== 'EXDEV' && code !== 'EPERM') throw err;
        fs.copyFileSync(source, target);
      }
      count++;
    }
  }
  return count;
}

/** Opens a database file read-only, checks it through and counts its articles. */
function checkDatabase(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new BackupError(`${file} failed its integrity check: ${String(result)}`);
    return db.prepare('SELECT COUNT(*) FROM articles').pluck().get() as number;
  } finally {
    db.close();
  }
}

export type BackupMade = { dir: string; root: string; articles: number; files: number; removed: string[] };

/** Makes a backup of `dataDir` in `to` (default DATA_DIR/backups), keeping the newest `keep`. */
export async function makeBackup(dataDir: string, options: { to?: string | undefined; keep: number; now: Date }): Promise<BackupMade> {
  const source = path.join(dataDir, DB_FILE);
  if (!fs.existsSync(source)) throw new BackupError(`No site database at ${source}.`);
  const root = path.resolve(options.to ?? defaultBackupRoot(dataDir));
  fs.mkdirSync(root, { recursive: true });
  let name = `backup-${stamp(options.now)}`;
  for (let n = 2; fs.existsSync(path.join(root, name)); n++) name = `backup-${stamp(options.now)}-${n}`;
  const partial = path.join(root, `.${name}.partial`);
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial);
  try {
    const db = new Database(source, { readonly: true, fileMustExist: true });
    try {
      // In one step: copied a hundred pages at a time, a backup starts over whenever the site writes, and on a busy
      // large site might never finish.
      await db.backup(path.join(partial, DB_FILE), { progress: ({ totalPages }) => totalPages });
    } finally {
      db.close();
    }
    const articles = checkDatabase(path.join(partial, DB_FILE));
    const files = copyFiles(uploadsDir(dataDir), path.join(partial, 'uploads'));
    const dir = path.join(root, name);
    fs.renameSync(partial, dir);
    const all = listBackups(root);
    const removed = all.slice(0, Math.max(0, all.length - options.keep));
    for (const old of removed) fs.rmSync(path.join(root, old), { recursive: true, force: true });
    return { dir, root, articles, files, removed };
  } catch (err) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw err;
  }
}

/** Puts the backup in folder `backup` into `dataDir`, which must not have a site database yet. */
export function restoreBackup(backup: string, dataDir: string): { articles: number; files: number } {
  const from = path.resolve(backup);
  const source = path.join(from, DB_FILE);
  if (!fs.existsSync(source)) throw new BackupError(`${from} is not a backup: it has no ${DB_FILE}.`);
  const target = path.join(dataDir, DB_FILE);
  // A -wal or -shm file left behind would be applied to the restored database.
  if ([target, `${target}-wal`, `${target}-shm`].some((file) => fs.existsSync(file))) {
    throw new BackupError(`${dataDir} already has a site database: stop the site and move ${target} (and its -wal and -shm files) away first, or restore into an empty DATA_DIR.`);
  }
  const articles = checkDatabase(source);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.copyFileSync(source, `${target}.partial`);
  const files = copyFiles(path.join(from, 'uploads'), uploadsDir(dataDir));
  fs.renameSync(`${target}.partial`, target);
  return { articles, files };
}
