/* NAP Drafter: a download that is being prepared. Asks for the job's progress every
   second, shows it, and opens the download once the file is ready. Without this file
   the page refreshes itself (a <noscript> refresh), which gives the file once ready. */
(function () {
  "use strict";

  var box = document.querySelector("[data-job-progress]");
  if (!box) { return; }
  var bar = box.querySelector("progress");
  var message = box.querySelector("[data-job-message]");
  var hint = document.querySelector("[data-job-hint]");
  var progressUrl = box.getAttribute("data-progress-url");
  var downloadUrl = box.getAttribute("data-download-url");
  var pauseMs = 1000;

  function show(state) {
    message.textContent = state.message;
    if (state.total > 1) {
      bar.max = state.total;
      bar.value = state.done;
    }
  }

  function check() {
    fetch(progressUrl, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (response) { return response.json(); })
      .then(function (state) {
        show(state);
        if (state.ready) {
          bar.max = 1;
          bar.value = 1;
          if (hint) { hint.hidden = true; }
          box.setAttribute("data-job-ready", "");
          window.location.assign(downloadUrl);
        } else if (state.failed) {
          window.location.reload();  // the same URL now says what went wrong
        } else {
          window.setTimeout(check, pauseMs);
        }
      })
      .catch(function () { window.setTimeout(check, pauseMs * 3); });
  }

  window.setTimeout(check, pauseMs);
}());
