/* accord page scripts: a person's own pages, opened with their link
 * (#accord-personal).
 *
 * The page holds the person's pages sealed (div.sealed-page: data-page,
 * the file name, and data-sealed, base64), readable only with the link key
 * in the address's fragment ("#k=<key>", with "&p=<file>" for a page other
 * than index.html); browsers never send a fragment to the host. The page
 * opened (sealed.js) is the HTML of a page's content; it is parsed as an
 * inert document (its scripts, if any, never run), moved into this page,
 * and its parts are started (accord.start). A link to another of the
 * person's pages (a[data-personal-page]) keeps the key; a link to a sealed
 * file (a[data-personal-file], data-download its name) downloads it; an
 * item with data-review-from (YYYY-MM-DD) shows from that day on, by the
 * viewer's own date, and hides p.personal-none. accord.personal.file(name)
 * gives a sealed file's bytes to the parts of the opened page. A wrong,
 * partial or missing key shows one plain message and nothing else.
 */
(function (accord) {
  'use strict';

  const INDEX = 'index.html';
  const TYPES = { html: 'text/html', accord: 'application/zip' };
  let openFile = null;

  // Today in the viewer's time zone, as YYYY-MM-DD.
  function today() {
    const d = new Date();
    const two = function (n) { return String(n).padStart(2, '0'); };
    return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate());
  }

  // Shows the review steps due by today; hides "nothing to do" if any shows.
  function showDue(view) {
    const now = today();
    let any = false;
    view.querySelectorAll('li[data-review-from]').forEach(function (li) {
      if (li.getAttribute('data-review-from') <= now) {
        li.hidden = false;
        any = true;
      }
    });
    const none = view.querySelector('p.personal-none');
    if (none && any) none.hidden = true;
  }

  // The fragment's parts: {key (the "k=" part, with "#"), page}.
  function fragmentOf(hash) {
    const parts = hash.replace(/^#/, '').split('&');
    const k = parts.find(function (x) { return x.startsWith('k='); });
    const p = parts.find(function (x) { return x.startsWith('p='); });
    return { key: k ? '#' + k : '', page: p ? decodeURIComponent(p.slice(2)) : INDEX };
  }

  function init(root) {
    const name = accord.config.text(root, 'data-name');
    const pages = new Map(Array.from(root.querySelectorAll('div.sealed-page'), function (el) {
      return [el.getAttribute('data-page'), el.getAttribute('data-sealed') || ''];
    }));
    const view = accord.dom.make('div', 'personal-view');
    view.id = 'personal-view';
    root.appendChild(view);
    const problem = accord.status.box('personal-problem');
    root.appendChild(problem);

    // The bytes of sealed file `file`, opened with the key in the address.
    function open(file) {
      const key = accord.sealed.keyFromFragment(fragmentOf(window.location.hash).key);
      if (!pages.has(file)) throw new accord.Refused('this link names a page that is not among yours');
      const sealed = accord.minisign.fromBase64(pages.get(file), null);
      if (!sealed) throw new accord.Refused('the page is damaged');
      return accord.sealed.open(key, name + '/' + file, sealed);
    }
    openFile = open;

    function download(a) {
      const file = a.getAttribute('data-personal-file');
      try {
        const type = TYPES[file.replace(/^.*\./, '')] || 'application/octet-stream';
        accord.dom.download(open(file), a.getAttribute('data-download') || file, type);
      } catch (e) {
        if (!(e instanceof accord.Refused)) throw e;
        accord.status.tell(problem, ['The file could not be opened: ' + e.message + '.'], true);
      }
    }

    function show() {
      view.replaceChildren();
      accord.status.set(problem, '');
      const f = fragmentOf(window.location.hash);
      try {
        const doc = new DOMParser().parseFromString(new TextDecoder().decode(open(f.page)), 'text/html');
        doc.querySelectorAll('script').forEach(function (s) { s.remove(); });
        doc.querySelectorAll('a[data-personal-page]').forEach(function (a) {
          a.setAttribute('href', f.key + '&p=' + encodeURIComponent(a.getAttribute('data-personal-page')));
        });
        doc.querySelectorAll('a[data-personal-file]').forEach(function (a) {
          a.setAttribute('href', window.location.hash);
          a.addEventListener('click', function (ev) {
            ev.preventDefault();
            download(a);
          });
        });
        Array.from(doc.body.childNodes).forEach(function (n) { view.appendChild(document.adoptNode(n)); });
        showDue(view);
      } catch (e) {
        if (!(e instanceof accord.Refused)) throw e;
        view.replaceChildren();
        accord.status.tell(problem, ['Your pages could not be opened: ' + e.message + '.',
          'Open the whole link the program sent you. If it still does not work, ask the program for your link again.'], true);
        return;
      }
      const h1 = view.querySelector('h1');
      if (h1) document.title = h1.textContent.trim() + ' – ' + document.title.replace(/^.* – /, '');
      accord.start(view);
      window.scrollTo(0, 0);
    }

    // An in-page link (the skip link, say) changes the fragment to one
    // with no key: the page stays, and the address gets its key back.
    let last = window.location.hash;
    window.addEventListener('hashchange', function () {
      if (!fragmentOf(window.location.hash).key && fragmentOf(last).key) {
        history.replaceState(null, '', last);
        return;
      }
      last = window.location.hash;
      show();
    });
    show();
  }

  accord.personal = {
    init: init,
    // The bytes of a sealed file of the person's pages now open: a
    // Uint8Array, or an accord.Refused.
    file: function (name) {
      if (!openFile) throw new accord.Refused('no personal pages are open');
      return openFile(name);
    }
  };
})(window.accord);
