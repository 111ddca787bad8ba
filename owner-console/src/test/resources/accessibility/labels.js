// Every visible form control has an accessible name a screen reader announces: a <label>, aria-label or
// aria-labelledby with text; every button and link has text. Answers the ones without.
function text(id) {
  var el = document.getElementById(id);
  return el ? el.textContent.trim() : '';
}
function named(el) {
  if ((el.getAttribute('aria-label') || '').trim()) return true;
  var by = (el.getAttribute('aria-labelledby') || '').trim();
  if (by && by.split(/\s+/).map(text).join('').length > 0) return true;
  if (el.labels) for (var i = 0; i < el.labels.length; i++) if (el.labels[i].textContent.trim()) return true;
  if (el.tagName === 'BUTTON' || el.tagName === 'A') return el.textContent.trim().length > 0;
  return false;
}
var failures = [];
var controls = document.querySelectorAll('input:not([type=hidden]), select, textarea, button, a[href]');
for (var i = 0; i < controls.length; i++) {
  var el = controls[i];
  if (el.getClientRects().length === 0 && el.className.indexOf('skip-link') < 0) continue;
  if (!named(el)) failures.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.name ? '[name=' + el.name + ']' : ''));
}
return {checked: controls.length, failures: failures};
