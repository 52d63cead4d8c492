/* NAP Drafter: the workshop dashboard refreshes its table of teams and sorts it in place.
   Without this file the page still works: its headers sort on the server, and a link
   reloads it. */
(function () {
  "use strict";

  var container = document.querySelector("[data-poll]");
  if (!container) { return; }
  var status = document.querySelector("[data-poll-status]");
  var seconds = parseInt(container.getAttribute("data-poll-seconds"), 10) || 5;
  var params = new URLSearchParams(window.location.search);
  var sortKey = params.get("sort") || "name";
  var descending = sortKey !== "name";
  var lastHtml = null;

  function columnOf(table, key) {
    var headers = table.querySelectorAll("thead th");
    for (var i = 0; i < headers.length; i += 1) {
      if (headers[i].getAttribute("data-sort-key") === key) { return i; }
    }
    return -1;
  }

  function valueOf(row, column) {
    var cell = row.children[column];
    var value = cell ? cell.getAttribute("data-value") || "" : "";
    var number = parseFloat(value);
    return value !== "" && !isNaN(number) && /^[-0-9.]+$/.test(value) ? number : value;
  }

  function applySort() {
    var table = container.querySelector("table[data-sortable]");
    if (!table) { return; }
    var column = columnOf(table, sortKey);
    if (column < 0) { return; }
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = valueOf(a, column), y = valueOf(b, column);
      var order = x < y ? -1 : (x > y ? 1 : 0);
      if (order === 0) { order = valueOf(a, 0) < valueOf(b, 0) ? -1 : 1; return order; }
      return descending ? -order : order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    table.querySelectorAll("thead th[data-sort-key]").forEach(function (th) {
      if (th.getAttribute("data-sort-key") === sortKey) {
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      } else {
        th.removeAttribute("aria-sort");
      }
    });
  }

  container.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-sort]");
    if (!link) { return; }
    event.preventDefault();
    var key = link.getAttribute("data-sort");
    descending = key === sortKey ? !descending : key !== "name";
    sortKey = key;
    params.set("sort", key);
    window.history.replaceState(null, "", "?" + params.toString());
    applySort();
  });

  function busy() {
    // Never swap the table under someone renaming a team or using its menu.
    return container.querySelector("details[open]") ||
      (document.activeElement && container.contains(document.activeElement) &&
       document.activeElement.matches("input, select, textarea, button, summary"));
  }

  function say(text) { if (status) { status.textContent = text; } }

  // A 24-hour clock, as every time the server writes ("1 Dec 2026, 14:05"): the
  // browser's toLocaleTimeString() said "2:05:09 PM" beside them in English.
  function clock(now) {
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return two(now.getHours()) + ":" + two(now.getMinutes()) + ":" + two(now.getSeconds());
  }

  function refresh() {
    if (busy() || document.hidden) { return; }
    var url = container.getAttribute("data-poll") + "?sort=" + encodeURIComponent(sortKey);
    fetch(url, {cache: "no-cache", credentials: "same-origin"})
      .then(function (response) {
        // Redirected means the log-in page (the session ended): never put a whole page
        // into the table.
        if (response.redirected) { throw new Error("signed-out"); }
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.text();
      })
      .then(function (html) {
        if (html !== lastHtml && !busy()) {
          lastHtml = html;
          container.innerHTML = html;
          applySort();
        }
        say(container.getAttribute("data-updated-label") + " " + clock(new Date()));
      })
      .catch(function (error) {
        say(container.getAttribute(error && error.message === "signed-out" ?
                                   "data-signed-out-label" : "data-failed-label"));
      });
  }

  applySort();
  window.setInterval(refresh, seconds * 1000);
}());
