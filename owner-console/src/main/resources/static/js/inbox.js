// The inbox pages, live: when the console's feed (/live, Server-Sent Events) says a conversation changed, the
// list of threads (or the open thread's messages) is fetched again and swapped in place. Without EventSource, or
// while the feed is down, the page reloads itself every 30 seconds instead. Quick-reply "write" buttons fill the
// reply box (without this script they stay hidden and the "send" buttons still work).
(function () {
  'use strict';

  var main = document.getElementById('main');
  if (!main) {
    return;
  }
  var part = main.getAttribute('data-refresh');
  var phone = main.getAttribute('data-phone');
  var status = document.getElementById('live-status');
  var fallback = null;
  var pending = null;

  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }

  function refresh() {
    if (pending) {
      return;
    }
    pending = setTimeout(function () {
      pending = null;
      fetch(window.location.pathname, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
        .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
        .then(function (html) {
          var fresh = new DOMParser().parseFromString(html, 'text/html');
          var next = fresh.getElementById(part);
          var current = document.getElementById(part);
          if (next && current) {
            current.replaceWith(next);
          } else if (next || current) {
            window.location.reload();
          }
        })
        .catch(function () { window.location.reload(); });
    }, 200);
  }

  function concerns(event) {
    if (!phone) {
      return true;
    }
    var data = event.data || '';
    try {
      var parsed = JSON.parse(data);
      var subject = parsed.phone || parsed.subject || (parsed.thread && parsed.thread.phone);
      return !subject || subject === phone;
    } catch (notJson) {
      return data.indexOf(phone) >= 0;
    }
  }

  function reloadEvery30s() {
    if (!fallback) {
      fallback = setInterval(function () { window.location.reload(); }, 30000);
    }
  }

  if (part && main.getAttribute('data-live') && window.EventSource) {
    var source = new EventSource(main.getAttribute('data-live'));
    source.addEventListener('conversation', function (event) {
      if (concerns(event)) {
        refresh();
      }
    });
    source.addEventListener('open', function () {
      say('');
      if (fallback) {
        clearInterval(fallback);
        fallback = null;
        refresh();
      }
    });
    source.addEventListener('error', function () {
      say(main.getAttribute('data-offline') || '');
      reloadEvery30s();
    });
  } else if (part) {
    reloadEvery30s();
  }

  var box = document.getElementById('reply-body');
  Array.prototype.forEach.call(document.querySelectorAll('button.fill-reply'), function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      if (box && !box.disabled) {
        box.value = button.getAttribute('data-body');
        box.focus();
      }
    });
  });
}());
