import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { diffParagraphs } from '../../src/lib/diff.js';
import { sniffFile } from '../../src/lib/file-types.js';
import { hashPassword, passwordProblem, randomPassword, verifyPassword } from '../../src/lib/passwords.js';
import { decide, nextAfterApproval, publishTime, type ArticleAction, type Role, type Status } from '../../src/lib/review-rules.js';
import { DOCX, HTML, PDF, PNG } from '../helpers/files.js';

describe('review rules: who may do what, when', () => {
  const AUTHOR = 1;
  const OTHER = 2;
  const CONTRIBUTOR = 3;
  // [action, role, actor, status, deleted, approvedBy, allowed]; CONTRIBUTOR submitted or edited this round
  const rows: [ArticleAction, Role, number, Status, boolean, number[], boolean][] = [
    ['edit', 'editor', AUTHOR, 'draft', false, [], true],
    ['edit', 'editor', AUTHOR, 'rejected', false, [], true],
    ['edit', 'editor', AUTHOR, 'submitted', false, [], false],
    ['edit', 'editor', AUTHOR, 'published', false, [], true],
    ['edit', 'editor', OTHER, 'draft', false, [], false],
    ['edit', 'reviewer', OTHER, 'published', false, [], true],
    ['edit', 'admin', OTHER, 'submitted', false, [], true],
    ['edit', 'admin', OTHER, 'draft', true, [], false],
    ['submit', 'editor', AUTHOR, 'draft', false, [], true],
    ['submit', 'editor', AUTHOR, 'withdrawn', false, [], true],
    ['submit', 'editor', AUTHOR, 'submitted', false, [], false],
    ['submit', 'editor', OTHER, 'draft', false, [], false],
    ['submit', 'reviewer', OTHER, 'draft', false, [], true],
    ['approve', 'editor', OTHER, 'submitted', false, [], false],
    ['approve', 'reviewer', OTHER, 'submitted', false, [], true],
    ['approve', 'reviewer', AUTHOR, 'submitted', false, [], false],
    ['approve', 'admin', AUTHOR, 'submitted', false, [], false],
    ['approve', 'reviewer', OTHER, 'submitted', false, [OTHER], false],
    ['approve', 'reviewer', CONTRIBUTOR, 'submitted', false, [], false],
    ['reject', 'admin', CONTRIBUTOR, 'submitted', false, [], false],
    ['approve', 'reviewer', OTHER, 'draft', false, [], false],
    ['approve', 'reviewer', OTHER, 'submitted', true, [], false],
    ['reject', 'reviewer', OTHER, 'submitted', false, [OTHER], true],
    ['reject', 'reviewer', AUTHOR, 'submitted', false, [], false],
    ['reject', 'editor', OTHER, 'submitted', false, [], false],
    ['withdraw', 'reviewer', OTHER, 'published', false, [], true],
    ['withdraw', 'reviewer', AUTHOR, 'published', false, [], true],
    ['withdraw', 'editor', AUTHOR, 'published', false, [], false],
    ['withdraw', 'admin', OTHER, 'draft', false, [], false],
    ['delete', 'editor', AUTHOR, 'draft', false, [], true],
    ['delete', 'editor', AUTHOR, 'published', false, [], false],
    ['delete', 'editor', OTHER, 'draft', false, [], false],
    ['delete', 'reviewer', OTHER, 'published', false, [], true],
    ['delete', 'admin', OTHER, 'draft', true, [], false],
    ['restore', 'editor', AUTHOR, 'draft', true, [], true],
    ['restore', 'editor', AUTHOR, 'published', true, [], false],
    ['restore', 'editor', AUTHOR, 'submitted', true, [], false],
    ['restore', 'editor', OTHER, 'draft', true, [], false],
    ['restore', 'reviewer', OTHER, 'published', true, [], true],
    ['restore', 'admin', OTHER, 'draft', false, [], false],
  ];
  for (const [action, role, actor, status, deleted, approvedBy, allowed] of rows) {
    const who = actor === AUTHOR ? 'author' : actor === CONTRIBUTOR ? 'a contributor of this round' : 'other';
    test(`${action} by ${role} (${who}) on ${deleted ? 'deleted ' : ''}${status}${approvedBy.length ? ' after approving a step' : ''}: ${allowed ? 'allowed' : 'refused'}`, () => {
      const decision = decide(action, { id: actor, role }, { status, createdBy: AUTHOR, isDeleted: deleted, approvedBy, contributors: [CONTRIBUTOR] });
      assert.equal(decision.ok, allowed, decision.ok ? '' : decision.reason);
      if (!decision.ok) assert.match(decision.reason, /\p{Script=Han}/u);
    });
  }
  test('approvals walk the steps, then publish', () => {
    assert.deepEqual(nextAfterApproval(0, 2), { kind: 'next', step: 1 });
    assert.deepEqual(nextAfterApproval(1, 2), { kind: 'publish' });
    assert.deepEqual(nextAfterApproval(0, 1), { kind: 'publish' });
  });
  test('publish time: now, the scheduled time while ahead, a deliberate back-date, the first publication kept', () => {
    const now = new Date('2026-03-01T02:00:00.000Z');
    assert.equal(publishTime(null, false, null, now), now.toISOString());
    assert.equal(publishTime('2026-03-05T00:00:00.000Z', false, null, now), '2026-03-05T00:00:00.000Z');
    assert.equal(publishTime('2026-02-01T00:00:00.000Z', false, null, now), now.toISOString(), 'a schedule that passed during review');
    assert.equal(publishTime('2020-02-01T00:00:00.000Z', true, null, now), '2020-02-01T00:00:00.000Z');
    assert.equal(publishTime(null, false, '2025-05-01T00:00:00.000Z', now), '2025-05-01T00:00:00.000Z', 'an edit approved again keeps its date');
    assert.equal(publishTime('2026-03-05T00:00:00.000Z', false, '2025-05-01T00:00:00.000Z', now), '2026-03-05T00:00:00.000Z');
  });
});

