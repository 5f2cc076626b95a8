import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../../src/config.js';

test('defaults', () => {
  assert.deepEqual(loadConfig({}), {
    port: 3000, dataDir: path.resolve('data'), env: 'development', adminUser: 'admin', adminPassword: undefined,
    sessionIdleMinutes: 60, trustProxy: false, maxUploadBytes: 20 * 1024 * 1024, demoContent: true,
    siteUrl: 'http://localhost:3000', baiduPushEndpoint: 'http://data.zz.baidu.com/urls', pageCacheBytes: 64 * 1024 * 1024, workers: 1,
    logLevel: 'info',
  });
  assert.equal(loadConfig({ NODE_ENV: 'test' }).logLevel, 'silent');
});

test('values are read and an empty variable counts as unset', () => {
  assert.deepEqual(loadConfig({
    PORT: '8080', DATA_DIR: '/srv/site', NODE_ENV: 'production', ADMIN_USER: 'root', ADMIN_PASSWORD: 'secret123456',
    SESSION_IDLE_MINUTES: '30', TRUST_PROXY: '1', MAX_UPLOAD_MB: '50', DEMO_CONTENT: 'false',
    SITE_URL: 'https://www.zzkx.gov.cn/', BAIDU_PUSH_ENDPOINT: 'http://127.0.0.1:9999/urls', LOG_LEVEL: 'warn',
  }), {
    port: 8080, dataDir: '/srv/site', env: 'production', adminUser: 'root', adminPassword: 'secret123456',
    sessionIdleMinutes: 30, trustProxy: 1, maxUploadBytes: 50 * 1024 * 1024, demoContent: false,
    siteUrl: 'https://www.zzkx.gov.cn', baiduPushEndpoint: 'http://127.0.0.1:9999/urls', pageCacheBytes: 64 * 1024 * 1024, workers: 1,
    logLevel: 'warn',
  });
  assert.equal(loadConfig({ PORT: '' }).port, 3000);
  assert.equal(loadConfig({ TRUST_PROXY: 'true' }).trustProxy, true);
  assert.equal(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.0.0.2' }).trustProxy, '10.0.0.1, 10.0.0.2');
});

const bad: [Record<string, string>, string][] = [
  [{ PORT: 'abc' }, 'Invalid configuration: PORT="abc" must be a whole number'],
  [{ PORT: '3000.5' }, 'Invalid configuration: PORT="3000.5" must be a whole number'],
  [{ PORT: '70000' }, 'Invalid configuration: PORT="70000" must be between 0 and 65535'],
  [{ DATA_DIR: '  ' }, 'Invalid configuration: DATA_DIR="  " must not be empty'],
  [{ SESSION_IDLE_MINUTES: '2' }, 'Invalid configuration: SESSION_IDLE_MINUTES="2" must be at least 5'],
  [{ TRUST_PROXY: 'yes' }, 'Invalid configuration: TRUST_PROXY="yes" must be true, false, a number of proxy hops, or a comma-separated list of proxy IP addresses'],
  [{ ADMIN_USER: 'a b' }, 'Invalid configuration: ADMIN_USER="a b" must be 2-32 letters, digits, _ . or -'],
  [{ DEMO_CONTENT: 'no' }, 'Invalid configuration: DEMO_CONTENT="no" must be true or false'],
  [{ SITE_URL: 'www.zzkx.gov.cn' }, 'Invalid configuration: SITE_URL="www.zzkx.gov.cn" must be an http(s) address without path, query or fragment, like https://www.zzkx.gov.cn'],
  [{ SITE_URL: 'https://www.zzkx.gov.cn/news' }, 'Invalid configuration: SITE_URL="https://www.zzkx.gov.cn/news" must be an http(s) address without path, query or fragment, like https://www.zzkx.gov.cn'],
  [{ MAX_UPLOAD_MB: '0' }, 'Invalid configuration: MAX_UPLOAD_MB="0" must be at least 1'],
  [{ NODE_ENV: 'prod', PORT: '-1' }, 'Invalid configuration: PORT="-1" must be a whole number; NODE_ENV="prod" must be development, production or test'],
];
for (const [env, message] of bad) {
  test(`${JSON.stringify(env)} is refused in one line naming the variable`, () => {
    assert.throws(() => loadConfig(env), (err: Error) => err.message === message && !err.message.includes('\n'));
  });
}
