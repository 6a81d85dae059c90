/* accord page scripts: starts the parts that act on a page, in order.
 *
 * Loaded last. Every page loads the scripts; only a form page
 * (form.accord-form) has anything for them to do. The form starts before
 * the review, so that on each edit the form settles the conditions before
 * the review recounts its flags. A part that cannot start (a page error
 * such as a missing data- attribute) leaves the page as it is without
 * script and says why in the console; the other parts still start.
 */
(function (accord) {
  'use strict';

  const PARTS = ['form', 'review'];

  document.querySelectorAll('form.accord-form').forEach(function (form) {
    PARTS.forEach(function (name) {
      try {
        accord[name].init(form);
      } catch (err) {
        if (err instanceof accord.ConfigError) console.error('accord ' + name + ': ' + err.message);
        else console.error(err);
      }
    });
  });
})(window.accord);
