// The content checks as pure functions: each kind of finding at its exact position, the masks, the dictionary
// file formats. (Their use in the admin is tested over HTTP in test/http/content-checks.test.ts.)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isPrivateAddress } from '../../src/content/link-checker.js';
import { checkText } from '../../src/lib/checks/check-text.js';
import { classifyLink, linksIn } from '../../src/lib/checks/links.js';
import { applyMasks, findPersonalData, isResidentId, passesLuhn } from '../../src/lib/checks/personal-data.js';
import { proseOf } from '../../src/lib/checks/prose.js';
import { findFormErrors } from '../../src/lib/checks/typography.js';
import { decodeText, parseWordingFile, toCsv, toText } from '../../src/lib/checks/wording-file.js';
import { compileDictionary, findWording, oneEditApart, type WordingRule } from '../../src/lib/checks/wording.js';

const rule = (kind: WordingRule['kind'], phrase: string, suggestion = '', isBlocking = false): WordingRule => ({ kind, phrase, suggestion, isBlocking, note: '' });
const DICTIONARY = compileDictionary([
  rule('wrong', '按装', '安装'),
  rule('forbidden', '北朝鲜', '朝鲜', true),
  rule('protected', '中华人民共和国', '', true),
  rule('protected', '枣庄市科学技术协会', '', true),
  rule('protected', '枣庄市市中区科学技术协会'),
  rule('protected', '中国科学技术协会'),
  rule('forbidden', '弱智', '智力障碍者', true),
  rule('allowed', '削弱智'),
  rule('allowed', '山西省科学技术协会'),
]);
/** What a hit covers in the text. */
const covered = (text: string, hits: { start: number; end: number }[]) => hits.map((h) => text.slice(h.start, h.end));

describe('wording', () => {
  test('wrong and forbidden phrases are found where they are, with their suggestions', () => {
    const text = '会上按装了设备，不应说北朝鲜。';
    const hits = findWording(text, DICTIONARY);
    assert.deepEqual(covered(text, hits), ['按装', '北朝鲜']);
    assert.deepEqual(hits.map((h) => [h.start, h.suggestion, h.blocking]), [[2, '安装', false], [11, '朝鲜', true]]);
  });

  test('a protected name with one character wrong, missing or added is found; written correctly it is not', () => {
    const text = '中华人名共和国，枣庄市科学技协会，枣庄市科学技术术协会，中华人民共和国成立，枣庄市科学技术协会。';
    const hits = findWording(text, DICTIONARY);
    assert.deepEqual(covered(text, hits), ['中华人名共和国', '枣庄市科学技协会', '枣庄市科学技术术协会']);
    assert.ok(hits.every((h) => !h.blocking && h.suggestion !== ''), 'a guess warns, never blocks');
    assert.deepEqual(covered('种华人民共和国、中华人民共和囯', findWording('种华人民共和国、中华人民共和囯', DICTIONARY)), ['种华人民共和国', '中华人民共和囯'], 'the first or last character changed');
  });

  test('a slip is not an edit that reaches into the next word, and other names are not slips', () => {
    for (const text of ['中华人民共和国国务院', '山东省科学技术协会', '枣庄市科学技术局', '滕州市科学技术协会']) {
      assert.deepEqual(findWording(text, DICTIONARY), [], text);
    }
    assert.equal(oneEditApart('abc', 'abd'), true);
    assert.equal(oneEditApart('abc', 'ab'), true);
    assert.equal(oneEditApart('abc', 'abc'), false);
    assert.equal(oneEditApart('abc', 'bca'), false);
  });

  test('text inside link targets, code and addresses is not checked', () => {
    assert.deepEqual(findWording(proseOf('见[通知](/anzhuang/按装.html)和 `按装` 与 https://example.com/按装\n\n```\n按装\n```\n'), DICTIONARY), []);
  });

  test('a window inside another protected name written correctly is no slip; 允许的写法 silence what they contain', () => {
    assert.deepEqual(checkText({ bodyMd: '枣庄市市中区科学技术协会召开会议，不能削弱智能制造，山西省科学技术协会来访。' }, DICTIONARY), []);
    assert.deepEqual(checkText({ bodyMd: '山东省科学技术协会、山西省科学技术协会' }, compileDictionary([rule('protected', '山东省科学技术协会')])).map((f) => f.text),
      ['山西省科学技术协会'], 'without the 允许 rule it is a warning');
  });

  test('a long paste of the same slip is checked quickly and listed up to a limit', () => {
    assert.equal(findWording('按装'.repeat(40_000), DICTIONARY).length, 50);
    const unpaired = checkText({ bodyMd: '（'.repeat(40_000) + '》'.repeat(40_000) }, DICTIONARY);
    assert.deepEqual(unpaired.map((f) => f.message), ['（ 没有与之配对的 ）（共 40000 处，这是第一处）', '》 前面没有与之配对的 《（共 40000 处，这是第一处）']);
  });
});

