// Paste from Word, WPS or a web page into the editor: the editor's script sends the clipboard's HTML here and puts
// the clean Markdown it gets back where the cursor is (without JavaScript, plain text is pasted as it is). The
// conversion runs in the worker thread .docx imports use: a huge or absurdly nested paste never holds up the site.
import type { Request, Response } from 'express';
import { convertInWorker } from '../content/word-import.js';

/** What a paste may hold: Word's HTML for a long report is large, but not this large. */
const MAX_HTML = 2 * 1024 * 1024;

export async function convertPastedHtml(_deps: unknown, req: Request, res: Response) {
  const html = typeof req.body?.html === 'string' ? String(req.body.html).slice(0, MAX_HTML) : '';
  const converted = await convertInWorker({ html });
  // The script pastes the plain text when this is not a 200.
  if ('error' in converted) return void res.status(400).type('text/plain; charset=utf-8').send('无法整理粘贴的内容，已按纯文本粘贴。');
  res.type('text/plain; charset=utf-8').send(converted.markdown);
}
