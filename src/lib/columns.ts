// The column (栏目) tree and which parts of it readers see: a column is public when it is not hidden, its
// parent is public, and it or a column under it has published articles (empty columns count against a site).

/** Column kinds of the government-site metadata (ColumnType), after 《政府网站发展指引》. */
export const COLUMN_TYPES = [
  '概况信息', '机构职能', '负责人信息', '政务动态', '通知公告', '政策文件', '政策解读', '信息公开', '数据发布',
  '回应关切', '办事服务', '互动交流', '专题专栏', '科普知识', '其他',
] as const;

type ColumnFields = { id: number; parentId: number | null; slug: string; isHidden: boolean };

export type ColumnNode<C extends ColumnFields = ColumnFields> = C & {
  parent: ColumnNode<C> | undefined;
  children: ColumnNode<C>[];
  /** Public articles filed in this column itself. */
  ownCount: number;
  /** Public articles in this column and every column under it. */
  articleCount: number;
  isPublic: boolean;
};

export type ColumnTree<C extends ColumnFields = ColumnFields> = {
  roots: ColumnNode<C>[];
  bySlug: Map<string, ColumnNode<C>>;
};

/** Builds the tree from columns in display order and the public article count of each column id. */
export function buildColumnTree<C extends ColumnFields>(columns: C[], counts: Map<number, number>): ColumnTree<C> {
  const byId = new Map<number, ColumnNode<C>>(
    columns.map((c) => [c.id, { ...c, parent: undefined, children: [], ownCount: counts.get(c.id) ?? 0, articleCount: 0, isPublic: false }]),
  );
  const roots: ColumnNode<C>[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId === null ? undefined : byId.get(node.parentId);
    node.parent = parent;
    (parent ? parent.children : roots).push(node);
  }
  const count = (node: ColumnNode<C>): number =>
    (node.articleCount = node.ownCount + node.children.reduce((sum, child) => sum + count(child), 0));
  const mark = (node: ColumnNode<C>, parentPublic: boolean) => {
    node.isPublic = parentPublic && !node.isHidden && node.articleCount > 0;
    node.children.forEach((child) => mark(child, node.isPublic));
  };
  roots.forEach((root) => {
    count(root);
    mark(root, true);
  });
  return { roots, bySlug: new Map([...byId.values()].map((node) => [node.slug, node])) };
}

/** The node and its ancestors, outermost first. */
export function lineage<C extends ColumnFields>(node: ColumnNode<C>): ColumnNode<C>[] {
  return node.parent ? [...lineage(node.parent), node] : [node];
}

/** Ids of the node and every column under it. */
export function subtreeIds<C extends ColumnFields>(node: ColumnNode<C>): number[] {
  return [node.id, ...node.children.flatMap(subtreeIds)];
}

/** Ids of the node and the public columns under it: what its list shows (never a hidden column's articles). */
export function publicSubtreeIds<C extends ColumnFields>(node: ColumnNode<C>): number[] {
  return [node.id, ...node.children.filter((child) => child.isPublic).flatMap(publicSubtreeIds)];
}

/** Public articles in the node and the public columns under it: its list's length, without a query. */
export function publicArticleCount<C extends ColumnFields>(node: ColumnNode<C>): number {
  return node.ownCount + node.children.filter((child) => child.isPublic).reduce((sum, child) => sum + publicArticleCount(child), 0);
}

/** Public columns with articles filed in them, in display order: the home page shows a list for each. */
export function columnsWithArticles<C extends ColumnFields>(roots: ColumnNode<C>[]): ColumnNode<C>[] {
  return flattenTree(roots).map(({ node }) => node).filter((node) => node.isPublic && node.ownCount > 0);
}

/** Every node in display order with its depth (0 for top level), for indented lists and select boxes. */
export function flattenTree<C extends ColumnFields>(nodes: ColumnNode<C>[], depth = 0): { node: ColumnNode<C>; depth: number }[] {
  return nodes.flatMap((node) => [{ node, depth }, ...flattenTree(node.children, depth + 1)]);
}
