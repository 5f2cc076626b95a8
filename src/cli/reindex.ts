// npm run reindex — rebuilds the search index from the articles (after a restore from an old backup, say).
import { openSite } from '../open-site.js';
import { runCli } from './run.js';

await runCli(async (config) => {
  const { db, store } = await openSite(config, console.log);
  try {
    const started = performance.now();
    const count = store.search.rebuild();
    console.log(`Indexed ${count} articles in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    db.close();
  }
});
