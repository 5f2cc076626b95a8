-- Content checks (#9): the wording dictionary with a starting list, each column's expected update interval, the
-- findings of the last check of each article or page, and the external links with the result of their last check.

CREATE TABLE wording_rules (
  id          INTEGER PRIMARY KEY,
  -- wrong: a wrong phrase with its correct form; forbidden: a phrase not to be used; protected: a name that must be
  -- written exactly (a one-character slip in it is found too).
  kind        TEXT NOT NULL CHECK (kind IN ('wrong', 'forbidden', 'protected')),
  phrase      TEXT NOT NULL CHECK (length(phrase) BETWEEN 1 AND 50),
  suggestion  TEXT NOT NULL DEFAULT '' CHECK (length(suggestion) <= 50),
  is_blocking INTEGER NOT NULL DEFAULT 0 CHECK (is_blocking IN (0, 1)),
  note        TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 100),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (kind, phrase)
);

-- Days within which a column is expected to get a new article; NULL: the default for its type.
ALTER TABLE columns ADD COLUMN update_days INTEGER CHECK (update_days BETWEEN 0 AND 3650);

CREATE TABLE content_findings (
  id          INTEGER PRIMARY KEY,
  target_type TEXT NOT NULL CHECK (target_type IN ('article', 'page')),
  target_id   INTEGER NOT NULL,
  kind        TEXT NOT NULL,                  -- wording, form, personal, link
  field       TEXT NOT NULL,
  start       INTEGER NOT NULL,
  line        INTEGER NOT NULL,
  col         INTEGER NOT NULL,
  text        TEXT NOT NULL,
  message     TEXT NOT NULL,
  suggestion  TEXT NOT NULL DEFAULT '',
  is_blocking INTEGER NOT NULL DEFAULT 0,
  checked_at  TEXT NOT NULL
);
CREATE INDEX content_findings_by_target ON content_findings (target_type, target_id);

-- Every external address linked from public content, and where.
CREATE TABLE external_links (
  url           TEXT PRIMARY KEY,
  status        TEXT NOT NULL DEFAULT 'unchecked' CHECK (status IN ('unchecked', 'ok', 'redirected', 'broken', 'unreachable')),
  http_status   INTEGER,
  final_url     TEXT NOT NULL DEFAULT '',
  detail        TEXT NOT NULL DEFAULT '',
  checked_at    TEXT,
  next_check_at TEXT NOT NULL
);
CREATE INDEX external_links_due ON external_links (next_check_at);

CREATE TABLE external_link_uses (
  url         TEXT NOT NULL REFERENCES external_links(url) ON DELETE CASCADE,
  target_type TEXT NOT NULL CHECK (target_type IN ('article', 'page')),
  target_id   INTEGER NOT NULL,
  PRIMARY KEY (url, target_type, target_id)
) WITHOUT ROWID;
CREATE INDEX external_link_uses_by_target ON external_link_uses (target_type, target_id);

