/* NAP Drafter: a warning before leaving a page whose answers are not saved yet.
   For forms marked data-warn-unsaved: the browser asks before the page is left while
   what the form would send differs from what it held when the page opened, so undoing
   a change also undoes the warning. A form marked data-unsaved came back from the
   server unsaved (an error, an expired session): it counts as changed from the start.
   Sending that form itself never warns; any other way off the page does.
   The page works without this file. */
(function () {
  "use strict";

  function state(form) {
    return new URLSearchParams(new FormData(form)).toString();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var forms = Array.prototype.slice.call(document.querySelectorAll("form[data-warn-unsaved]"));
    if (!forms.length) { return; }
    var opened = forms.map(state);
    var sending = false;

    function changed() {
      return forms.some(function (form, index) {
        return form.hasAttribute("data-unsaved") || state(form) !== opened[index];
      });
    }

    document.addEventListener("submit", function (event) {
      if (forms.indexOf(event.target) !== -1) { sending = true; }
    });
    // Back from the next page out of the browser's cache: the answers sent are saved.
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) { sending = false; opened = forms.map(state); }
    });
    window.addEventListener("beforeunload", function (event) {
      // The language menu carries the answers across its reload (language.js).
      if (document.documentElement.hasAttribute("data-changing-language")) { return; }
      if (!sending && changed()) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
  });
})();
