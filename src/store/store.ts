// One object holding every data-access module, prepared once per database connection.
import type { Db } from '../db/open.js';
import { adminArticleStore } from './admin-articles.js';
import { articleStore } from './articles.js';
import { auditStore } from './audit.js';
import { baiduPushStore } from './baidu-push.js';
import { columnStore } from './columns.js';
import { enquiryStore } from './enquiries.js';
import { findingStore } from './findings.js';
import { loginFailureStore } from './login-failures.js';
import { mailQueueStore } from './mail-queue.js';
import { pageStore } from './pages.js';
import { pendingPostStore } from './pending-posts.js';
import { publicFormStore } from './public-forms.js';
import { revisionStore } from './revisions.js';
import { sessionStore } from './sessions.js';
import { searchStore } from './search.js';
import { settingStore } from './settings.js';
import { siteChangeStore } from './site-changes.js';
import { uploadStore } from './uploads.js';
import { userStore } from './users.js';
import { wordingStore } from './wording.js';
import { workflowStore } from './workflow.js';

export function createStore(db: Db) {
  const ping = db.prepare('SELECT 1').pluck();
  return {
    articles: articleStore(db),
    adminArticles: adminArticleStore(db),
    audit: auditStore(db),
    baiduPush: baiduPushStore(db),
    columns: columnStore(db),
    enquiries: enquiryStore(db),
    findings: findingStore(db),
    loginFailures: loginFailureStore(db),
    mailQueue: mailQueueStore(db),
    pages: pageStore(db),
    pendingPosts: pendingPostStore(db),
    publicForms: publicFormStore(db),
    revisions: revisionStore(db),
    sessions: sessionStore(db),
    search: searchStore(db),
    settings: settingStore(db),
    siteChanges: siteChangeStore(db),
    uploads: uploadStore(db),
    users: userStore(db),
    wording: wordingStore(db),
    workflow: workflowStore(db),
    /** Runs `fn` in one transaction: all of its writes land, or none. */
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    /** True when the database answers a query. */
    isHealthy: () => {
      try {
        return ping.get() === 1;
      } catch {
        return false; // a closed or broken connection is exactly what the health check reports
      }
    },
  };
}

export type Store = ReturnType<typeof createStore>;