-- The starting dictionary: names that must be exact, phrases not to be used, and common slips in official writing.
INSERT INTO wording_rules (kind, phrase, suggestion, is_blocking, note, created_at, updated_at)
SELECT kind, phrase, suggestion, is_blocking, note, '2026-11-29T00:00:00.000Z', '2026-11-29T00:00:00.000Z' FROM (
  SELECT 'protected' AS kind, '中华人民共和国' AS phrase, '' AS suggestion, 1 AS is_blocking, '国名' AS note
  UNION ALL SELECT 'protected', '中国共产党', '', 1, ''
  UNION ALL SELECT 'protected', '全国人民代表大会', '', 1, ''
  UNION ALL SELECT 'protected', '中国人民政治协商会议', '', 1, ''
  UNION ALL SELECT 'protected', '习近平新时代中国特色社会主义思想', '', 1, ''
  UNION ALL SELECT 'protected', '社会主义核心价值观', '', 1, ''
  UNION ALL SELECT 'protected', '中国科学技术协会', '', 1, '上级组织'
  UNION ALL SELECT 'protected', '山东省科学技术协会', '', 1, '上级组织'
  UNION ALL SELECT 'protected', '枣庄市科学技术协会', '', 1, '本会名称'
  UNION ALL SELECT 'protected', '枣庄市市中区科学技术协会', '', 1, '本会名称'
  UNION ALL SELECT 'protected', '全国科技工作者日', '', 0, ''
  UNION ALL SELECT 'forbidden', '台湾总统', '台湾地区领导人', 1, '涉台用语'
  UNION ALL SELECT 'forbidden', '台湾政府', '台湾当局', 1, '涉台用语'
  UNION ALL SELECT 'forbidden', '中华民国', '', 0, '涉及1949年以前的历史时可用，须核实语境'
  UNION ALL SELECT 'forbidden', '北朝鲜', '朝鲜', 1, '国名'
  UNION ALL SELECT 'forbidden', '南朝鲜', '韩国', 1, '国名'
  UNION ALL SELECT 'forbidden', '残废人', '残疾人', 1, ''
  UNION ALL SELECT 'forbidden', '弱智', '智力障碍者', 1, ''
  UNION ALL SELECT 'forbidden', '瞎子', '盲人', 1, ''
  UNION ALL SELECT 'forbidden', '聋子', '聋人', 1, ''
  UNION ALL SELECT 'wrong', '按装', '安装', 0, ''
  UNION ALL SELECT 'wrong', '既使', '即使', 0, ''
  UNION ALL SELECT 'wrong', '幅射', '辐射', 0, ''
  UNION ALL SELECT 'wrong', '气慨', '气概', 0, ''
  UNION ALL SELECT 'wrong', '一股作气', '一鼓作气', 0, ''
  UNION ALL SELECT 'wrong', '再接再励', '再接再厉', 0, ''
  UNION ALL SELECT 'wrong', '迫不急待', '迫不及待', 0, ''
  UNION ALL SELECT 'wrong', '默守成规', '墨守成规', 0, ''
  UNION ALL SELECT 'wrong', '谈笑风声', '谈笑风生', 0, ''
  UNION ALL SELECT 'wrong', '走头无路', '走投无路', 0, ''
  UNION ALL SELECT 'wrong', '不径而走', '不胫而走', 0, ''
  UNION ALL SELECT 'wrong', '一愁莫展', '一筹莫展', 0, ''
  UNION ALL SELECT 'wrong', '脍灸人口', '脍炙人口', 0, ''
  UNION ALL SELECT 'wrong', '美仑美奂', '美轮美奂', 0, ''
  UNION ALL SELECT 'wrong', '出谋化策', '出谋划策', 0, ''
  UNION ALL SELECT 'wrong', '金榜提名', '金榜题名', 0, ''
  UNION ALL SELECT 'wrong', '按步就班', '按部就班', 0, ''
  UNION ALL SELECT 'wrong', '穿流不息', '川流不息', 0, ''
  UNION ALL SELECT 'wrong', '鼎立相助', '鼎力相助', 0, ''
  UNION ALL SELECT 'wrong', '食不裹腹', '食不果腹', 0, ''
  UNION ALL SELECT 'wrong', '貌和神离', '貌合神离', 0, ''
  UNION ALL SELECT 'wrong', '磬竹难书', '罄竹难书', 0, ''
  UNION ALL SELECT 'wrong', '人情事故', '人情世故', 0, ''
  UNION ALL SELECT 'wrong', '随声附合', '随声附和', 0, ''
  UNION ALL SELECT 'wrong', '委屈求全', '委曲求全', 0, ''
  UNION ALL SELECT 'wrong', '相辅相承', '相辅相成', 0, ''
  UNION ALL SELECT 'wrong', '修茸', '修葺', 0, ''
  UNION ALL SELECT 'wrong', '一如继往', '一如既往', 0, ''
  UNION ALL SELECT 'wrong', '再所难免', '在所难免', 0, ''
  UNION ALL SELECT 'wrong', '振耳欲聋', '震耳欲聋', 0, ''
  UNION ALL SELECT 'wrong', '直接了当', '直截了当', 0, ''
  UNION ALL SELECT 'wrong', '座落', '坐落', 0, ''
  UNION ALL SELECT 'wrong', '布署', '部署', 0, ''
  UNION ALL SELECT 'wrong', '部暑', '部署', 0, ''
  UNION ALL SELECT 'wrong', '做为', '作为', 0, ''
  UNION ALL SELECT 'wrong', '成份', '成分', 0, '规范词形'
  UNION ALL SELECT 'wrong', '亲睐', '青睐', 0, ''
  UNION ALL SELECT 'wrong', '松驰', '松弛', 0, ''
  UNION ALL SELECT 'wrong', '安祥', '安详', 0, ''
  UNION ALL SELECT 'wrong', '陷井', '陷阱', 0, ''
  UNION ALL SELECT 'wrong', '暄嚣', '喧嚣', 0, ''
  UNION ALL SELECT 'wrong', '融汇贯通', '融会贯通', 0, ''
  UNION ALL SELECT 'wrong', '莫明其妙', '莫名其妙', 0, ''
  UNION ALL SELECT 'wrong', '一张一驰', '一张一弛', 0, ''
  UNION ALL SELECT 'wrong', '言简意骇', '言简意赅', 0, ''
  UNION ALL SELECT 'wrong', '鞠躬尽粹', '鞠躬尽瘁', 0, ''
  UNION ALL SELECT 'wrong', '以身做则', '以身作则', 0, ''
  UNION ALL SELECT 'wrong', '关健', '关键', 0, ''
  UNION ALL SELECT 'wrong', '发韧', '发轫', 0, ''
  UNION ALL SELECT 'wrong', '贯切落实', '贯彻落实', 0, ''
  UNION ALL SELECT 'wrong', '坐谈会', '座谈会', 0, ''
  UNION ALL SELECT 'wrong', '截止到', '截至', 0, '表示到某一时间为止用“截至”'
  UNION ALL SELECT 'wrong', '帐号', '账号', 0, '规范词形'
  UNION ALL SELECT 'wrong', '帐户', '账户', 0, '规范词形'
  UNION ALL SELECT 'wrong', '度过难关', '渡过难关', 0, ''
  UNION ALL SELECT 'wrong', '精兵减政', '精兵简政', 0, ''
  UNION ALL SELECT 'wrong', '重迭', '重叠', 0, ''
  UNION ALL SELECT 'wrong', '急燥', '急躁', 0, ''
  UNION ALL SELECT 'wrong', '针贬', '针砭', 0, ''
  UNION ALL SELECT 'wrong', '既往不究', '既往不咎', 0, ''
  UNION ALL SELECT 'wrong', '挖墙角', '挖墙脚', 0, ''
  UNION ALL SELECT 'wrong', '自抱自弃', '自暴自弃', 0, ''
  UNION ALL SELECT 'wrong', '甘败下风', '甘拜下风', 0, ''
  UNION ALL SELECT 'wrong', '仗义直言', '仗义执言', 0, ''
  UNION ALL SELECT 'wrong', '蛛丝蚂迹', '蛛丝马迹', 0, ''
  UNION ALL SELECT 'wrong', '世外桃园', '世外桃源', 0, ''
  UNION ALL SELECT 'wrong', '入场卷', '入场券', 0, ''
  UNION ALL SELECT 'wrong', '泊来品', '舶来品', 0, ''
  UNION ALL SELECT 'wrong', '天翻地复', '天翻地覆', 0, ''
  UNION ALL SELECT 'wrong', '汗流夹背', '汗流浃背', 0, ''
  UNION ALL SELECT 'wrong', '惹事生非', '惹是生非', 0, ''
  UNION ALL SELECT 'wrong', '自立更生', '自力更生', 0, ''
  UNION ALL SELECT 'wrong', '厉精图治', '励精图治', 0, ''
  UNION ALL SELECT 'wrong', '变本加利', '变本加厉', 0, ''
  UNION ALL SELECT 'wrong', '冒然', '贸然', 0, ''
  UNION ALL SELECT 'wrong', '声名雀起', '声名鹊起', 0, ''
  UNION ALL SELECT 'wrong', '循序渐近', '循序渐进', 0, ''
  UNION ALL SELECT 'wrong', '一诺千斤', '一诺千金', 0, ''
  UNION ALL SELECT 'wrong', '原形必露', '原形毕露', 0, ''
  UNION ALL SELECT 'wrong', '真知卓见', '真知灼见', 0, ''
  UNION ALL SELECT 'wrong', '有持无恐', '有恃无恐', 0, ''
  UNION ALL SELECT 'wrong', '烘堂大笑', '哄堂大笑', 0, ''
  UNION ALL SELECT 'wrong', '其它', '其他', 0, '规范用法'
);
