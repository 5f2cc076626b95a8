// The editor's content checks while typing: a pause of a second sends the text to the server, which answers with
// the findings panel as HTML (the same the page shows after saving). 定位 selects the text a finding is about.
// Without this script the findings are shown on every save and preview.
const panel = document.querySelector('.findings-panel[data-check-url]');
const form = document.getElementById('article-form');
const FIELDS = ['title', 'subtitle', 'summary', 'bodyMd'];

if (panel && form && !form.querySelector('fieldset[disabled]')) {
  const body = panel.querySelector('.findings-body');
  let timer;
  let pending;
  const refresh = async () => {
    pending?.abort();
    pending = new AbortController();
    const data = new URLSearchParams({ _csrf: form.elements._csrf.value });
    for (const name of FIELDS) data.set(name, form.elements[name]?.value ?? '');
    if (panel.dataset.articleId) data.set('articleId', panel.dataset.articleId);
    try {
      const res = await fetch(panel.dataset.checkUrl, { method: 'POST', body: data, signal: pending.signal, credentials: 'same-origin' });
      // Sent to the login page: the session has ended. Saving keeps the text (it is offered again after logging in).
      if (res.redirected || !res.ok) body.innerHTML = '<p class="findings-summary">登录已过期，暂时无法自动检查；保存时会提示重新登录，填写的内容不会丢失。</p>';
      else body.innerHTML = await res.text();
    } catch {
      // aborted by newer typing, or offline: the panel keeps its last result and saving checks again
    }
  };
  form.addEventListener('input', (event) => {
    if (!FIELDS.includes(event.target.name)) return;
    clearTimeout(timer);
    timer = setTimeout(refresh, 1000);
  });
}

document.addEventListener('click', (event) => {
  const link = event.target.closest?.('.finding-locate');
  const field = link && document.getElementById(link.dataset.field);
  if (!field || typeof field.setSelectionRange !== 'function') return;
  event.preventDefault();
  field.focus();
  field.setSelectionRange(Number(link.dataset.start), Number(link.dataset.end));
});
