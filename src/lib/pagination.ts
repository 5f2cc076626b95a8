export type Pagination = {
  page: number;
  pageCount: number;
  offset: number;
  limit: number;
  /** Page numbers to show as links around the current one. */
  window: number[];
};

const WINDOW = 7;

/** The slice of `total` items on `page`, or undefined when the page does not exist (page 1 always exists). */
export function paginate(total: number, page: number, perPage: number): Pagination | undefined {
  const pageCount = Math.max(1, Math.ceil(total / perPage));
  if (!Number.isInteger(page) || page < 1 || page > pageCount) return undefined;
  const first = Math.max(1, Math.min(page - Math.floor(WINDOW / 2), pageCount - WINDOW + 1));
  const last = Math.min(pageCount, first + WINDOW - 1);
  const window = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  return { page, pageCount, offset: (page - 1) * perPage, limit: perPage, window };
}
