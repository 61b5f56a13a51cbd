// The planner's live refresh: while a schedule is being generated in the background, reload
// the page when the solver's event arrives (console.js owns the EventSource and re-dispatches
// each event as "tawasol:event"). The page works without this file: a reload shows the state.
// A missed event (reconnection) is covered by a slow re-check while the page shows "pending".
(function () {
  "use strict";

  var status = document.getElementById("schedule-generation");
  if (!status || status.dataset.pending !== "1") return;
  var DONE = { "wfm.schedule_generated": true, "wfm.schedule_failed": true };
  var reloading = false;

  function reload() {
    if (reloading) return;
    reloading = true;
    var url = new URL(window.location.href);
    url.searchParams.delete("queued");  // the answer replaces the "queued" notice
    window.location.replace(url.toString());
  }

  window.addEventListener("tawasol:event", function (event) {
    var detail = event.detail || {};
    if (DONE[detail.type]) reload();
  });
  window.addEventListener("tawasol:resync", reload);
  window.setTimeout(reload, 30000);
})();
