// The one Nunjucks environment: autoescaping on, small pure filters, URL helpers as globals.
import path from 'node:path';
import type { Express } from 'express';
import nunjucks from 'nunjucks';
import { FIELD_LABELS, FINDING_KINDS } from '../lib/checks/finding.js';
import { formatDate, formatPublished, isoBeijing } from '../lib/dates.js';
import { ENQUIRY_EVENT_LABELS } from '../lib/enquiries.js';
import { formatFileSize } from '../lib/file-types.js';
import { EVENT_LABELS, mayEnter, ROLE_LABELS, STATUS_LABELS } from '../lib/review-rules.js';
import { articlePath, columnPagePath, columnPath, pagePath, policeFilingUrl } from '../lib/urls.js';
import type { Assets } from './assets.js';

export function setUpViews(app: Express, viewsDir: string, assets: Assets, strict: boolean, siteUrl: string): void {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(viewsDir), {
    autoescape: true,
    throwOnUndefined: strict,
    trimBlocks: true,
    lstripBlocks: true,
  });
  env.addFilter('date', formatDate);
  env.addFilter('published', formatPublished);
  env.addFilter('isoDate', isoBeijing);
  env.addGlobal('asset', assets.url);
  env.addGlobal('siteUrl', siteUrl);
  // JSON-LD inside <script>: '<' escaped so no string in the data can close the element.
  env.addFilter('jsonLd', (value: unknown) => new nunjucks.runtime.SafeString(JSON.stringify(value).replace(/</g, '\\u003c')));
  env.addGlobal('articlePath', articlePath);
  env.addGlobal('columnPath', columnPath);
  env.addGlobal('columnPagePath', columnPagePath);
  env.addGlobal('pagePath', pagePath);
  env.addGlobal('policeFilingUrl', policeFilingUrl);
  env.addGlobal('mayEnter', mayEnter);
  env.addGlobal('roleLabels', ROLE_LABELS);
  env.addGlobal('statusLabels', STATUS_LABELS);
  env.addGlobal('eventLabels', EVENT_LABELS);
  env.addGlobal('findingKinds', FINDING_KINDS);
  env.addGlobal('fieldLabels', FIELD_LABELS);
  env.addGlobal('eventNames', ENQUIRY_EVENT_LABELS);
  env.addFilter('fileSize', formatFileSize);
  env.express(app);
  app.set('views', path.resolve(viewsDir));
}
