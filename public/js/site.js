// Small enhancements. Everything on the site works without them: the print button and the copy button appear
// only where they work, and the navigation folds away on narrow screens only when this script runs.
document.querySelectorAll('[data-print]').forEach((button) => {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
});

document.querySelectorAll('[data-copy]').forEach((button) => {
  if (!navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener('click', () => {
    navigator.clipboard.writeText(button.dataset.copy).then(() => {
      button.textContent = '已复制';
    }, () => {
      button.textContent = '请手动复制上面的网址';
    });
  });
});

const nav = document.querySelector('.site-nav');
const toggle = document.querySelector('[data-nav-toggle]');
if (nav && toggle) {
  toggle.hidden = false;
  nav.classList.add('collapsible');
  toggle.addEventListener('click', () => {
    const open = nav.classList.toggle('open');
    toggle.setAttribute('aria-expanded', String(open));
  });
}
