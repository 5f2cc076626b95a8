import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { configKeys, projectRoot } from '../../src/config.js';

const readme = fs.readFileSync(path.join(projectRoot, 'README.md'), 'utf8');

test('every configuration variable has a row in the README table', () => {
  const documented = [...readme.matchAll(/^\| `([A-Z_]+)` +\|/gm)].map((m) => m[1]);
  assert.deepEqual(documented.sort(), [...configKeys].sort());
});

test('the README shows the two commands and CI runs the same test command', () => {
  assert.match(readme, /npm install && npm start/);
  assert.match(readme, /npm test/);
  assert.match(fs.readFileSync(path.join(projectRoot, '.ci', 'run'), 'utf8'), /^npm test$/m);
});
