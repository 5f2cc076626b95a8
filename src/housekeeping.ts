// Removes what has outlived its use: expired sessions, old login failures, forms kept past their day, and Baidu
// pushes done (or given up on) a month ago, posts to the public forms after two days, mail and 咨询留言 marked
// spam after three months, and the sender's address of a message after six.
import type { Store } from './store/store.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export function cleanUp(store: Store, now: Date) {
  const dayAgo = new Date(now.getTime() - DAY_MS);
  return {
    sessions: store.sessions.prune(now),
    loginFailures: store.loginFailures.prune(dayAgo),
    pendingPosts: store.pendingPosts.prune(dayAgo),
    baiduPushes: store.baiduPush.prune(new Date(now.getTime() - 30 * DAY_MS)),
    formAttempts: store.publicForms.prune(new Date(now.getTime() - 2 * DAY_MS)),
    mail: store.mailQueue.prune(new Date(now.getTime() - 90 * DAY_MS)),
    enquiries: store.enquiries.prune(new Date(now.getTime() - 90 * DAY_MS), new Date(now.getTime() - 180 * DAY_MS)),
  };
}

/** Cleans up now and every hour; the timer never keeps the process alive on its own. */
export function startHousekeeping(store: Store, now: () => Date): NodeJS.Timeout {
  cleanUp(store, now());
  const timer = setInterval(() => cleanUp(store, now()), 60 * 60 * 1000);
  timer.unref();
  return timer;
}
