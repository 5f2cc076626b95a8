// Start-up only: read the config, open the site's database, listen.
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { runCli } from './cli/run.js';
import { startBaiduPush } from './content/baidu-push.js';
import { viewCounter } from './content/view-counter.js';
import { startHousekeeping } from './housekeeping.js';
import { openSite } from './open-site.js';

await runCli(async (config) => {
  const { db, store } = await openSite(config, console.log);
  const now = () => new Date();
  const housekeeping = startHousekeeping(store, now);
  const baiduPush = startBaiduPush({ store, config, now });
  const views = viewCounter(store);
  const app = createApp({ config, store, now, views });
  const server = app.listen(config.port, (err?: Error) => {
    if (err) {
      console.error(`Cannot listen on port ${config.port}: ${err.message}`);
      process.exit(1);
    }
    const { port } = server.address() as AddressInfo;
    console.log(`Serving ${config.dataDir} on http://localhost:${port}/`);
  });
  const stop = () => {
    clearInterval(housekeeping);
    clearInterval(baiduPush);
    server.close(() => {
      views.stop();
      views.flush();
      db.close();
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
});
