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
      if (event.type === "mention.created") notifyMention(payload);
      if (event.type === "sla.warning" || event.type === "sla.breached") onSla(event);
      if (event.type === "wellbeing.break_reminder") remindBreak(payload);
      emit("tawasol:event", event);
    };
    window.addEventListener("pagehide", function () { source.close(); });
  }

  // ---- Presence: the header's menu posts itself; other tabs and supervisors update it live. ----
  var presenceForm = document.getElementById("presence-form");
  function showPresence(value) {
    if (!presenceForm) return;
    var select = presenceForm.querySelector("select");
    if (select.querySelector('option[value="' + value + '"]')) select.value = value;
    presenceForm.dataset.state = value.split(":")[0];
  }
  if (presenceForm) {
    var presenceSelect = presenceForm.querySelector("select");
    var presenceButton = presenceForm.querySelector("[data-presence-submit]");
    if (presenceButton) presenceButton.hidden = true;
    var presenceBefore = presenceSelect.value;
    var presenceTimer = null;
    // Arrow keys on a closed menu fire "change" at each step: send only where the advisor stops.
    presenceSelect.addEventListener("change", function () {
      window.clearTimeout(presenceTimer);
      presenceTimer = window.setTimeout(sendPresence, 500);
    });
    function sendPresence() {
      var wanted = presenceSelect.value;
      if (wanted === presenceBefore) return;
      fetch(presenceForm.action, {
        method: "POST", credentials: "same-origin", body: new FormData(presenceForm),
        headers: { "x-requested-with": "fetch" }
      }).then(function (response) {
        if (response.status === 401) { window.location.reload(); return; }
        if (!response.ok) throw new Error(strings.failed);
        presenceBefore = wanted;
        showPresence(wanted);
        announce(presenceSelect.options[presenceSelect.selectedIndex].textContent);
      }).catch(function () {
        showPresence(presenceBefore);
        announce(strings.failed);
      });
    }
    window.addEventListener("tawasol:event", function (event) {
      var detail = event.detail || {};
      var payload = detail.payload || {};
      if (detail.type !== "presence.changed" || String(payload.user_id) !== presenceForm.dataset.userId) return;
      var value = payload.state === "on_break" && payload.break_kind ? "on_break:" + payload.break_kind : payload.state;
      presenceBefore = value;
      showPresence(value);
    });
  }

  // ---- Well-being: the routing engine reminds me of a break, or says it is now needed. ----
  var breakBanner = document.getElementById("break-reminder");
  function breakText(payload) {
    if (payload.enforced) return strings.breakEnforced || "";
    var minutes = payload.handling_minutes;
    var text = minutes === null || minutes === undefined ? strings.breakReminderLong
      : (strings.breakReminder || "").replace("{minutes}", Number(minutes));
    var limit = payload.enforced_after_minutes;
    if (limit !== null && limit !== undefined) text += " " + (strings.breakEnforcedAfter || "").replace("{minutes}", Number(limit));
    return text;
  }
  function hideBreakReminder(refocus) {
    if (!breakBanner || breakBanner.hidden) return;
    var hadFocus = breakBanner.contains(document.activeElement);
    breakBanner.hidden = true;
    if (hadFocus && refocus) refocus.focus();
  }
  function remindBreak(payload) {
    if (!breakBanner || !presenceForm || String(payload.user_id) !== presenceForm.dataset.userId) return;
    var text = breakText(payload);
    var holder = breakBanner.querySelector("[data-break-text]");
    breakBanner.dataset.enforced = payload.enforced ? "true" : "false";
    // Shown first, filled next: a live region is read out when its text changes, not when it appears.
    holder.textContent = "";
    breakBanner.hidden = false;
    window.setTimeout(function () { holder.textContent = text; }, 50);
  }
  if (breakBanner) {
    breakBanner.querySelector("[data-break-take]").addEventListener("click", function () {
      var menu = document.getElementById("presence-select");
      hideBreakReminder(null);
      if (!menu) return;
      menu.focus();
      // Open the menu (its break choices) where the browser allows it: a click is a user gesture.
      if (typeof menu.showPicker === "function") {
        try { menu.showPicker(); } catch (error) { /* focused: the arrow keys pick a break */ }
      }
    });
    breakBanner.querySelector("[data-break-dismiss]").addEventListener("click", function () {
      hideBreakReminder(document.getElementById("main"));
    });
    breakBanner.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.stopPropagation(); hideBreakReminder(document.getElementById("main")); }
    });
    window.addEventListener("tawasol:event", function (event) {
      var detail = event.detail || {};
      var payload = detail.payload || {};
      if (detail.type === "presence.changed" && payload.state === "on_break" && presenceForm &&
          String(payload.user_id) === presenceForm.dataset.userId) hideBreakReminder(null);
    });
  }

  // ---- Mentions: a colleague named me in a note (the event only reaches my own stream). ----
  var mentionBadge = document.getElementById("mention-badge");
  var notifications = document.getElementById("notifications");
  function notifyMention(payload) {
    if (mentionBadge) {
      var count = Number(mentionBadge.dataset.count || 0) + 1;
      mentionBadge.dataset.count = String(count);
      mentionBadge.firstChild.nodeValue = count > 99 ? "99+" : String(count);
      mentionBadge.hidden = false;
    }
    if (!notifications) return;
    var note = document.createElement("p");
    note.className = "notification mention-notification";
    note.textContent = (strings.mentioned || "{name}").replace("{name}", payload.author_name || "") +
      (payload.subject ? " — " + payload.subject : "") + " ";
    var link = document.createElement("a");
    link.href = "/conversations/" + Number(payload.conversation_id);
    link.textContent = strings.mentionedIn || "→";
    note.appendChild(link);
    notifications.appendChild(note);
    window.setTimeout(function () { note.remove(); }, 15000);
  }

  // ---- SLA: live warnings mark the row at once; the clock chips turn as time passes. ----
  var slaMarks = {};
  var slaRank = { ok: 0, at_risk: 1, breached: 2 };
  function markSla(row, state) {
    if (!row || (slaRank[row.dataset.sla] || 0) >= slaRank[state]) return;
    row.dataset.sla = state;
    var chip = row.querySelector(".sla-clock");
    if (chip) {
      chip.className = "chip sla-clock sla-" + state;
      var label = chip.querySelector(".sla-state");
      if (label) label.textContent = state === "breached" ? strings.slaStateBreached : strings.slaStateAtRisk;
    }
  }
  function applySlaMarks() {
    Object.keys(slaMarks).forEach(function (id) {
      markSla(list && list.querySelector('li.row[data-id="' + id + '"]'), slaMarks[id]);
    });
    var now = Date.now();
    Array.prototype.forEach.call(document.querySelectorAll("li.row [data-sla-due]"), function (chip) {
      var due = Date.parse(chip.dataset.slaDue);
      // Breaching is a fixed instant; the warning point is the policy's and arrives as sla.warning.
      if (due < now) markSla(chip.closest("li.row"), "breached");
    });
  }
  window.setInterval(applySlaMarks, 30000);
  applySlaMarks();
  if (list) new MutationObserver(applySlaMarks).observe(list, { childList: true });
  function onSla(event) {
    var payload = event.payload || {};
    if (!payload.conversation_id) return;
    var state = event.type === "sla.breached" ? "breached" : "at_risk";
    var id = String(payload.conversation_id);
    if ((slaRank[slaMarks[id]] || 0) < slaRank[state]) slaMarks[id] = state;
    applySlaMarks();
    if (list && list.querySelector('li.row[data-id="' + id + '"]')) announce(state === "breached" ? strings.slaBreached : strings.slaWarning);
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
    "t": function () { if (document.querySelector("[data-open-transfer]")) emit("tawasol:transfer"); },
    "p": function () { var menu = document.getElementById("presence-select"); if (menu) menu.focus(); },
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
