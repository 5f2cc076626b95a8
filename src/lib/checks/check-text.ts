// The text checks of one article (or page) together: wording, form errors and personal data, in every field
// the writer typed, each finding placed by line and column.
import { lineStarts, locate, sortFindings, TEXT_FIELDS, type Finding, type Hit } from './finding.js';
import { findPersonalData } from './personal-data.js';
import { proseOf } from './prose.js';
import { findFormErrors } from './typography.js';
import { allowedSpans, findWording, type Dictionary } from './wording.js';

export type CheckedText = Partial<Record<(typeof TEXT_FIELDS)[number], string>>;

/**
 * The same form error over and over in a field (a text typed with half-width commas throughout) is one finding, at
 * its first place, with the count: the list stays readable and the writer replaces them all at once.
 */
function collapseRepeats(hits: Hit[]): Hit[] {
  const first = new Map<string, { hit: Hit; count: number }>();
  for (const hit of hits) {
    const seen = first.get(hit.message);
    if (seen) seen.count++;
    else first.set(hit.message, { hit, count: 1 });
  }
  return [...first.values()].map(({ hit, count }) => (count > 1 ? { ...hit, message: `${hit.message}（共 ${count} 处，这是第一处）` } : hit));
}

export function checkText(text: CheckedText, dictionary: Dictionary): Finding[] {
  const findings: Finding[] = [];
  for (const field of TEXT_FIELDS) {
    const value = text[field];
    if (!value) continue;
    const prose = proseOf(value);
    const allowed = allowedSpans(prose, dictionary);
    const isAllowed = (h: Hit) => allowed.some((a) => a.start <= h.start && h.end <= a.end);
    const hits = [...findWording(prose, dictionary), ...findFormErrors(prose)].filter((h) => !isAllowed(h));
    const starts = lineStarts(value);
    for (const hit of [...hits.filter((h) => h.kind === 'wording'), ...collapseRepeats(hits.filter((h) => h.kind === 'form')), ...findPersonalData(prose)]) {
      findings.push(locate(field, value, hit, starts));
    }
  }
  return sortFindings(findings);
}
