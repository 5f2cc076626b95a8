// The pure parts of 咨询留言: query codes, deadlines in working days, masking, and the public forms' tokens.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { deadlineState, hashQueryCode, maskName, maskPersonalData, newQueryCode, normaliseQueryCode, replyDeadline, workingDaysBetween } from '../../src/lib/enquiries.js';
import { challengeOf, issueToken, readAnswer, readToken } from '../../src/lib/form-token.js';

describe('query codes', () => {
  test('new codes are 12 unambiguous characters; typed codes are read in any case and grouping', () => {
    const codes = new Set(Array.from({ length: 200 }, newQueryCode));
    assert.equal(codes.size, 200);
    for (const code of codes) assert.match(code, /^[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){2}$/);
    assert.equal(normaliseQueryCode(' 4k7m q2xp－9dwa '), '4K7MQ2XP9DWA');
    assert.equal(normaliseQueryCode('4K7M-Q2XP-9DW0'), undefined, '0 is not in the alphabet');
    assert.equal(normaliseQueryCode('4K7M-Q2XP'), undefined);
    assert.equal(hashQueryCode('4k7m-q2xp-9dwa'), hashQueryCode('4K7MQ2XP9DWA'));
  });
});

describe('deadlines', () => {
  test('15 working days skip weekends, counted from the Beijing date of receipt', () => {
    assert.equal(replyDeadline('2026-02-02T02:00:00.000Z', 15), '2026-02-23T15:59:59.000Z'); // Monday → Monday three weeks on
    assert.equal(replyDeadline('2026-02-06T17:00:00.000Z', 1), '2026-02-09T15:59:59.000Z', 'Saturday 01:00 in Beijing → Monday');
    assert.equal(workingDaysBetween('2026-03-01T02:00:00.000Z', '2026-03-09T02:00:00.000Z'), 6, 'Sunday 1 March to Monday 9 March');
    assert.equal(workingDaysBetween('2026-03-09T02:00:00.000Z', '2026-03-01T02:00:00.000Z'), 0);
  });

  test('states: in time, due within three working days, overdue, and an alarm after 60 days', () => {
    const at = new Date('2026-03-01T02:00:00.000Z');
    assert.equal(deadlineState('2026-02-23T02:00:00.000Z', 15, at).state, 'ok');
    assert.deepEqual(deadlineState('2026-02-09T02:00:00.000Z', 15, at), { state: 'due', deadline: '2026-03-02T15:59:59.000Z', workingDaysLeft: 1, daysOpen: 20 });
    assert.equal(deadlineState('2026-02-02T02:00:00.000Z', 15, at).state, 'overdue');
    assert.equal(deadlineState('2025-12-31T02:00:00.000Z', 60, at).state, 'alarm');
  });
});

describe('what is published', () => {
  test('names show only the surname; personal data in text is masked', () => {
    assert.equal(maskName('张三'), '张*');
    assert.equal(maskName('欧阳明华'), '欧***');
    assert.equal(maskName(' '), '网友');
    assert.equal(maskPersonalData('电话13812345678，身份证370402199003071234'), '电话138****5678，身份证37*************234');
  });
});

describe('form tokens', () => {
  const key = 'k'.repeat(43);
  const at = new Date('2026-03-01T02:00:00.000Z');

  test('a token reads back; one altered or signed with another key does not', () => {
    const token = issueToken(key, at, true, 'abcdefghijklmnop');
    assert.deepEqual(readToken(key, token), { issuedAt: at.getTime(), nonce: 'abcdefghijklmnop', challenge: true });
    assert.equal(readToken(key, token.replace('.1.', '.0.')), undefined, 'dropping the question is tampering');
    assert.equal(readToken('x'.repeat(43), token), undefined);
    assert.equal(readToken(key, `${token}x`), undefined);
    assert.equal(readToken(key, ['array']), undefined);
  });

  test('the arithmetic question follows from the nonce; answers are read as digits or words', () => {
    const { question, answer } = challengeOf(key, 'abcdefghijklmnop');
    assert.deepEqual(challengeOf(key, 'abcdefghijklmnop'), { question, answer });
    assert.match(question, /^[一二三四五六七八九]加[一二三四五六七八九]等于几？$/);
    assert.ok(answer >= 2 && answer <= 18);
    assert.deepEqual(['8', '８', '八', '十二', '十', ' 12 ', '二十', 'x', ''].map(readAnswer), [8, 8, 8, 12, 10, 12, undefined, undefined, undefined]);
  });
});
