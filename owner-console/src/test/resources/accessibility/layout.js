// On a phone: nothing makes the page scroll sideways (a wide table scrolls inside its own box), and every control
// one taps outside running text is at least 24 by 24 CSS pixels (WCAG 2.2 target size, minimum).
var failures = [];
var width = document.documentElement.clientWidth;
if (document.documentElement.scrollWidth > width) {
  var widest = [];
  var all = document.body.querySelectorAll('*');
  for (var i = 0; i < all.length; i++) {
    var r = all[i].getBoundingClientRect();
    if (r.right > width + 1 && getComputedStyle(all[i]).position !== 'absolute') {
      widest.push(all[i].tagName.toLowerCase() + (all[i].id ? '#' + all[i].id : '') + ' ends at ' + Math.round(r.right));
    }
  }
  failures.push('the page is ' + document.documentElement.scrollWidth + 'px wide on a ' + width + 'px screen: '
      + widest.slice(0, 5).join('; '));
}
var targets = document.querySelectorAll('button, input:not([type=hidden]), select, textarea, nav a, a.button');
for (var j = 0; j < targets.length; j++) {
  var t = targets[j];
  if (t.getClientRects().length === 0) continue;
  var b = t.getBoundingClientRect();
  if (b.width < 24 || b.height < 24) {
    failures.push((t.tagName.toLowerCase() + (t.id ? '#' + t.id : '')) + ' is ' + Math.round(b.width) + 'x'
        + Math.round(b.height) + 'px');
  }
}
return {checked: targets.length, failures: failures};
