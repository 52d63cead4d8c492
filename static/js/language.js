/* NAP Drafter: the language menu.
   The menu is a form (a choice and a button: choosing alone changes nothing, as a select
   should). The page then comes back in the new language; what the person had typed in the page's other forms, not yet saved, is
   carried across that reload in sessionStorage (this tab only) and put back, and the form
   is marked unsaved again (unsaved.js still warns before leaving it). Passwords, files
   and CSRF tokens are never carried. Without this script the menu's button does the same
   switch, and typed answers are kept only if they were saved first. */
(function () {
  "use strict";

  var KEY = "drafter-carried-forms";
  var SKIP = { password: true, file: true, submit: true, button: true, reset: true, image: true };

  function carried(field) {
    return field.name && field.name !== "csrf_token" && !SKIP[field.type] && !field.disabled;
  }

  function snapshot(form) {
    var fields = [];
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!carried(field)) { return; }
      if (field.type === "checkbox" || field.type === "radio") {
        fields.push([field.name, field.value, field.checked]);
      } else if (field.tagName === "SELECT" && field.multiple) {
        fields.push([field.name, Array.prototype.filter.call(field.options, function (option) {
          return option.selected;
        }).map(function (option) { return option.value; }), null]);
      } else {
        fields.push([field.name, field.value, null]);
      }
    });
    return fields;
  }

  function forms(menu) {
    return Array.prototype.filter.call(document.forms, function (form) {
      return form !== menu && (form.method || "").toLowerCase() === "post" &&
        Array.prototype.some.call(form.elements, function (field) {
          return carried(field) && field.type !== "hidden";
        });
    });
  }

  function restore(form, fields) {
    var seen = {};
    fields.forEach(function (entry) {
      var name = entry[0], value = entry[1], checked = entry[2];
      var matches = Array.prototype.filter.call(form.elements, function (field) {
        return field.name === name && carried(field);
      });
      if (checked !== null) {
        matches.forEach(function (field) {
          if (field.value === value) { field.checked = checked; }
        });
        return;
      }
      var index = seen[name] || 0;
      seen[name] = index + 1;
      var field = matches.filter(function (item) {
        return item.type !== "checkbox" && item.type !== "radio";
      })[index];
      if (!field) { return; }
      if (Array.isArray(value)) {
        Array.prototype.forEach.call(field.options, function (option) {
          option.selected = value.indexOf(option.value) !== -1;
        });
      } else {
        field.value = value;
      }
    });
    form.setAttribute("data-unsaved", "");
  }

  document.addEventListener("DOMContentLoaded", function () {
    var menu = document.querySelector("form.language-menu");
    if (!menu) { return; }
    var here = location.pathname + location.search;

    var stored = null;
    try { stored = JSON.parse(sessionStorage.getItem(KEY) || "null"); } catch (error) { stored = null; }
    if (stored && stored.page === here) {
      sessionStorage.removeItem(KEY);
      var targets = forms(menu);
      stored.forms.forEach(function (fields, index) {
        if (targets[index]) { restore(targets[index], fields); }
      });
    }

    menu.addEventListener("submit", function () {
      var snapshots = forms(menu).map(snapshot);
      try {
        sessionStorage.setItem(KEY, JSON.stringify({ page: here, forms: snapshots }));
      } catch (error) { /* storage full or refused: the switch still happens */ }
      // Leaving for the same page in another language: not a reason to warn.
      document.documentElement.setAttribute("data-changing-language", "");
    });
  });
})();
