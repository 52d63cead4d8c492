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

  // A new row gets its id here, as the server would on saving it, so that another list
  // on the page can already choose it (an objective choosing a pillar added just now).
  function newId() {
    var bytes = new Uint8Array(5);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function showRows(fieldset) {
    var count = fieldset.querySelectorAll("tbody tr[data-row]").length;
    var table = fieldset.querySelector("[data-rows-table]");
    var empty = fieldset.querySelector("[data-empty]");
    if (table) { table.hidden = count === 0; }
    if (empty) { empty.hidden = count > 0; }
  }

  function addRow(fieldset) {
    var template = fieldset.querySelector("template[data-row-template]");
    var tbody = fieldset.querySelector("tbody");
    var index = nextIndex(tbody);
    var html = template.innerHTML.replace(/__INDEX__/g, String(index));
    tbody.insertAdjacentHTML("beforeend", html);
    var row = tbody.lastElementChild;
    var id = row.querySelector("input[type=hidden][name$='-id']");
    if (id && !id.value) { id.value = newId(); }
    showRows(fieldset);
    followChoices();
    watchLengths(row);
    var first = row.querySelector("input:not([type=hidden]), select, textarea");
    if (first) { first.focus(); }
  }

  document.addEventListener("click", function (event) {
    var add = event.target.closest("[data-add-row]");
    if (add) {
      event.preventDefault();
      addRow(add.closest("[data-rows]"));
      markDirty();
      return;
    }
    var remove = event.target.closest("[data-remove-row]");
    if (remove && remove.closest("tr[data-row]")) {
      event.preventDefault();
      var fieldset = remove.closest("[data-rows]");
      remove.closest("tr[data-row]").remove();
      showRows(fieldset);
      followChoices();
      var button = fieldset.querySelector("[data-add-row]");
      if (button) { button.focus(); }
      markDirty();
    }
  });

  // Choices among the rows of another list on the page (an objective's pillar): the
  // options follow that list's rows as they are typed, added and removed. A row still
  // chosen after it was removed stays as an option marked so, and the server says why
  // it cannot be saved; the choice is never dropped silently.
  var rowNames = {};  // the last name seen for each row id, to name a removed row

  function followChoices() {
    document.querySelectorAll("select[data-choices-from]").forEach(function (select) {
      var source = document.querySelector("[data-rows='" + select.dataset.choicesFrom + "']");
      if (!source) { return; }
      var label = select.dataset.choiceLabel || "name";
      var rows = [];
      source.querySelectorAll("tbody tr[data-row]").forEach(function (row) {
        var id = row.querySelector("input[type=hidden][name$='-id']");
        var name = row.querySelector("[name$='-" + label + "']");
        if (id && id.value) {
          rows.push([id.value, (name && name.value.trim()) || select.dataset.unnamed || ""]);
          rowNames[id.value] = rows[rows.length - 1][1];
        }
      });
      var chosen = select.value;
      var chosenText = select.selectedIndex >= 0 ? select.options[select.selectedIndex].textContent : "";
      var blank = select.options.length ? select.options[0].textContent : "";
      select.textContent = "";
      select.add(new Option(blank, ""));
      var present = false;
      rows.forEach(function (row) {
        select.add(new Option(row[1], row[0]));
        if (row[0] === chosen) { present = true; }
      });
      if (chosen && !present) {
        var removed = select.dataset.removed || "{name}";
        select.add(new Option(rowNames[chosen] ? removed.replace("{name}", rowNames[chosen])
                                              : chosenText, chosen));
      }
      select.value = chosen;
    });
  }

  document.addEventListener("input", function (event) {
    if (event.target.closest("[data-rows]") && event.target.matches("input, textarea")) {
      followChoices();
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

  // A count of characters under a text box once its limit is near. The limit is the
  // plan document's (data-maxlength): the browser is not told it as maxlength, which
  // would cut a long paste without a word; a text that is too long is refused on saving.
  var NEAR = 0.9;
  var number = new Intl.NumberFormat(document.documentElement.lang || undefined);

  function counter(box) {
    var id = box.id + "-count";
    var element = document.getElementById(id);
    if (!element) {
      element = document.createElement("p");
      element.id = id;
      element.className = "char-count";
      element.setAttribute("aria-live", "polite");
      box.insertAdjacentElement("afterend", element);
      var described = (box.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      described.push(id);
      box.setAttribute("aria-describedby", described.join(" "));
    }
    return element;
  }

  function showLength(box) {
    var limit = parseInt(box.dataset.maxlength, 10);
    var form = box.closest("[data-wizard-form]");
    if (!limit || !form) { return; }
    var length = box.value.replace(/\r\n/g, "\n").trim().length;
    var element = document.getElementById(box.id + "-count");
    if (length < limit * NEAR) {
      if (element) { element.hidden = true; }
      return;
    }
    element = counter(box);
    var over = length > limit;
    var text = over ? form.dataset.overText : form.dataset.countText;
    element.textContent = text.replace("{count}", number.format(length))
      .replace("{max}", number.format(limit)).replace("{over}", number.format(length - limit));
    element.classList.toggle("char-count-over", over);
    element.hidden = false;
  }

  function watchLengths(root) {
    root.querySelectorAll("[data-maxlength]").forEach(showLength);
  }

  document.addEventListener("input", function (event) {
    if (event.target.matches("[data-maxlength]")) { showLength(event.target); }
  });

  document.addEventListener("DOMContentLoaded", function () {
    // Move focus to the error summary so that screen readers announce it.
    var summary = document.querySelector("[data-focus]");
    if (summary) { summary.focus(); }
    followChoices();
    watchLengths(document);
  });
})();
