// Small real files for upload tests.
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/config.js';

/** A real 32×32 PNG: the one inside our favicon.ico (an ICO header of 22 bytes, then the PNG). */
export const PNG = new Uint8Array(fs.readFileSync(path.join(projectRoot, 'public', 'favicon.ico')).subarray(22));

export const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** The start of a .docx: a zip whose entries name [Content_Types].xml and word/. */
export const DOCX = new TextEncoder().encode('PK\u0003\u0004\u0014\u0000[Content_Types].xml....word/document.xml....');

export const HTML = new TextEncoder().encode('<html><body><script>alert(document.cookie)</script></body></html>');
