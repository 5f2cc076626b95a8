import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../../src/config.js';

test('defaults: port 3000, ./data, development', () => {
  assert.deepEqual(loadConfig({}), { port: 3000, dataDir: path.resolve('data'), env: 'development' });
});

test('values are read and an empty variable counts as unset', () => {
  assert.deepEqual(loadConfig({ PORT: '8080', DATA_DIR: '/srv/site', NODE_ENV: 'production' }), {
    port: 8080, dataDir: '/srv/site', env: 'production',
  });
  assert.equal(loadConfig({ PORT: '' }).port, 3000);
});

const bad: [Record<string, string>, string][] = [
  [{ PORT: 'abc' }, 'Invalid configuration: PORT="abc" must be a whole number'],
  [{ PORT: '3000.5' }, 'Invalid configuration: PORT="3000.5" must be a whole number'],
  [{ PORT: '70000' }, 'Invalid configuration: PORT="70000" must be between 0 and 65535'],
  [{ DATA_DIR: '  ' }, 'Invalid configuration: DATA_DIR="  " must not be empty'],
  [{ NODE_ENV: 'prod', PORT: '-1' }, 'Invalid configuration: PORT="-1" must be a whole number; NODE_ENV="prod" must be development, production or test'],
];
for (const [env, message] of bad) {
  test(`${JSON.stringify(env)} is refused in one line naming the variable`, () => {
    assert.throws(() => loadConfig(env), (err: Error) => err.message === message && !err.message.includes('\n'));
  });
}
