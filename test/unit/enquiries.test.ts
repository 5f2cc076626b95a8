// The pure parts of 咨询留言: query codes, deadlines in working days, masking, and the public forms' tokens.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { deadlineState, hashQueryCode, maskName, maskPersonalData, newQueryCode, normaliseQueryCode, parseHolidays, replyDeadline, workingDaysBetween, type HolidayCalendar } from '../../src/lib/enquiries.js';
import { addressKey, challengeOf, issueToken, readAnswer, readToken } from '../../src/lib/form-token.js';

describe('query codes', () => {
  test('new codes are 12 unambiguous characters; typed codes are read in any case and grouping', () => {
    const codes = new Set(Array.from({ length: 200 }, newQueryCode));
    assert.equal(codes.size, 200);
    for (const code of codes) assert.match(code, /^[ACDEFGHJKMNPQRTUVWXY3-9]{4}(-[ACDEFGHJKMNPQRTUVWXY3-9]{4}){2}$/);
    assert.equal(normaliseQueryCode(' 4k7m q3xp－9dwa '), '4K7MQ3XP9DWA');
    assert.equal(normaliseQueryCode('4K7M-Q3XP-9DW0'), undefined, '0 is not in the alphabet');
    assert.equal(normaliseQueryCode('4K7M-Q3XP'), undefined);
    assert.equal(hashQueryCode('4k7m-q3xp-9dwa'), hashQueryCode('4K7MQ3XP9DWA'));
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
  test('names show only the surname; personal data in text is masked, full-width too, and the writer’s own name', () => {
    assert.equal(maskName('张三'), '张*');
    assert.equal(maskName('欧阳明华'), '欧***');
    assert.equal(maskName(' '), '网友');
    assert.equal(maskPersonalData('电话13812345678，身份证370402199003071234'), '电话138****5678，身份证37*************234');
    assert.equal(maskPersonalData('电话１３８１２３４５６７８（白天）'), '电话138****5678（白天）', 'full-width digits; brackets stay full-width');
    assert.equal(maskPersonalData('证件号110101199003071234'), '证件号110***********1234', 'a number the checksum rejects is still masked');
    assert.equal(maskPersonalData('我是张三丰，电话见上', { name: '张三丰', contact: 'zsf@example.com' }), '我是张**，电话见上');
  });
});

describe('holidays and addresses', () => {
  test('the holiday calendar is read from the settings’ lines and moves deadlines', () => {
    const calendar = parseHolidays('2026-10-01 至 2026-10-08 放假\n２０２６-０９-２７ 上班\n\n2026-10-10 班');
    assert.ok(!('badLine' in calendar));
    assert.equal(replyDeadline('2026-09-30T02:00:00.000Z', 15), '2026-10-21T15:59:59.000Z', 'weekends only');
    assert.equal(replyDeadline('2026-09-30T02:00:00.000Z', 15, calendar as HolidayCalendar), '2026-10-28T15:59:59.000Z', 'after the National Day week');
    assert.deepEqual(parseHolidays('2026-10-01 放假\n国庆节'), { badLine: 2 });
    assert.deepEqual(parseHolidays('2026-10-08 至 2026-10-01 放假'), { badLine: 1 });
  });

  test('the rate limit counts an IPv6 sender by its /64', () => {
    assert.equal(addressKey('203.0.113.9'), '203.0.113.9');
    assert.equal(addressKey('::ffff:203.0.113.9'), '203.0.113.9');
    assert.equal(addressKey('2001:db8:1:2:aaaa::1'), '2001:db8:1:2::/64');
    assert.equal(addressKey('2001:db8:1:2:bbbb:cccc:dddd:eeee'), '2001:db8:1:2::/64');
    assert.equal(addressKey('2001:db8::1'), '2001:db8:0:0::/64');
  });
});

describe('form tokens', () => {
  const key = 'k'.repeat(43);
  const at = new Date('2026-03-01T02:00:00.000Z');

  test('a token reads back; one altered or signed with another key does not', () => {
    const token = issueToken(key, at, true, 'abcdefghijklmnop');
    assert.deepEqual(readToken(key, token), { issuedAt: at.getTime(), nonce: 'abcdefghijklmnop', challenge: true, signature: token.split('.')[4] });
    assert.equal(readToken(key, token.replace('.1.', '.0.')), undefined, 'dropping the question is tampering');
    assert.notEqual(issueToken(key, at, true, 'abcdefghijklmnop'), token, 'two tokens of one moment differ (each is used once)');
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
