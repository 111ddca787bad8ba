// Every visible text's colour against the background it is drawn on (the nearest ancestor's opaque colour, with
// translucent ones blended over it), as the browser computed them; answers the pairs under WCAG 2.2 AA:
// 4.5:1, or 3:1 for large text (24px, or 18.66px bold). Run by AccessibilityBrowserTest through WebDriver.
function parse(c) {
  var m = c.match(/rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/);
  return m ? [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]] : [0, 0, 0, 0];
}
function over(top, bottom) {
  var a = top[3];
  return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
}
function background(el) {
  var layers = [];
  for (var e = el; e; e = e.parentElement) {
    var c = parse(getComputedStyle(e).backgroundColor);
    if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
  }
  var bg = [255, 255, 255, 1];
  for (var i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
  return bg;
}
function luminance(c) {
  var f = function (v) { v = v / 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
}
function ratio(a, b) {
  var x = luminance(a), y = luminance(b);
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}
function name(el) {
  return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string'
      ? '.' + el.className.trim().split(/\s+/).join('.') : '');
}
var failures = [];
var checked = 0;
var all = document.body.querySelectorAll('*');
for (var i = 0; i < all.length; i++) {
  var el = all[i];
  var own = '';
  for (var n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 3) own += n.nodeValue;
  if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') own = el.value || own;
  own = own.trim();
  if (!own || el.getClientRects().length === 0) continue;
  var style = getComputedStyle(el);
  if (style.visibility === 'hidden' || parseFloat(style.opacity) === 0) continue;
  var rect = el.getBoundingClientRect();
  if (rect.right < 0 || rect.bottom < 0 || rect.width <= 1 || rect.height <= 1) continue; // moved out of sight
  var fg = parse(style.color);
  var bg = background(el);
  var text = over(fg, bg);
  var size = parseFloat(style.fontSize);
  var large = size >= 24 || (size >= 18.66 && parseInt(style.fontWeight, 10) >= 700);
  var needed = large ? 3 : 4.5;
  var r = ratio(text, bg);
  checked++;
  if (r < needed) {
    failures.push(name(el) + ' "' + own.substring(0, 40) + '" ' + r.toFixed(2) + ':1 < ' + needed + ':1 (' + style.color
        + ' on rgb(' + bg.slice(0, 3).map(Math.round).join(', ') + '))');
  }
}
return {checked: checked, failures: failures};
