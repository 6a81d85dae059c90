/* accord page scripts: starts the parts that act on a page, in order.
 *
 * Loaded last. Every page loads the scripts; only a form page
 * (form.accord-form), the keys page (div.accord-keys), a mentor's own
 * questions page (div.accord-own-questions), the signing kit
 * (div.accord-kit), the countersign page (div.accord-countersign), the
 * admin's dashboard (div.accord-dashboard) and a person's pages
 * (div.accord-personal, which starts the parts of the page it opens
 * through accord.start) have anything for them to do. The form starts before
 * the review, so that on each edit the form settles the conditions before
 * the review recounts its flags. A part that cannot start (a page error
 * such as a missing data- attribute) leaves the page as it is without
 * script and says why in the console; the other parts still start.
 */
(function (accord) {
  'use strict';

  // Runs accord[name].init(el), reporting a page error in the console.
  function start(name, el) {
    try {
      accord[name].init(el);
    } catch (err) {
      if (err instanceof accord.ConfigError) console.error('accord ' + name + ': ' + err.message);
      else console.error(err);
    }
  }

  // Starts every part under root (the document, or a personal page just
  // opened).
  accord.start = function (root) {
    root.querySelectorAll('form.accord-form').forEach(function (form) {
      start('form', form);
      start('review', form);
      start('takeAnswers', form);
    });
    root.querySelectorAll('div.accord-keys').forEach(function (el) { start('keys', el); });
    root.querySelectorAll('div.accord-own-questions').forEach(function (el) { start('ownQuestions', el); });
    root.querySelectorAll('div.accord-kit').forEach(function (el) { start('kit', el); });
    root.querySelectorAll('div.accord-countersign').forEach(function (el) { start('countersign', el); });
    root.querySelectorAll('div.accord-personal').forEach(function (el) { start('personal', el); });
    root.querySelectorAll('div.accord-dashboard').forEach(function (el) { start('dashboard', el); });
  };

  accord.start(document);
})(window.accord);
