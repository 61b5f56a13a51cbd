// The console's shared behaviour: the live feed (SSE), the inbox list, keyboard shortcuts.
// Progressive: every link and form works without this file; it only spares the reloads.
// Customer text is never put into the page from here except as server-rendered fragments
// (escaped by the templates) or through textContent.
(function () {
  "use strict";

  var settings = JSON.parse(document.getElementById("console-config").textContent);
  var config = settings.config || {};
  var strings = settings.strings || {};
  var list = document.getElementById("inbox-list");
  var liveStatus = document.getElementById("live-status");
  var announcer = document.getElementById("announcer");
  var help = document.getElementById("shortcuts");

  function announce(text) {
    if (!announcer) return;
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = text; }, 50);
  }

  function emit(name, detail) {
    window.dispatchEvent(new CustomEvent(name, { detail: detail }));
  }

  // ---- The inbox list: "more" without a reload, and a refresh after each event. ----
  function rows() { return list ? list.querySelectorAll("li.row") : []; }

  function rowsUrl(extra) {
    var url = config.rowsUrl + "?" + config.query;
    if (config.conversationId) url += "&current=" + config.conversationId;
    return url + (extra || "");
  }

  var refreshTimer = null;
  function refreshList() {
    if (!list || refreshTimer) return;
    // Events come in bursts (a message, then its assignment): one fetch per burst.
    refreshTimer = window.setTimeout(function () {
      refreshTimer = null;
      var count = Math.min(Math.max(rows().length, config.pageSize || 30), 200);
      var focusedRow = list.contains(document.activeElement) ? document.activeElement.closest("li.row") : null;
      var focusedId = focusedRow ? focusedRow.dataset.id : null;
      fetch(rowsUrl("&limit=" + count), { credentials: "same-origin" }).then(function (response) {
        if (response.status === 401) { window.location.reload(); return null; }
        return response.ok ? response.text() : null;
      }).then(function (html) {
        if (html === null || html === undefined) return;
        var scroll = list.scrollTop;
        list.innerHTML = html;
        list.scrollTop = scroll;
        if (focusedId) {
          var again = list.querySelector('li.row[data-id="' + focusedId + '"] a');
          if (again) again.focus({ preventScroll: true });
        }
      });
    }, 300);
  }
  window.addEventListener("tawasol:list-stale", refreshList);

  if (list) {
    list.addEventListener("click", function (event) {
      var more = event.target.closest ? event.target.closest("a.more-link") : null;
      if (!more) return;
      event.preventDefault();
      more.textContent = strings.loading || "…";
      var url = more.dataset.rows + (config.conversationId ? "&current=" + config.conversationId : "");
      fetch(url, { credentials: "same-origin" }).then(function (response) {
        return response.ok ? response.text() : null;
      }).then(function (html) {
        if (html === null) { window.location.href = more.href; return; }
        more.closest("li").remove();
        list.insertAdjacentHTML("beforeend", html);
      });
    });
  }

  // ---- The live feed ----
  function setLive(live) {
    if (!liveStatus) return;
    liveStatus.dataset.state = live ? "live" : "offline";
    liveStatus.textContent = live ? strings.live : strings.offline;
  }

  if (window.EventSource) {
    var everOpened = false;
    var source = new EventSource("/events");
    source.onopen = function () {
      setLive(true);
      // Whatever happened while we were away is not replayed: read the state again.
      if (everOpened) { refreshList(); emit("tawasol:resync"); }
      everOpened = true;
    };
    source.onerror = function () { setLive(false); };
    source.onmessage = function (message) {
      var event;
      try { event = JSON.parse(message.data); } catch (error) { return; }
      var payload = event.payload || {};
      if (payload.conversation_id) refreshList();
      if (event.type === "message.created" && payload.kind === "message") announce(strings.newMessage);
      emit("tawasol:event", event);
    };
    window.addEventListener("pagehide", function () { source.close(); });
  }

  // ---- Keyboard ----
  function typing(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  function go(step) {
    var links = Array.prototype.slice.call(list ? list.querySelectorAll("li.row a.row-link") : []);
    if (!links.length) return;
    var current = links.findIndex(function (a) { return a.getAttribute("aria-current") === "page"; });
    var focused = links.indexOf(document.activeElement);
    var from = focused >= 0 ? focused : current;
    var next = from < 0 ? 0 : Math.min(Math.max(from + step, 0), links.length - 1);
    if (next !== from) window.location.href = links[next].href;
  }

  function showHelp() { if (help && !help.open) help.showModal(); }

  var keys = {
    "j": function () { go(1); },
    "k": function () { go(-1); },
    "/": function () { var search = document.getElementById("inbox-search"); if (search) search.focus(); },
    "?": showHelp,
    "r": function () { emit("tawasol:compose", "message"); },
    "n": function () { emit("tawasol:compose", "note"); },
    "e": function () { var button = document.getElementById("resolve-button"); if (button) button.click(); },
    "a": function () {
      var accept = document.querySelector('[data-copilot-action="accept"]:not([disabled])');
      if (accept) accept.click();
    }
  };

  // With an Arabic (or any non-Latin) layout active, j is "ت": fall back to the key's place.
  function physicalKey(event) {
    if (event.key.length !== 1 || /[ -~]/.test(event.key)) return null;
    if (/^Key[A-Z]$/.test(event.code)) return event.code.slice(3).toLowerCase();
    return event.code === "Slash" ? "/" : null;
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && typing(event.target)) { event.target.blur(); return; }
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (help && help.open) return;
    var action = keys[event.key] || keys[physicalKey(event)];
    if (!action) return;
    event.preventDefault();
    action();
  });

  Array.prototype.forEach.call(document.querySelectorAll("#help-button, [data-open-help]"), function (b) {
    b.addEventListener("click", showHelp);
  });
  Array.prototype.forEach.call(document.querySelectorAll("select[data-autosubmit]"), function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
})();
