// Graceful shutdown of the real server process: SIGTERM and SIGINT stop new connections, let the request in flight
// finish, write the views counted in memory, and close the database cleanly.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { test } from 'node:test';
import { openDb } from '../../src/db/open.js';
import { tempDir } from '../helpers/app.js';
import { startServer } from '../helpers/server.js';

const SAMPLE_PATH = '/gzdt/202601/t20260109_1.html';

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test(`${signal}: the request in flight is answered, counted views are written, the database is closed cleanly`, async (t) => {
    const dataDir = tempDir(t);
    const { child, port, url, exited, output } = await startServer(t, { DATA_DIR: dataDir, ADMIN_PASSWORD: 'first-admin-pass-1' });
    for (let i = 0; i < 3; i++) assert.equal((await fetch(url + SAMPLE_PATH)).status, 200);
    const before = openDb(dataDir);
    assert.equal(before.prepare('SELECT view_count FROM articles WHERE id = 1').pluck().get(), 0, 'counted in memory, not yet written');
    before.close();

    // A form post whose body is still on its way when the signal comes.
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let response = '';
    socket.on('data', (chunk) => (response += chunk));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    const body = 'username=nobody&password=wrong-password';
    socket.write(`POST /admin/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`);
    await delay(200);
    child.kill(signal);
    await delay(300);
    await assert.rejects(fetch(url + '/'), 'no new connections once stopping');
    assert.equal(child.exitCode, null, 'still finishing the request in flight');
    socket.write(body.slice(10));
    await closed;
    assert.match(response, /^HTTP\/1\.1 (303|403|429) /, 'the request in flight got its whole answer');

    assert.equal(await exited, 0, output());
    assert.ok(!fs.existsSync(path.join(dataDir, 'site.db-wal')), 'closed cleanly: the WAL was checkpointed and removed');
    const db = openDb(dataDir);
    t.after(() => db.close());
    assert.equal(db.prepare('SELECT view_count FROM articles WHERE id = 1').pluck().get(), 3, 'the views counted in memory were written');
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  });
}
