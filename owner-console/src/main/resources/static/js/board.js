// The Today board, live: follows /live (Server-Sent Events) and updates the rows and counts in place; applies the
// status and time-window filters without a reload. The page works without this script (the filters are a GET form).
// EventSource reconnects by itself (after the server's retry:) and sends Last-Event-ID, so nothing is missed; while
// it is away the notice #live-status shows.
(function () {
  'use strict';

  var board = document.getElementById('board');
  if (!board || !window.EventSource) {
    return;
  }
  var HOUR = 3600 * 1000;
  var STARTED = 2 * HOUR;
  var labels = JSON.parse(board.getAttribute('data-labels') || '{}');
  var tbody = board.tBodies[0];
  var notice = document.getElementById('live-status');
  var heardAt = document.getElementById('live-heard-at');
  var empty = document.getElementById('board-empty');
  var form = document.getElementById('board-filters');
  var statusFilter = document.getElementById('filter-status');
  var hoursFilter = document.getElementById('filter-hours');
  var lastId = board.getAttribute('data-live-from') || '';
  var source = null;

  function label(kind, value) {
    return (labels[kind] && labels[kind][value]) || value;
  }

  var timeZone = board.getAttribute('data-time-zone') || undefined;

  // The time of the venue, like every other time on the page.
  function heard() {
    var now = new Date();
    try {
      heardAt.textContent = now.toLocaleTimeString(document.documentElement.lang || undefined,
          {timeZone: timeZone, hour12: false});
    } catch (unknownZone) {
      heardAt.textContent = now.toLocaleTimeString();
    }
  }

  function cell(className, text) {
    var td = document.createElement('td');
    td.className = className;
    td.setAttribute('data-label', label('column', className === 'state' ? 'status' : className));
    td.textContent = text;
    return td;
  }

  function render(row, data) {
    while (row.firstChild) {
      row.removeChild(row.firstChild);
    }
    var time = document.createElement('time');
    time.setAttribute('datetime', new Date(data.startsAt).toISOString());
    time.textContent = data.time;
    var timeCell = cell('time', '');
    timeCell.appendChild(time);
    row.appendChild(timeCell);

    var link = document.createElement('a');
    link.href = '/bookings/' + encodeURIComponent(data.reservationId);
    link.textContent = data.guestName ? data.guestName : '—';
    var guest = cell('guest', '');
    guest.appendChild(link);
    row.appendChild(guest);

    row.appendChild(cell('party', data.partySize === null || data.partySize === undefined ? '—' : String(data.partySize)));
    var badge = document.createElement('span');
    badge.className = 'status status-' + data.status;
    badge.textContent = label('status', data.status);
    var state = cell('state', '');
    state.appendChild(badge);
    row.appendChild(state);
    row.appendChild(cell('attempt', String(data.attempt)));
    row.appendChild(cell('channel', label('channel', data.channel)));
    row.appendChild(cell('changed', data.lastChange));
    row.setAttribute('data-status', data.status);
    row.setAttribute('data-starts', String(data.startsAt));
  }

  // A new row goes where its start time puts it (the rows are earliest first).
  function place(row, startsAt) {
    var rows = tbody.rows;
    for (var i = 0; i < rows.length; i++) {
      if (rows[i] !== row && Number(rows[i].getAttribute('data-starts')) > startsAt) {
        tbody.insertBefore(row, rows[i]);
        return;
      }
    }
    tbody.appendChild(row);
  }

  function upsert(data) {
    if (!data || !data.status) {
      return;
    }
    var row = document.getElementById('booking-' + data.reservationId);
    var isNew = !row;
    if (isNew) {
      row = document.createElement('tr');
      row.id = 'booking-' + data.reservationId;
    }
    var moved = isNew || row.getAttribute('data-starts') !== String(data.startsAt);
    render(row, data);
    if (moved) {
      place(row, data.startsAt);
    }
  }

  function inWindow(row, now, hours) {
    var startsAt = Number(row.getAttribute('data-starts'));
    return startsAt >= now - STARTED && startsAt < now + hours * HOUR;
  }

  // Rows outside the window are hidden and not counted; the status filter hides rows but every count stays.
  function refresh() {
    var now = Date.now();
    var hours = Number(hoursFilter.value);
    var status = statusFilter.value;
    var counts = {};
    var shown = 0;
    for (var i = 0; i < tbody.rows.length; i++) {
      var row = tbody.rows[i];
      var rowStatus = row.getAttribute('data-status');
      var within = inWindow(row, now, hours);
      if (within) {
        counts[rowStatus] = (counts[rowStatus] || 0) + 1;
      }
      var visible = within && (!status || status === rowStatus);
      row.hidden = !visible;
      if (visible) {
        shown++;
      }
    }
    var countElements = document.querySelectorAll('.counts .count');
    for (var j = 0; j < countElements.length; j++) {
      var element = countElements[j];
      element.textContent = String(counts[element.id.substring('count-'.length)] || 0);
    }
    empty.hidden = shown > 0;
  }

  function filtersChanged() {
    refresh();
    var query = new URLSearchParams();
    if (statusFilter.value) {
      query.set('status', statusFilter.value);
    }
    query.set('hours', hoursFilter.value);
    window.history.replaceState(null, '', '?' + query.toString());
  }

  function connect() {
    source = new EventSource('/live?lastEventId=' + encodeURIComponent(lastId));
    source.addEventListener('open', function () {
      notice.hidden = true;
      heard();
    });
    source.addEventListener('booking', function (event) {
      lastId = event.lastEventId || lastId;
      heard();
      upsert(JSON.parse(event.data));
      refresh();
    });
    source.addEventListener('conversation', function (event) {
      lastId = event.lastEventId || lastId;
      heard();
    });
    source.addEventListener('error', function () {
      notice.hidden = false;
      // CONNECTING: the browser retries by itself. CLOSED: it gave up (an answer that was not a stream, e.g. the
      // session ended): try again later from the last event seen.
      if (source.readyState === EventSource.CLOSED) {
        window.setTimeout(connect, 5000);
      }
    });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    filtersChanged();
  });
  statusFilter.addEventListener('change', filtersChanged);
  hoursFilter.addEventListener('change', filtersChanged);
  // The window moves with the clock.
  window.setInterval(refresh, 60 * 1000);
  connect();
}());
