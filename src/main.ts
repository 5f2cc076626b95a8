// Start-up only: read the config, open the site's database, serve it, in one process or WEB_CONCURRENCY workers.
import cluster from 'node:cluster';
import type { AddressInfo } from 'node:net';
import { createApp, serve } from './app.js';
import { runCli } from './cli/run.js';
import { startBaiduPush } from './content/baidu-push.js';
import { startContentChecks } from './content/link-checker.js';
import { startMailer } from './content/mailer.js';
import { viewCounter } from './content/view-counter.js';
import { startHousekeeping } from './housekeeping.js';
import { openSite } from './open-site.js';
import { createLogger } from './web/log.js';

const SHUTDOWN_GRACE_MS = 10_000;

await runCli(async (config) => {
  const log = createLogger(config);
  // Start-up lines (where it serves, the first administrator's password) show at any LOG_LEVEL.
  const startup = log.child({}, { level: 'info' });
  const say = (line: string) => startup.info(line);
  if (config.workers > 1 && cluster.isPrimary) {
    // The primary prepares the database once (migrations, sample site, first administrator), then forks the workers.
    const { db } = await openSite(config, say);
    db.close();
    for (let i = 0; i < config.workers; i++) cluster.fork({ KX_BACKGROUND_JOBS: i === 0 ? '1' : '0' });
    cluster.on('exit', (worker, code, signal) => {
      if (!stopping) log.error({ worker: worker.process.pid, code, signal }, 'worker ended');
      if (Object.keys(cluster.workers ?? {}).length === 0) log.flush(() => process.exit(0));
    });
    let stopping = false;
    const stop = () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    return;
  }
  const { db, store } = await openSite(config, cluster.isWorker ? () => {} : say);
  const now = () => new Date();
  // Background jobs run in one process only (the only one, or the first worker).
  const jobs = !cluster.isWorker || process.env.KX_BACKGROUND_JOBS === '1'
    ? [startHousekeeping(store, now), startBaiduPush({ store, config, now }, log), startContentChecks({ store, config, now }, log), startMailer({ store, now }, log)]
    : [];
  const views = viewCounter(store, undefined, (err) => log.error({ err }, 'writing view counts failed'));
  const server = serve(createApp({ config, store, now, views, log }), config.port);
  server.on('error', (err) => {
    startup.fatal(`Cannot listen on port ${config.port}: ${err.message}`);
    log.flush(() => process.exit(1));
  });
  server.on('listening', () => {
    const { port } = server.address() as AddressInfo;
    if (!cluster.isWorker || process.env.KX_BACKGROUND_JOBS === '1') {
      say(`Serving ${config.dataDir} on http://localhost:${port}/${config.workers > 1 ? ` with ${config.workers} workers` : ''}`);
      log.flush(); // now, not with the next block: whoever started the server may be waiting for this line
    }
  });
  // SIGTERM / SIGINT: stop accepting, let requests in flight finish (a connection is closed as soon as it has no
  // request left), then write the counted views and close the database cleanly (which checkpoints its WAL).
  // Requests still running after SHUTDOWN_GRACE_MS are cut off.
  let stopping = false;
  const stop = () => {
    if (stopping) return; // a second signal does not cut the grace short
    stopping = true;
    jobs.forEach(clearInterval);
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
    server.close(() => {
      clearInterval(idle);
      views.stop();
      views.flush();
      db.close();
      log.flush(() => process.exit(0));
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
});
