// npm run backup -- [--to DIR] [--keep N]   a consistent copy of the database and the uploads, while the site serves
// npm run restore -- BACKUP                   puts a backup into an empty DATA_DIR
import { parseArgs } from 'node:util';
import { BackupError, listBackups, makeBackup, restoreBackup } from '../content/backups.js';
import { runCli } from './run.js';

const USAGE = 'Usage: npm run backup -- [--to DIR] [--keep N]   |   npm run restore -- BACKUP_FOLDER';

await runCli(async (config) => {
  const { values, positionals } = parseArgs({
    options: { to: { type: 'string' }, keep: { type: 'string', default: '14' }, restore: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  try {
    if (values.restore) {
      if (positionals.length !== 1) return usage();
      const restored = restoreBackup(positionals[0]!, config.dataDir);
      console.log(`Restored ${restored.articles} articles and ${restored.files} uploaded files into ${config.dataDir}.`);
      return 0;
    }
    const keep = Number(values.keep);
    if (positionals.length > 0 || !Number.isInteger(keep) || keep < 1) return usage();
    const made = await makeBackup(config.dataDir, { to: values.to, keep, now: new Date() });
    console.log(`Backed up ${made.articles} articles and ${made.files} uploaded files to ${made.dir}.`);
    for (const removed of made.removed) console.log(`Removed the old backup ${removed}.`);
    console.log(`${listBackups(made.root).length} backups kept in ${made.root}.`);
    return 0;
  } catch (err) {
    if (!(err instanceof BackupError)) throw err;
    console.error(err.message);
    return 1;
  }
});

function usage() {
  console.error(USAGE);
  return 2;
}
