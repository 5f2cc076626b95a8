// Paste from Word, WPS or a web page into the body: the clipboard's HTML is sent to the server, which answers with
// the same clean Markdown a .docx import gives (no fonts, colours, indents or empty lines; 一、 as a heading), put
// where the cursor is. Plain text pastes as usual; without this script the browser pastes the plain text.
// (A block of its own: the editor's other script has names of its own in the same page.)
{
  const body = document.getElementById('f-bodyMd');
  const form = document.getElementById('article-form');

  if (body && form) {
    body.addEventListener('paste', async (event) => {
      const html = event.clipboardData?.getData('text/html');
      const plain = event.clipboardData?.getData('text/plain') ?? '';
      if (!html) return;
      event.preventDefault();
      const [start, end] = [body.selectionStart, body.selectionEnd];
      let text = plain;
      try {
        const res = await fetch('/admin/convert/html', {
          method: 'POST', credentials: 'same-origin', body: new URLSearchParams({ _csrf: form.elements._csrf.value, html }),
        });
        if (res.ok && !res.redirected) text = await res.text();
      } catch {
        // offline or the session ended: the plain text goes in, nothing is lost
      }
      // Converted paragraphs are blocks: a blank line keeps them apart from the text around the cursor.
      if (text !== plain && /\n\n|^(?:#|[-*+] |\d+\. |\||>)/.test(text)) {
        const [before, after] = [body.value.slice(0, start), body.value.slice(end)];
        const gap = (edge) => (edge === '' || edge.endsWith('\n\n') ? '' : edge.endsWith('\n') ? '\n' : '\n\n');
        text = gap(before) + text + (after === '' || after.startsWith('\n\n') ? '' : after.startsWith('\n') ? '\n' : '\n\n');
      }
      body.setRangeText(text, start, end, 'end');
      body.dispatchEvent(new Event('input', { bubbles: true }));
    });
  }
}