describe('form errors', () => {
  const errors = (text: string) => findFormErrors(text).map((h) => [text.slice(h.start, h.end), h.message]);

  test('quotes and brackets that do not pair up, at the unpaired one', () => {
    assert.deepEqual(errors('他说：“科普进社区。《通知》（试行）'), [['“', '“ 没有与之配对的 ”']]);
    assert.deepEqual(errors('见《通知）。'), [['《', '《 没有与之配对的 》'], ['）', '） 前面没有与之配对的 （']]);
    assert.deepEqual(errors('多了一个》'), [['》', '》 前面没有与之配对的 《']]);
    assert.deepEqual(errors('1）第一项\n2）第二项'), [], 'numbering marks are not half of a pair');
    assert.deepEqual(errors('“第一段\n\n第二段”'), [['“', '“ 没有与之配对的 ”'], ['”', '” 前面没有与之配对的 “']], 'pairs close within a paragraph');
  });

  test('half-width punctuation among Chinese characters, but not in numbers, English or Markdown', () => {
    assert.deepEqual(findFormErrors('科协,举办讲座;时间:上午.').map((h) => h.suggestion), ['，', '；', '：', '。']);
    assert.deepEqual(findFormErrors('About 3.5 km, then 10:30. 1. 第一项 ![图](x.png) **加粗**：'), []);
    assert.deepEqual(findFormErrors('科协(CAST)').map((h) => h.suggestion), ['（']);
  });

  test('a doubled function word, but not where the second begins a word or the pair is an idiom', () => {
    const text = '科协的的工作，，不了了之，是是非非。';
    assert.deepEqual(covered(text, findFormErrors(text)), ['的的', '，，']);
    assert.deepEqual(findFormErrors('为了了解情况，完成了了结，关键是是否落实，现在在座各位，的的确确如此。'), []);
  });

  test('numbering inside a sentence, and an ellipsis typed as dots', () => {
    assert.deepEqual(findFormErrors('要求：1）按时到会；2）带好材料。'), []);
    assert.deepEqual(findFormErrors('等等...').map((h) => h.suggestion), ['……']);
    assert.deepEqual(findFormErrors(proseOf('![](/uploads/a.png) ![现场](/uploads/b.png)')).map((h) => h.start), [0], 'an image without its description');
  });

  test('impossible dates in every usual form, and 号 for 日', () => {
    const text = '2026年2月30日、2024年2月29日、2025年2月29日、2026年13月、4月31日、2026-04-31、2026.02.28、二〇二六年二月三十日、3月5号';
    assert.deepEqual(covered(text, findFormErrors(text)), ['2026年2月30日', '2025年2月29日', '2026年13月', '4月31日', '2026-04-31', '二〇二六年二月三十日', '号']);
    assert.match(findFormErrors('2026年2月30日')[0]!.message, /2026年2月只有 28 天/);
  });
});

describe('personal data', () => {
  test('ID numbers are recognised by checksum and birth date', () => {
    assert.equal(isResidentId('370402199003071234'), true);
    assert.equal(isResidentId('370402199003071235'), false, 'wrong check digit');
    assert.equal(isResidentId('370402199002301238'), false, '30 February');
    assert.equal(passesLuhn('6222021234567890128'), true);
    assert.equal(passesLuhn('6222021234567890127'), false);
  });

  test('each kind is found at its place and masked in the customary form', () => {
    const text = '身份证370402199003071234，手机13812345678，卡号6222 0212 3456 7890 128，邮箱zhangsan@example.com。';
    const hits = findPersonalData(text);
    assert.deepEqual(covered(text, hits), ['370402199003071234', '6222 0212 3456 7890 128', '13812345678', 'zhangsan@example.com']);
    assert.deepEqual(hits.map((h) => h.mask), ['37*************234', '6222 **** **** ***0 128', '138****5678', 'zh***@example.com']);
    assert.deepEqual(hits.map((h) => h.blocking), [true, true, false, false]);
    assert.equal(applyMasks(text, hits), '身份证37*************234，手机138****5678，卡号6222 **** **** ***0 128，邮箱zh***@example.com。');
  });

  test('numbers that are not personal data are left alone', () => {
    assert.deepEqual(findPersonalData('文号2026001、电话0632-3311234、370402199003071235、订单12345678901234567890'), []);
  });
});

