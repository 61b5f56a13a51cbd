// The open conversation: sending replies and notes, actions (assign, resolve, tags) through
// the JSON API with the CSRF header, and live updates of the header and the timeline.
(function () {
  "use strict";

  var root = document.querySelector(".conversation");
  if (!root) return;
  var settings = JSON.parse(document.getElementById("console-config").textContent);
  var strings = settings.strings || {};
  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
  var conversationId = Number(root.dataset.conversationId);
  var timeline = document.getElementById("timeline");
  var scroller = document.querySelector(".timeline-wrap");
  var headerSlot = document.getElementById("conversation-header-slot");
  var statusLine = document.getElementById("action-status");
  var composer = document.getElementById("composer");

  function say(text, isError) {
    if (!statusLine) return;
    statusLine.hidden = !text;
    statusLine.textContent = text || "";
    statusLine.classList.toggle("error", !!isError);
  }

  function api(method, path, body) {
    var options = {
      method: method, credentials: "same-origin",
      headers: { "x-csrf-token": csrf, "accept": "application/json" }
    };
    if (body !== undefined) {
      options.headers["content-type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(root.dataset.api + path, options).then(function (response) {
      if (response.ok) return response;
      if (response.status === 401) window.location.reload();
      var message = response.status === 403 ? strings.forbidden
        : response.status === 409 ? strings.conflict : strings.failed;
      throw new Error(message);
    });
  }

  // ---- Email frames: as tall as their content (same origin, scripts still forbidden). ----
  function fit(frame) {
    try {
      var doc = frame.contentDocument;
      if (doc && doc.documentElement) frame.style.blockSize = (doc.documentElement.scrollHeight + 4) + "px";
    } catch (error) { /* keep the default height */ }
  }
  function fitFrames(scope) {
    Array.prototype.forEach.call(scope.querySelectorAll("iframe.email-frame"), function (frame) {
      frame.addEventListener("load", function () { fit(frame); });
      fit(frame);
    });
  }

  function nearBottom() {
    return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 120;
  }
  function toBottom() { scroller.scrollTop = scroller.scrollHeight; }

  // ---- Fragments ----
  function lastId() {
    var entries = timeline.querySelectorAll("li.entry");
    return entries.length ? entries[entries.length - 1].dataset.id : "";
  }

  var loadingTimeline = null;
  var queuedLoad = null;
  function loadNewEntries() {
    if (loadingTimeline) {
      // The load under way may have started before the caller's change (a message just sent):
      // run one more when it ends instead of reusing its answer.
      if (!queuedLoad) {
        var again = function () { queuedLoad = null; return loadNewEntries(); };
        queuedLoad = loadingTimeline.then(again, again);
      }
      return queuedLoad;
    }
    var stick = nearBottom();
    loadingTimeline = fetch(root.dataset.timelineUrl + "?after=" + lastId(), { credentials: "same-origin" })
      .then(function (response) {
        if (response.status === 401) window.location.reload();
        return response.ok ? response.text() : "";
      })
      .then(function (html) {
        loadingTimeline = null;
        if (!html.trim()) return;
        var holder = document.createElement("ol");
        holder.innerHTML = html;
        Array.prototype.slice.call(holder.children).forEach(function (entry) {
          if (!document.getElementById(entry.id)) timeline.appendChild(entry);
        });
        fitFrames(timeline);
        if (stick) toBottom();
      }, function () { loadingTimeline = null; });
    return loadingTimeline;
  }

  // Entries rewritten on the server (personal data masked under the client's policy): the
  // entries from that message on are fetched again and replace those shown.
  function reloadFrom(messageId) {
    return fetch(root.dataset.timelineUrl + "?after=" + (messageId - 1), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        var holder = document.createElement("ol");
        holder.innerHTML = html;
        Array.prototype.slice.call(holder.children).forEach(function (entry) {
          var shown = document.getElementById(entry.id);
          if (shown) shown.replaceWith(entry);
        });
        fitFrames(timeline);
      });
  }

  function reloadHeader() {
    return fetch(root.dataset.summaryUrl, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null) return;
        var focusedName = document.activeElement && document.activeElement.id;
        headerSlot.innerHTML = html;
        if (focusedName) { var again = document.getElementById(focusedName); if (again) again.focus(); }
      });
  }

  // ---- Composer ----
  function mode() {
    var checked = composer && composer.querySelector('input[name="kind"]:checked');
    return checked ? checked.value : "message";
  }
  function showMode() { if (composer) composer.classList.toggle("note-active", mode() === "note"); }

  if (composer) {
    var text = composer.querySelector("textarea");
    var send = composer.querySelector('button[type="submit"]');
    composer.addEventListener("change", showMode);
    text.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        composer.requestSubmit();
      }
    });
    composer.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!text.value.trim()) return;
      send.disabled = true;
      say(strings.sending);
      api("POST", "/messages", { kind: mode(), text: text.value }).then(function () {
        text.value = "";
        say(strings.sent);
        window.setTimeout(function () { say(""); }, 2500);
        return loadNewEntries().then(toBottom);
      }).catch(function (error) { say(error.message, true); })
        .then(function () { send.disabled = false; });
    });
    window.addEventListener("tawasol:compose", function (event) {
      var radio = composer.querySelector('input[name="kind"][value="' + event.detail + '"]');
      if (!radio) return;
      radio.checked = true;
      showMode();
      text.focus();
    });
  }

  // ---- Actions in the header (assign, status, tags); the slot is re-rendered after each. ----
  headerSlot.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.dataset.apiPath) return;
    event.preventDefault();
    var path = form.dataset.apiPath, method = "POST", body;
    if (form.dataset.tag !== undefined) {
      method = "DELETE";
      path += encodeURIComponent(form.dataset.tag);
    } else if (form.hasAttribute("data-tags-input")) {
      var words = form.querySelector('input[name="add"]').value.split(",");
      body = { tags: words.map(function (w) { return w.trim(); }).filter(Boolean) };
    } else {
      body = JSON.parse(form.dataset.apiBody);
    }
    api(method, path, body).then(function () {
      say("");
      emit();
      return reloadHeader();
    }).catch(function (error) { say(error.message, true); });
  });

  function emit() { window.dispatchEvent(new CustomEvent("tawasol:list-stale")); }

  // ---- Live ----
  window.addEventListener("tawasol:event", function (event) {
    var payload = event.detail.payload || {};
    if (payload.conversation_id !== conversationId) return;
    if (event.detail.type === "message.created") loadNewEntries();
    else if (event.detail.type === "message.redacted") reloadFrom(Number(payload.message_id));
    else reloadHeader();
  });
  window.addEventListener("tawasol:resync", function () { loadNewEntries(); reloadHeader(); });

  fitFrames(timeline);
  toBottom();
  showMode();
})();
