/* NAP Drafter: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  function nextIndex(tbody) {
    var max = -1;
    tbody.querySelectorAll("[name]").forEach(function (input) {
      var match = input.name.match(/-(\d+)-[^-]+$/);
      if (match) { max = Math.max(max, parseInt(match[1], 10)); }
    });
    return max + 1;
  }

  function addRow(fieldset) {
    var template = fieldset.querySelector("template[data-row-template]");
    var tbody = fieldset.querySelector("tbody");
    var index = nextIndex(tbody);
    var html = template.innerHTML.replace(/__INDEX__/g, String(index));
    tbody.insertAdjacentHTML("beforeend", html);
    var empty = fieldset.querySelector("[data-empty]");
    if (empty) { empty.hidden = true; }
    var row = tbody.lastElementChild;
    var first = row.querySelector("input:not([type=hidden]), select, textarea");
    if (first) { first.focus(); }
  }

  document.addEventListener("click", function (event) {
    var add = event.target.closest("[data-add-row]");
    if (add) {
      event.preventDefault();
      addRow(add.closest("[data-rows]"));
      return;
    }
    var remove = event.target.closest("[data-remove-row]");
    if (remove && remove.closest("tr[data-row]")) {
      event.preventDefault();
      var fieldset = remove.closest("[data-rows]");
      remove.closest("tr[data-row]").remove();
      var button = fieldset.querySelector("[data-add-row]");
      if (button) { button.focus(); }
      markDirty();
    }
  });

  // Warn before leaving a page with changes that have not been saved.
  var dirty = false;
  function markDirty() { dirty = true; }
  document.addEventListener("input", function (event) {
    if (event.target.closest("[data-wizard-form]")) { markDirty(); }
  });
  document.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) { event.preventDefault(); event.returnValue = ""; }
  });

  // Move focus to the error summary so that screen readers announce it.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-focus]");
    if (summary) { summary.focus(); }
  });
})();
