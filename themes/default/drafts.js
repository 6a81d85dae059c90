/* accord page scripts: drafts kept in this browser (localStorage).
 *
 * A draft holds every named control of the form, shown or hidden, so that
 * hiding a question and showing it again (or reloading) loses nothing the
 * person typed. It is stored as JSON {saved, fields} under
 * "accord-draft:<agreement, or idp-<party>>:<role>:<digest>", so a new
 * version of the questionnaire starts afresh. Nothing leaves the browser.
 * A form on a person's own pages keeps no draft at all (none()).
 *
 * Stored JSON is data like any file: its "fields" become a Map at once,
 * taken from the object's own properties only.
 */
(function (accord) {
  'use strict';

  // The [key, value] pairs of a parsed JSON object's own properties: never
  // its prototype's, and "__proto__" as the plain key it is in JSON.
  function ownEntries(obj) {
    return Object.keys(obj).map(function (k) { return [k, obj[k]]; });
  }

  // The value of a parsed JSON object's own property key, or undefined.
  function ownValue(obj, key) {
    return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
  }

  function hhmm(d) {
    return String(d.getHours()).padStart(2, '0') + ':' + String(d.getMinutes()).padStart(2, '0');
  }

  function controls(form) {
    return Array.from(form.querySelectorAll('input[name], textarea[name]')).filter(function (i) {
      return i.type !== 'file';
    });
  }

  // A Map from control name (the question id, or "<id>.other", "<id>.note")
  // to its value, or to the checked values of a checkbox group.
  function formState(form) {
    const fields = new Map();
    controls(form).forEach(function (i) {
      if (i.type === 'checkbox') {
        if (!fields.has(i.name)) fields.set(i.name, []);
        if (i.checked) fields.get(i.name).push(i.value);
      } else if (i.type === 'radio') {
        if (i.checked) fields.set(i.name, i.value);
      } else if (i.value !== '') {
        fields.set(i.name, i.value);
      }
    });
    return fields;
  }

  // fields: a Map as formState returns it.
  function applyState(form, fields) {
    controls(form).forEach(function (i) {
      if (!fields.has(i.name)) return;
      const v = fields.get(i.name);
      if (i.type === 'checkbox') i.checked = Array.isArray(v) && v.includes(i.value);
      else if (i.type === 'radio') i.checked = v === i.value;
      else if (typeof v === 'string') i.value = v;
    });
  }

  // Adds to tools a "Clear my draft" button that asks first; calls
  // clear() when the person confirms.
  function clearTool(tools, clear) {
    const ask = accord.dom.button('clear-draft', 'Clear my draft', 'secondary');
    const confirm = accord.dom.make('div', 'clear-confirm');
    confirm.id = 'clear-confirm';
    confirm.hidden = true;
    const text = accord.dom.make('p', '', 'This removes every answer you have typed into this form in this browser. It cannot be undone.');
    text.id = 'clear-confirm-text';
    const yes = accord.dom.button('clear-draft-yes', 'Yes, clear my draft', 'warning');
    yes.setAttribute('aria-describedby', text.id);
    const no = accord.dom.button('clear-draft-no', 'No, keep it', 'secondary');
    confirm.append(text, yes, no);
    tools.append(ask, confirm);
    ask.addEventListener('click', function () { confirm.hidden = false; ask.hidden = true; no.focus(); });
    no.addEventListener('click', function () { confirm.hidden = true; ask.hidden = false; ask.focus(); });
    yes.addEventListener('click', function () { confirm.hidden = true; ask.hidden = false; clear(); ask.focus(); });
  }

  accord.drafts = {
    clearTool: clearTool,

    // No drafts, for a form on a person's own pages: browser storage is
    // shared by every page of the site, so what they type is kept nowhere.
    none: function (statusEl) {
      const say = function () {
        accord.status.set(statusEl, 'On your own pages nothing you type is kept in this browser: sign or save your answers before you close this page.');
      };
      return { save: function () {}, clear: say, restore: say };
    },

    // The storage key of the draft of the form described by meta.
    key: function (meta) {
      const subject = meta.agreement ? meta.agreement : 'idp-' + meta.party;
      return 'accord-draft:' + subject + ':' + meta.role + ':' + meta.digest;
    },

    // The drafts of form under key, saying what happens in statusEl:
    // {save(), clear(), restore()}.
    create: function (form, key, statusEl) {
      const say = function (text) { accord.status.set(statusEl, text); };
      return {
        save: function () {
          const now = new Date();
          try {
            // stored as a JSON object of the fields, in the Map's order; a
            // prototype-less object takes any name as a plain key
            const record = Object.create(null);
            formState(form).forEach(function (v, k) { record[k] = v; });
            window.localStorage.setItem(key, JSON.stringify({ saved: now.toISOString(), fields: record }));
            say('Draft saved in this browser at ' + hhmm(now) + '.');
          } catch {
            // file:// in some browsers, private windows and full storage all end here
            say('This browser cannot keep a draft: export your answers before you close the page.');
          }
        },

        // Removes the stored draft and empties every control of the form.
        clear: function () {
          try { window.localStorage.removeItem(key); } catch { /* nothing stored, nothing to remove */ }
          controls(form).forEach(function (i) {
            if (i.type === 'checkbox' || i.type === 'radio') i.checked = false;
            else i.value = '';
          });
          say('Your draft was cleared. The form is empty.');
        },

        // Fills the form from the stored draft, if there is one.
        restore: function () {
          let raw = null;
          try { raw = window.localStorage.getItem(key); } catch { return; }
          if (!raw) {
            say('As you type, a draft is kept in this browser only; nothing is sent anywhere.');
            return;
          }
          let draft;
          try { draft = JSON.parse(raw); } catch { return; }
          if (!draft || typeof draft !== 'object') return;
          const fields = ownValue(draft, 'fields');
          if (typeof fields !== 'object' || fields === null) return;
          applyState(form, new Map(ownEntries(fields)));
          const when = new Date(ownValue(draft, 'saved'));
          say('Draft restored' + (isNaN(when) ? '.' : ' (saved in this browser at ' + hhmm(when) + ').'));
        }
      };
    }
  };
})(window.accord);
