// The wallboard's live refresh: re-fetch the figures (a server-rendered, escaped fragment)
// after live events, at most once per burst, and every 30 s whatever happens. The page works
// without this file; it only spares the reloads. console.js owns the EventSource and
// re-dispatches each event as "tawasol:event", so the page opens a single connection.
(function () {
  "use strict";

  var panel = document.getElementById("wallboard-panel");
  if (!panel) return;
  var url = panel.dataset.panelUrl;
  var pending = null;
  var inFlight = false;

  function refresh() {
    if (inFlight) return;
    // A supervisor using a reassign form keeps their choice: wait until focus leaves it.
    if (panel.contains(document.activeElement) && document.activeElement.tagName === "SELECT") return;
    inFlight = true;
    fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (response.status === 401) { window.location.reload(); return null; }
      return response.ok ? response.text() : null;
    }).then(function (html) {
      if (html) panel.innerHTML = html;
    }).catch(function () { /* offline: the next tick tries again */ }).then(function () {
      inFlight = false;
    });
  }

  function soon() {
    if (pending) return;
    pending = window.setTimeout(function () { pending = null; refresh(); }, 1000);
  }

  window.addEventListener("tawasol:event", soon);
  window.addEventListener("tawasol:resync", soon);
  window.setInterval(refresh, 30000);
})();
