/* accord page scripts: the admin's dashboard (#accord-dashboard).
 *
 * The build reads no clock, so this decides, from the viewer's own date,
 * which signed agreements have a review due (from data-review-due-days
 * days before the row's data-review date) or overdue (after it), as the
 * C side's review_state_on does. It then recounts the states (the list
 * li[data-state] and the chart's rect[data-state] and label), says which
 * date the counts are for, marks the due rows, and adds a filter by state
 * and a sort above the table. Rows are the table's tbody rows, each with
 * data-state, data-review, data-mentee and data-mentor. The overview of a
 * program whose list is in parts has no table: its counts are the
 * build's, and data-reviews holds the review day of each signed agreement,
 * from which it counts the reviews due and overdue.
 */
(function (accord) {
  'use strict';

  const make = function (tag, cls, text) { return accord.dom.make(tag, cls, text); };
  const DAY = 86400000;

  // A YYYY-MM-DD day as a UTC time, or NaN.
  const dayTime = function (day) { return /^\d{4}-\d\d-\d\d$/.test(day) ? Date.parse(day + 'T00:00:00Z') : NaN; };

  // Today in the viewer's time zone, as a UTC time of that day.
  function today() {
    const d = new Date();
    return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  }

  // The state a row shows on the viewer's date: only a signed row can fall
  // due, so an ended one (data-state "ended", no data-review) never does.
  function shownState(state, review, now, dueDays) {
    const due = dayTime(review || '');
    if (state !== 'signed' || isNaN(due)) return state;
    if (now > due) return 'review-overdue';
    return now >= due - dueDays * DAY ? 'review-due' : state;
  }

  function init(root) {
    const dueDays = accord.config.count(root, 'data-review-due-days');
    const table = root.querySelector('table.agreement-table');
    const body = table && table.tBodies[0];
    const reviews = root.getAttribute('data-reviews');
    if (!body && reviews === null) throw new accord.ConfigError('the dashboard has no agreement table');
    const rows = body ? Array.from(body.rows) : [];
    const items = Array.from(root.querySelectorAll('ul.state-counts li[data-state]'));
    const words = new Map(items.map(function (li) {
      return [li.getAttribute('data-state'), li.textContent.replace(/^\s*\d+\s*/, '')];
    }));
    const now = today();

    // what each row shows on this date, and the counts
    const counts = new Map(items.map(function (li) { return [li.getAttribute('data-state'), 0]; }));
    let total = rows.length;
    if (!body) { // the overview: the build's counts, less the reviews that fell due
      total = 0;
      items.forEach(function (li) {
        const n = Number(li.querySelector('.count').textContent);
        counts.set(li.getAttribute('data-state'), n);
        total += n;
      });
      reviews.split(' ').filter(Boolean).forEach(function (day) {
        const state = shownState('signed', day, now, dueDays);
        if (state === 'signed') return;
        counts.set('signed', counts.get('signed') - 1);
        counts.set(state, (counts.get(state) || 0) + 1);
      });
    }
    rows.forEach(function (row) {
      const state = shownState(row.getAttribute('data-state'), row.getAttribute('data-review'), now, dueDays);
      row.setAttribute('data-shown', state);
      counts.set(state, (counts.get(state) || 0) + 1);
      if (state.startsWith('review-')) {
        const cell = row.querySelector('td.next-review');
        cell.appendChild(document.createTextNode(' '));
        cell.appendChild(make('span', 'due-tag due-' + state, state === 'review-due' ? 'due' : 'overdue'));
      }
    });
    items.forEach(function (li) {
      li.querySelector('.count').textContent = String(counts.get(li.getAttribute('data-state')));
    });
    const most = Math.max(1, ...counts.values());
    root.querySelectorAll('svg.state-chart rect[data-state]').forEach(function (bar) {
      bar.setAttribute('width', String(Math.floor((counts.get(bar.getAttribute('data-state')) || 0) * 100 / most)));
    });
    const chart = root.querySelector('svg.state-chart');
    if (chart) {
      chart.setAttribute('aria-label', 'Agreements by state: ' + items.map(function (li) {
        return counts.get(li.getAttribute('data-state')) + ' ' + words.get(li.getAttribute('data-state'));
      }).join(', '));
    }
    const date = root.querySelector('#counts-date');
    date.textContent = total + (total === 1 ? ' agreement' : ' agreements') +
      '. Counts for ' + accord.dom.day(now) +
      ', this computer’s date: a review is due from ' + dueDays + ' days before its date, and overdue after it.';

    if (!body) return;

    // filter and sort
    const controls = make('div', 'dashboard-controls');
    const show = document.createElement('select');
    show.id = 'dashboard-filter';
    show.appendChild(new Option('All states (' + rows.length + ')', ''));
    items.forEach(function (li) {
      const s = li.getAttribute('data-state');
      show.appendChild(new Option(words.get(s) + ' (' + counts.get(s) + ')', s));
    });
    const order = document.createElement('select');
    order.id = 'dashboard-sort';
    const keys = {
      agreement: function (r) { return (r.querySelector('.agreement-id') || r.cells[0]).textContent; },
      mentee: function (r) { return r.getAttribute('data-mentee'); },
      mentor: function (r) { return r.getAttribute('data-mentor'); },
      state: function (r) { return String(items.findIndex(function (li) { return li.getAttribute('data-state') === r.getAttribute('data-shown'); })).padStart(2, '0'); },
      review: function (r) { return r.getAttribute('data-review') || '9999'; }
    };
    [['agreement', 'Agreement'], ['mentee', 'Mentee'], ['mentor', 'Mentor'], ['state', 'State'], ['review', 'Next review']].forEach(function (o) {
      order.appendChild(new Option(o[1], o[0]));
    });
    controls.append(accord.dom.field('dashboard-filter', 'Show', '', show), accord.dom.field('dashboard-sort', 'Sort by', '', order));
    const shown = make('p', 'dashboard-shown');
    shown.id = 'dashboard-shown';
    shown.setAttribute('role', 'status');
    controls.appendChild(shown);
    table.before(controls);

    function apply() {
      const key = keys[order.value];
      rows.slice().sort(function (a, b) {
        return key(a).localeCompare(key(b)) || keys.agreement(a).localeCompare(keys.agreement(b));
      }).forEach(function (r) { body.appendChild(r); });
      let n = 0;
      rows.forEach(function (r) {
        r.hidden = show.value !== '' && r.getAttribute('data-shown') !== show.value;
        if (!r.hidden) n++;
      });
      shown.textContent = 'Showing ' + n + ' of ' + rows.length + '.';
    }
    show.addEventListener('change', apply);
    order.addEventListener('change', apply);
    apply();
  }

  accord.dashboard = { init: init };
})(window.accord);
