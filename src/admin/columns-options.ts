// The column tree as staff see it (every column, hidden or empty ones too), shared by the admin forms and lists.
import { buildColumnTree, flattenTree } from '../lib/columns.js';
import type { Store } from '../store/store.js';

export function columnOptions(store: Store) {
  const tree = buildColumnTree(store.columns.listAll(), new Map());
  return flattenTree(tree.roots).map(({ node, depth }) => ({
    value: node.id,
    label: `${'　'.repeat(depth)}${node.name}${node.isHidden ? '（隐藏）' : ''}`,
    column: node,
  }));
}