describe('file types by content', () => {
  const rows: [string, Uint8Array, string, string | RegExp][] = [
    ['a PNG', PNG, 'photo.png', 'image/png'],
    ['a PNG without an extension', PNG, 'photo', 'image/png'],
    ['a PDF', PDF, '方案.pdf', 'application/pdf'],
    ['a .docx', DOCX, '报告.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['HTML named .png', HTML, 'photo.png', /不支持的文件类型/],
    ['a PNG named .pdf', PNG, 'x.pdf', /文件内容是 PNG 图片，与扩展名 \.pdf 不符/],
    ['a PDF named .docx', PDF, 'x.docx', /文件内容是 \.pdf 文件，与扩展名 \.docx 不符/],
    ['an SVG', new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'a.svg', /不支持的文件类型/],
    ['an empty file', new Uint8Array(), 'a.png', /不支持的文件类型/],
  ];
  for (const [name, bytes, fileName, expected] of rows) {
    test(name, () => {
      const result = sniffFile(Buffer.from(bytes), fileName);
      if (typeof expected === 'string') assert.equal('mime' in result && result.mime, expected);
      else assert.match('error' in result ? result.error : '', expected);
    });
  }
  test('image sizes come from the header', () => {
    assert.deepEqual(sniffFile(Buffer.from(PNG), 'a.png'), { kind: 'image', mime: 'image/png', ext: 'png', width: 32, height: 32 });
    const gif = Buffer.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x40, 0x01, 0xf0, 0x00, 0, 0]);
    assert.deepEqual(sniffFile(gif, 'a.gif'), { kind: 'image', mime: 'image/gif', ext: 'gif', width: 320, height: 240 });
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0xe0, 0x02, 0x80, 0x03]);
    assert.deepEqual(sniffFile(jpeg, 'a.jpeg'), { kind: 'image', mime: 'image/jpeg', ext: 'jpg', width: 640, height: 480 });
  });
});

describe('passwords', () => {
  test('hash and verify; a different password or a tampered hash fails', async () => {
    const hash = await hashPassword('correct-horse-1', 2 ** 10);
    assert.match(hash, /^scrypt\$1024\$8\$1\$/);
    assert.equal(await verifyPassword('correct-horse-1', hash), true);
    assert.equal(await verifyPassword('correct-horse-2', hash), false);
    assert.equal(await verifyPassword('correct-horse-1', hash.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))), false);
    assert.equal(await verifyPassword('x', 'plain'), false);
  });
  test('policy and generated passwords', () => {
    assert.equal(passwordProblem('short1'), '密码至少 10 位');
    assert.equal(passwordProblem('onlyletters'), '密码需同时包含字母和数字');
    assert.equal(passwordProblem('1234567890'), '密码需同时包含字母和数字');
    assert.equal(passwordProblem('letters-and-1'), undefined);
    const generated = new Set(Array.from({ length: 50 }, randomPassword));
    assert.equal(generated.size, 50);
    for (const p of generated) assert.equal(passwordProblem(p), undefined);
  });
});

test('a diff of tens of thousands of paragraphs stays small and quick', () => {
  const before = Array.from({ length: 30_000 }, (_, i) => `x${i}`).join('\n\n');
  const after = Array.from({ length: 30_000 }, (_, i) => `y${i}`).join('\n\n');
  const started = process.memoryUsage().heapUsed;
  const parts = diffParagraphs(`开头\n\n${before}\n\n结尾`, `开头\n\n${after}\n\n结尾`);
  assert.equal(parts.length, 60_002);
  assert.deepEqual([parts[0], parts.at(-1)], [{ kind: 'same', text: '开头' }, { kind: 'same', text: '结尾' }]);
  assert.ok(process.memoryUsage().heapUsed - started < 200 * 1024 * 1024);
});

test('paragraph diff', () => {
  assert.deepEqual(diffParagraphs('一\n\n二\n\n三', '一\n\n二改\n\n三\n\n四'), [
    { kind: 'same', text: '一' }, { kind: 'removed', text: '二' }, { kind: 'added', text: '二改' },
    { kind: 'same', text: '三' }, { kind: 'added', text: '四' },
  ]);
});
