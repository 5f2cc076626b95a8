// Paste from Word, WPS or a web page into the editor: the editor's script sends the clipboard's HTML here and puts
// the clean Markdown it gets back where the cursor is (without JavaScript, plain text is pasted as it is).
import type { Request, Response } from 'express';
import { wordHtmlToMarkdown } from '../lib/word-markdown.js';

/** What a paste may hold: Word's HTML for a long report is large, but not this large. */
const MAX_HTML = 2 * 1024 * 1024;

export function convertPastedHtml(_deps: unknown, req: Request, res: Response) {
  const html = typeof req.body?.html === 'string' ? String(req.body.html).slice(0, MAX_HTML) : '';
  res.type('text/plain; charset=utf-8').send(wordHtmlToMarkdown(html));
}
