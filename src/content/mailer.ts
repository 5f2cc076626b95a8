// Notification e-mail, sent in the background through the SMTP server in the settings: each message is queued in
// the database first, then sent with retries (1, 2, 4 … 128 minutes apart, about four hours in all) until it goes
// or has failed eight times; changing the SMTP settings gives failed mail another eight. A mail server that is down
// never delays the reader who wrote. Each message is claimed before sending, so two processes never both send it.
import { createTransport } from 'nodemailer';
import { readEnquirySettings } from '../lib/enquiry-settings.js';
import type { Store } from '../store/store.js';
import type { Logger } from '../web/log.js';

export const MAX_MAIL_ATTEMPTS = 8;
const MINUTE_MS = 60 * 1000;

type MailDeps = { store: Store; now: () => Date };

const retryDelay = (attempts: number) => Math.min(2 ** attempts * MINUTE_MS, 6 * 60 * MINUTE_MS);

/** Sends the mail that is due; how many went. */
export async function sendDueMail({ store, now }: MailDeps): Promise<number> {
  const settings = readEnquirySettings(store.settings.getAll());
  const due = store.mailQueue.due(now(), MAX_MAIL_ATTEMPTS);
  if (!settings.smtpHost || due.length === 0) return 0;
  const transport = createTransport({
    host: settings.smtpHost,
    port: Number(settings.smtpPort),
    secure: settings.smtpSecure === '1',
    // A password never crosses the network in the clear: with one, the server must offer STARTTLS (or use TLS).
    ...(settings.smtpUser ? { auth: { user: settings.smtpUser, pass: settings.smtpPassword }, requireTLS: settings.smtpSecure !== '1' } : {}),
    connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000,
  });
  let sent = 0;
  try {
    for (const mail of due) {
      if (!store.mailQueue.claim(mail.id, now(), new Date(now().getTime() + 10 * MINUTE_MS))) continue;
      try {
        await transport.sendMail({ from: settings.smtpFrom, to: mail.recipients, subject: mail.subject, text: mail.body });
        store.mailQueue.markSent(mail.id, now());
        sent++;
      } catch (err) {
        store.mailQueue.markFailed(mail.id, (err as Error).message, new Date(now().getTime() + retryDelay(mail.attempts)));
      }
    }
  } finally {
    transport.close();
  }
  return sent;
}

let running: Promise<number> | undefined;

/** Sends what is due now, in the background (or leaves the run already going alone). */
export function sendMailSoon(deps: MailDeps, log: Logger): Promise<number> {
  running ??= sendDueMail(deps)
    .catch((err: unknown) => {
      log.error({ err }, 'sending mail failed');
      return 0;
    })
    .finally(() => (running = undefined));
  return running;
}

/** Every minute; the timer never keeps the process alive on its own. */
export function startMailer(deps: MailDeps, log: Logger): NodeJS.Timeout {
  const timer = setInterval(() => void sendMailSoon(deps, log), MINUTE_MS);
  timer.unref();
  return timer;
}