describe('checkText', () => {
  test('findings carry field, line and column (in characters), blocking first', () => {
    const findings = checkText({ title: '关于按装的通知', bodyMd: '第一段。\n\n第二段，北朝鲜。' }, DICTIONARY);
    assert.deepEqual(findings.map((f) => [f.field, f.line, f.column, f.text, f.blocking]), [
      ['bodyMd', 3, 5, '北朝鲜', true],
      ['title', 1, 3, '按装', false],
    ]);
    assert.equal(findings[0]!.before, '第二段，');
    assert.equal(findings[0]!.after, '。');
  });

  test('a long list of the same slip is reported up to a limit per rule and per kind of personal data', () => {
    const body = '枣庄市科学技术协会按装了科普设施，联系电话13812345678。'.repeat(320);
    assert.equal(checkText({ bodyMd: body }, DICTIONARY).length, 100);
  });
});

describe('private addresses', () => {
  test('loopback, private, link-local and mapped addresses are private; public ones are not', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.0.1', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1']) assert.equal(isPrivateAddress(a), true, a);
    for (const a of ['8.8.8.8', '172.32.0.1', '2001:db8::1', '::ffff:8.8.8.8']) assert.equal(isPrivateAddress(a), false, a);
  });
});

describe('links', () => {
  test('hrefs and srcs are read from rendered HTML and sorted into internal and external', () => {
    assert.deepEqual(linksIn('<a href="/gzdt/?a=1&amp;b=2">x</a><img src="/uploads/a.png"><a href="/gzdt/?a=1&amp;b=2">y</a>'), ['/gzdt/?a=1&b=2', '/uploads/a.png']);
    const site = 'https://kx.example.gov.cn';
    assert.deepEqual(classifyLink('/gzdt/#top', site), { internal: '/gzdt/' });
    assert.deepEqual(classifyLink('https://kx.example.gov.cn/tzgg/', site), { internal: '/tzgg/' });
    assert.deepEqual(classifyLink('http://www.cast.org.cn/a#b', site), { external: 'http://www.cast.org.cn/a' });
    assert.equal(classifyLink('mailto:kx@example.com', site), undefined);
    assert.equal(classifyLink('#section', site), undefined);
  });
});

describe('dictionary files', () => {
  const rules = [rule('wrong', '按装', '安装'), rule('forbidden', '北朝鲜', '朝鲜', true), { ...rule('protected', '中华人民共和国'), note: '国名, "正式"' }, rule('allowed', '削弱智能'), rule('wrong', '=cmd', '安全')];

  test('CSV and plain text exports read back to the same rules', () => {
    assert.deepEqual(parseWordingFile(toCsv(rules)), { rules, problems: [] });
    assert.deepEqual(parseWordingFile(toText(rules)).rules, rules.map((r) => ({ ...r, note: r.note })));
  });

  test('bad lines are refused with their line numbers, good ones kept', () => {
    const { rules: read, problems } = parseWordingFile('按装→安装\n# 注释\n\n错字\n禁用：北朝鲜→朝鲜（阻止发布）\n规范：' + '长'.repeat(51));
    assert.deepEqual(read.map((r) => [r.kind, r.phrase, r.isBlocking]), [['wrong', '按装', false], ['forbidden', '北朝鲜', true]]);
    assert.deepEqual(problems, [{ line: 4, message: '错误写法须填写正确写法' }, { line: 6, message: '词语不能超过 50 个字' }]);
  });

  test('a CSV saved by Excel on Chinese Windows (GBK) or as Unicode text (UTF-16) is read; other files are not text', () => {
    const gbk = Uint8Array.from([0xb0, 0xb4, 0xd7, 0xb0]); // 按装 in GBK
    assert.equal(decodeText(gbk), '按装');
    assert.equal(decodeText(new TextEncoder().encode('按装')), '按装');
    assert.equal(decodeText(Uint8Array.from([0xff, 0xfe, 0x09, 0x63, 0xc5, 0x88])), '按装');
    assert.equal(decodeText(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00])), undefined, 'a zip (an .xlsx)');
  });

  test('CSV protects cells that look like formulas; a plain line with two arrows is refused', () => {
    assert.match(toCsv([rule('wrong', '=cmd', '安全')]), /\r\n错误写法,'=cmd,安全,否,\r\n/);
    assert.deepEqual(parseWordingFile('按装→安装→安').problems, [{ line: 1, message: '一行只能写一条：“错误写法→正确写法”' }]);
    assert.deepEqual(parseWordingFile('规范：中国').problems.map((p) => p.message), ['规范名称至少 5 个字（短的名称如人名，请把常见的错写作为“错误写法”添加）']);
  });
});
