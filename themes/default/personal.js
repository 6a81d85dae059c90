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
 * person's pages (a[data-personal-page]) keeps the key. A wrong, partial
 * or missing key shows one plain message and nothing else.
 */
(function (accord) {
  'use strict';

  const INDEX = 'index.html';

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

    function show() {
      view.replaceChildren();
      accord.status.set(problem, '');
      const f = fragmentOf(window.location.hash);
      try {
        const key = accord.sealed.keyFromFragment(f.key);
        if (!pages.has(f.page)) throw new accord.Refused('this link names a page that is not among yours');
        const sealed = accord.minisign.fromBase64(pages.get(f.page), null);
        if (!sealed) throw new accord.Refused('the page is damaged');
        const bytes = accord.sealed.open(key, name + '/' + f.page, sealed);
        const doc = new DOMParser().parseFromString(new TextDecoder().decode(bytes), 'text/html');
        doc.querySelectorAll('script').forEach(function (s) { s.remove(); });
        doc.querySelectorAll('a[data-personal-page]').forEach(function (a) {
          a.setAttribute('href', f.key + '&p=' + encodeURIComponent(a.getAttribute('data-personal-page')));
        });
        Array.from(doc.body.childNodes).forEach(function (n) { view.appendChild(document.adoptNode(n)); });
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

  accord.personal = { init: init };
})(window.accord);
