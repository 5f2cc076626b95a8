// The closed set of article statuses and roles, and the one table of who may do what to an article, when.
export const STATUSES = ['draft', 'submitted', 'rejected', 'published', 'withdrawn'] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<Status, string> = {
  draft: '草稿',
  submitted: '待审核',
  rejected: '已退回',
  published: '已发布',
  withdrawn: '已下线',
};

/** Review events as the history shows them. */
export const EVENT_LABELS = {
  submit: '提交审核', approve: '通过', reject: '退回', publish: '发布', withdraw: '下线', delete: '移入回收站', restore: '恢复',
} as const;

export const ROLES = ['admin', 'reviewer', 'editor'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = { admin: '管理员', reviewer: '审核员', editor: '编辑' };

export type ArticleAction = 'edit' | 'submit' | 'approve' | 'reject' | 'withdraw' | 'delete' | 'restore';

export type Actor = { id: number; role: Role };

export type ArticleState = {
  status: Status;
  createdBy: number | null;
  isDeleted: boolean;
  /** Users who approved a step since the article was last submitted. */
  approvedBy: number[];
  /** Users who submitted it, or changed its text, in this round of review: their approval would be their own. */
  contributors: number[];
};

type Rule = {
  statuses: readonly Status[];
  /** Who besides reviewers and administrators may act: the article's author, or nobody. */
  author: boolean;
  /** Reviewers may not act on their own articles (nobody approves their own work). */
  notOwn?: boolean;
  deleted?: boolean;
};

const RULES: Record<ArticleAction, Rule> = {
  edit: { statuses: ['draft', 'rejected', 'withdrawn', 'submitted', 'published'], author: true },
  submit: { statuses: ['draft', 'rejected', 'withdrawn'], author: true },
  approve: { statuses: ['submitted'], author: false, notOwn: true },
  reject: { statuses: ['submitted'], author: false, notOwn: true },
  withdraw: { statuses: ['published'], author: false },
  delete: { statuses: ['draft', 'rejected', 'withdrawn', 'submitted', 'published'], author: true },
  restore: { statuses: STATUSES, author: true, deleted: true },
};

/**
 * What an author (an editor) may do to their own article, by status; reviewers and admins may do more. Editing a
 * published article sends it back to review (see the editor), so an author may do that; deleting or restoring one
 * would publish or unpublish it without review, so an author may not.
 */
const AUTHOR_STATUSES: Partial<Record<ArticleAction, readonly Status[]>> = {
  edit: ['draft', 'rejected', 'withdrawn', 'published'],
  delete: ['draft', 'rejected', 'withdrawn'],
  restore: ['draft', 'rejected', 'withdrawn'],
};

export type Decision = { ok: true } | { ok: false; reason: string };

const refuse = (reason: string): Decision => ({ ok: false, reason });

/** Whether `actor` may do `action` to `article` now, and if not, why (in Chinese, for the person). */
export function decide(action: ArticleAction, actor: Actor, article: ArticleState): Decision {
  const rule = RULES[action];
  if (article.isDeleted !== Boolean(rule.deleted)) {
    return refuse(article.isDeleted ? '文章在回收站中，请先恢复。' : '文章不在回收站中。');
  }
  if (!rule.statuses.includes(article.status)) {
    return refuse(`文章当前状态为“${STATUS_LABELS[article.status]}”，不能执行此操作。`);
  }
  const isAuthor = article.createdBy === actor.id;
  if (actor.role === 'editor') {
    if (!rule.author) return refuse('只有审核员或管理员可以执行此操作。');
    if (!isAuthor) return refuse('编辑只能处理自己撰写的文章。');
    const allowed = AUTHOR_STATUSES[action];
    if (allowed && !allowed.includes(article.status)) {
      return refuse(`文章当前状态为“${STATUS_LABELS[article.status]}”，编辑不能修改，请联系审核员。`);
    }
    return { ok: true };
  }
  if (rule.notOwn && isAuthor) return refuse('不能审核自己撰写的文章。');
  if (rule.notOwn && article.contributors.includes(actor.id)) return refuse('您提交或修改过本稿，请由其他审核员审核。');
  if (action === 'approve' && article.approvedBy.includes(actor.id)) {
    return refuse('您已审核过本稿的上一步，请由其他审核员完成下一步。');
  }
  return { ok: true };
}

/** Roles allowed into each admin area (articles are open to every role; the rules above decide per article). */
export const AREA_ROLES = {
  articles: ROLES,
  review: ['admin', 'reviewer'],
  columns: ['admin'],
  pages: ['admin'],
  settings: ['admin'],
  users: ['admin'],
  audit: ['admin'],
  checks: ['admin', 'reviewer'],
  enquiries: ROLES,
  wording: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Area = keyof typeof AREA_ROLES;

export const mayEnter = (role: Role, area: Area) => (AREA_ROLES[area] as readonly Role[]).includes(role);

/** May `role` set a publish time in the past? Only administrators, to import old content (logged). */
export const mayBackdate = (role: Role) => role === 'admin';

/** After a reviewer approves step `step` of `stepCount`: the next step, or publication. */
export const nextAfterApproval = (step: number, stepCount: number) =>
  step + 1 < stepCount ? ({ kind: 'next', step: step + 1 } as const) : ({ kind: 'publish' } as const);

/**
 * When an approved article goes public: at the requested time if that is still ahead (scheduled) or was
 * deliberately set in the past by an administrator (back-dated import); otherwise at its first publication, if it
 * was published before (an edit or a withdrawal being approved again keeps its date, and so its URL); otherwise now.
 */
export function publishTime(requested: string | null, isBackdated: boolean, previous: string | null, now: Date): string {
  if (requested && (Date.parse(requested) > now.getTime() || isBackdated)) return requested;
  return previous ?? now.toISOString();
}
