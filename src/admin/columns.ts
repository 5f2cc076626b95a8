import { fieldErrors } from '../lib/form-errors.js';
import type { Request, Response } from 'express';
import { buildColumnTree, COLUMN_TYPES, subtreeIds } from '../lib/columns.js';
import { DEFAULT_UPDATE_DAYS } from '../lib/freshness.js';
import type { Column } from '../store/columns.js';
import { audit } from '../web/auth.js';
import type { Deps } from '../web/deps.js';
import { notFound } from '../web/errors.js';
import { flash } from '../web/session.js';
import { columnOptions } from './columns-options.js';
import { columnForm } from './forms.js';

export function showColumns({ store, now }: Deps, _req: Request, res: Response) {
  const counts = store.articles.countPublishedByColumn(now());
  res.render('admin/columns.njk', { columns: columnOptions(store).map((o) => ({ ...o, published: counts.get(o.value) ?? 0 })) });
}

const toValues = (c?: Column) => ({
  name: c?.name ?? '', slug: c?.slug ?? '', parentId: String(c?.parentId ?? ''), description: c?.description ?? '',
  sortOrder: String(c?.sortOrder ?? 0), isHidden: c?.isHidden ? '1' : '', reviewSteps: (c?.reviewSteps ?? ['审核签发']).join('\n'),
  columnType: c?.columnType ?? '政务动态', updateDays: c?.updateDays === null || c?.updateDays === undefined ? '' : String(c.updateDays),
});

function loadColumn({ store }: Deps, req: Request): Column {
  const column = /^\d{1,15}$/.test(String(req.params.id)) ? store.columns.getById(Number(req.params.id)) : undefined;
  if (!column) throw notFound('栏目不存在。');
  return column;
}

const render = ({ store }: Deps, res: Response, status: number, column: Column | undefined, values: object, errors = {}) =>
  res.status(status).render('admin/column-edit.njk', {
    column, values, errors, parents: columnOptions(store), columnTypes: COLUMN_TYPES.map((t) => ({ value: t, label: t })),
    defaultDays: DEFAULT_UPDATE_DAYS,
  });

export const showNewColumn = (deps: Deps, _req: Request, res: Response) => render(deps, res, 200, undefined, toValues());
export const showEditColumn = (deps: Deps, req: Request, res: Response) => {
  const column = loadColumn(deps, req);
  render(deps, res, 200, column, toValues(column));
};

export function saveColumn(deps: Deps, req: Request, res: Response) {
  const { store, now } = deps;
  const column = req.params.id === undefined ? undefined : loadColumn(deps, req);
  const parsed = columnForm.safeParse(req.body);
  const values = { ...toValues(column), ...req.body, isHidden: req.body?.isHidden ? '1' : '' };
  const errors = parsed.success ? {} : fieldErrors(parsed.error);
  if (parsed.success) {
    const { slug, parentId } = parsed.data;
    const sameSlug = store.columns.getBySlug(slug);
    if (sameSlug && sameSlug.id !== column?.id) Object.assign(errors, { slug: `目录 ${slug} 已被栏目“${sameSlug.name}”使用` });
    if (parentId !== null) {
      const tree = buildColumnTree(store.columns.listAll(), new Map());
      const parent = [...tree.bySlug.values()].find((c) => c.id === parentId);
      const own = column ? subtreeIds(tree.bySlug.get(column.slug)!) : [];
      if (!parent) Object.assign(errors, { parentId: '上级栏目不存在' });
      else if (own.includes(parentId)) Object.assign(errors, { parentId: '不能把栏目放到它自己或它的下级栏目下面' });
    }
  }
  if (!parsed.success || Object.keys(errors).length > 0) return render(deps, res, 422, column, values, errors);
  const fields = parsed.data;
  const id = store.transaction(() => {
    const saved = column ? (store.columns.update(column.id, fields, now()), column.id) : store.columns.insert(fields, now());
    audit(deps, req, res, column ? 'column.update' : 'column.create', `column:${saved}`, `${fields.name}（${fields.slug}）`);
    return saved;
  });
  flash(deps, res, column ? '栏目已保存。' : '栏目已创建。');
  res.redirect(303, `/admin/columns#column-${id}`);
}
