/* Tawasol web chat widget: one <script src=".../widget/KEY.js"> tag, no dependency.
 * Shadow DOM keeps the host page's CSS out. Every message gets a client id before it leaves,
 * waits in a pending queue (localStorage) until the server acknowledges it, and is resent
 * after a reconnect; the server deduplicates by that id. Advisor messages arrive over SSE and
 * are replayed from the last id seen, so nothing is lost or shown twice. Every text it shows
 * comes from the server's translation catalogue, in the visitor's language (config.strings). */
(function () {
  "use strict";
  if (window.__tawasolWidget) return;
  window.__tawasolWidget = true;

  var CSS = "__TAWASOL_WIDGET_CSS__";
  var PATTERN = /^(.*)\/widget\/([\w-]+)\.js(?:[?#].*)?$/;
  var me = document.currentScript;
  if (!me || !PATTERN.test(me.src)) {
    me = Array.prototype.find.call(document.scripts, function (s) { return PATTERN.test(s.src); });
  }
  if (!me) return;
  var found = me.src.match(PATTERN);
  var BASE = found[1], KEY = found[2], API = BASE + "/widget/" + KEY;
  var SITE = window.tawasolSettings || {};
  var STORE = "tawasol:" + KEY;
  // Every text comes from the server's catalogue (config.strings), in the visitor's language.
  var text = {}, languages = [];

  function pickLanguage(value) {
    var code = String(value || "").slice(0, 2).toLowerCase();
    return /^[a-z]{2}$/.test(code) ? code : null;
  }

  // ---- state kept across page loads: token, language, unacknowledged messages ----
  function load() {
    try { return JSON.parse(localStorage.getItem(STORE)) || {}; } catch (e) { return {}; }
  }
  var state = load();
  state.pending = state.pending || [];
  function save() {
    try { localStorage.setItem(STORE, JSON.stringify(state)); } catch (e) { /* private mode */ }
  }
  // A wish sent to the server, which answers with the language it has (else Accept-Language).
  var lang = pickLanguage(state.lang) || pickLanguage(SITE.language) || pickLanguage(navigator.language);
  function t(key, vars) {
    var value = text[key] === undefined ? "" : text[key];
    return value.replace(/%\((\w+)\)s/g, function (_, name) { return vars ? vars[name] : ""; });
  }
  function errorText(res) {
    var error = (res.data && res.data.error) || {};
    if (!res.status) return t("error_network");
    if ((res.code === "attachment_too_large" || res.code === "payload_too_large") && error.limit) {
      return t("tooLarge", { max: Math.floor(error.limit / 1024) });
    }
    return (res.code && text["error_" + res.code]) || t("error");
  }
  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  // ---- DOM: el(tag, attributes, children); i18n bindings re-applied on language change ----
  var bindings = [];
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (name.charAt(0) === "@") node.addEventListener(name.slice(1), value);
      else if (name.charAt(0) === "$") bindings.push([node, name.slice(1), value]);
      else if (name === "text") node.textContent = value;
      else node.setAttribute(name, value);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }
  function applyBindings() {
    bindings.forEach(function (b) {
      if (b[1] === "text") b[0].textContent = t(b[2]); else b[0].setAttribute(b[1], t(b[2]));
    });
  }
  function paperclip() {  // drawn, not an emoji: many systems lack an emoji font
    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 24 24"); svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("width", "20"); svg.setAttribute("height", "20");
    var path = document.createElementNS("http://www.w3.org/2000/svg", "path");
    path.setAttribute("d", "M16.5 6.5 8.6 14.4a2 2 0 0 0 2.8 2.8l7.9-7.9a4 4 0 0 0-5.7-5.7l-7.9 7.9a6 6 0 0 0 8.5 8.5l6.4-6.4");
    path.setAttribute("fill", "none"); path.setAttribute("stroke", "currentColor");
    path.setAttribute("stroke-width", "2"); path.setAttribute("stroke-linecap", "round");
    svg.appendChild(path);
    return svg;
  }
  function field(label, input) {
    return el("label", { class: "tw-field" }, [el("span", { $text: label }), input]);
  }
  var selects = [];
  function fillLanguages() {
    selects.forEach(function (select) {
      if (!select.options.length) {
        languages.forEach(function (l) {
          select.appendChild(el("option", { value: l.code, lang: l.code, text: l.name }));
        });
      }
      select.value = lang;
    });
  }
  function languageSelect(cls) {
    var select = el("select", { class: cls, "$aria-label": "language", "@change": function () {
      setLanguage(select.value);
    } });
    selects.push(select);
    return select;
  }

  var host = el("div", { id: "tawasol-chat" });
  var shadow = host.attachShadow({ mode: "open" });
  shadow.appendChild(el("style", { text: CSS }));
  var badge = el("span", { class: "tw-badge", "aria-hidden": "true", hidden: "" });
  var launcher = el("button", { type: "button", class: "tw-launcher", "aria-expanded": "false",
    "aria-controls": "tw-panel", "$aria-label": "open", "@click": function () { toggle(); } }, [
    el("span", { class: "tw-bubble-icon", "aria-hidden": "true" }), badge]);
  var title = el("h2", { id: "tw-title", class: "tw-title" });
  var notice = el("div", { class: "tw-notice", role: "status", "aria-live": "polite" });
  var headerLang = languageSelect("tw-lang");
  var transcriptButton = el("button", { type: "button", class: "tw-icon tw-transcript-open",
    "$aria-label": "transcript", $title: "transcript", hidden: "",
    "@click": function () { show("transcript"); } }, [el("span", { "aria-hidden": "true", text: "✉" })]);
  var closeButton = el("button", { type: "button", class: "tw-icon tw-close", "$aria-label": "close",
    "@click": function () { toggle(false); } }, [el("span", { "aria-hidden": "true", text: "×" })]);

  var nameInput = el("input", { name: "name", required: "", maxlength: "200", autocomplete: "name" });
  var emailInput = el("input", { name: "email", type: "email", maxlength: "254", autocomplete: "email" });
  var prechatLang = languageSelect("tw-prechat-lang");
  var prechat = el("form", { class: "tw-view tw-prechat", "@submit": onPrechat }, [
    el("p", { class: "tw-greeting", $text: "welcome" }),
    field("name", nameInput), field("email", emailInput), field("language", prechatLang),
    el("button", { type: "submit", class: "tw-primary", $text: "start" })]);

  var log = el("div", { class: "tw-log", role: "log", "aria-live": "polite", "$aria-label": "log",
    tabindex: "0" });
  var typing = el("div", { class: "tw-typing", "aria-live": "polite", hidden: "", $text: "typing" });
  var fileInput = el("input", { type: "file", hidden: "", accept: "image/png,image/jpeg,image/gif,image/webp,application/pdf",
    "@change": onFile });
  var textarea = el("textarea", { rows: "2", maxlength: "5000", $placeholder: "placeholder",
    "$aria-label": "message", "@keydown": onKey, "@input": onTyping });
  var chat = el("div", { class: "tw-view tw-chat" }, [log, typing,
    el("form", { class: "tw-composer", "@submit": onSend }, [
      el("button", { type: "button", class: "tw-icon tw-attach", "$aria-label": "attach",
        $title: "attach", "@click": function () { fileInput.click(); } }, [paperclip()]),
      fileInput, textarea,
      el("button", { type: "submit", class: "tw-primary tw-send", $text: "send" })])]);

  var offName = el("input", { name: "name", required: "", maxlength: "200", autocomplete: "name" });
  var offEmail = el("input", { name: "email", type: "email", required: "", maxlength: "254" });
  var offText = el("textarea", { name: "text", required: "", rows: "4", maxlength: "5000" });
  var offline = el("form", { class: "tw-view tw-offline", "@submit": onOffline }, [
    el("p", { class: "tw-greeting", $text: "offlineTitle" }), el("p", { $text: "offlineIntro" }),
    field("name", offName), field("emailRequired", offEmail), field("message", offText),
    el("button", { type: "submit", class: "tw-primary", $text: "leave" })]);

  var trEmail = el("input", { name: "email", type: "email", required: "", maxlength: "254" });
  var transcriptForm = el("form", { class: "tw-view tw-transcript", "@submit": onTranscript }, [
    el("p", { $text: "transcript" }), field("emailRequired", trEmail),
    el("div", { class: "tw-row" }, [
      el("button", { type: "button", class: "tw-secondary", $text: "cancel",
        "@click": function () { show("chat"); } }),
      el("button", { type: "submit", class: "tw-primary", $text: "transcriptAsk" })])]);

  var panel = el("div", { id: "tw-panel", class: "tw-panel", role: "dialog", "aria-labelledby": "tw-title",
    hidden: "", "@keydown": function (e) { if (e.key === "Escape") toggle(false); } }, [
    el("div", { class: "tw-header" }, [title, headerLang, transcriptButton, closeButton]),
    notice, prechat, chat, offline, transcriptForm]);
  var root = el("div", { class: "tw-root" }, [panel, launcher]);
  shadow.appendChild(root);
  var views = { prechat: prechat, chat: chat, offline: offline, transcript: transcriptForm };

  // ---- language, views, opening, unread badge ----
  var config = { title: "", limits: { max_attachment_bytes: 5242880 }, available: true };
  var unread = 0, isOpen = false, current = "prechat";
  function applyConfig(data) {
    config = data;
    text = data.strings || {}; languages = data.languages || [];
    lang = data.language;
    root.setAttribute("lang", lang);
    root.setAttribute("dir", data.direction === "rtl" ? "rtl" : "ltr");
    fillLanguages();
    applyBindings(); updateBadge();
    Array.prototype.forEach.call(log.querySelectorAll("[data-state]"), stateLabel);
    title.textContent = config.title;
    var greeting = prechat.querySelector(".tw-greeting");
    greeting.textContent = config.greeting || t("welcome");
    root.style.setProperty("--tw-brand", config.color);
  }
  function loadConfig(wanted) {
    return api("GET", "/availability" + (wanted ? "?lang=" + encodeURIComponent(wanted) : ""))
      .then(function (res) { if (res.ok) applyConfig(res.data); return res; });
  }
  function setLanguage(code) {  // the visitor's choice: kept, and the texts fetched in it
    state.lang = pickLanguage(code); save();
    return loadConfig(state.lang);
  }
  function show(name) {
    current = name;
    Object.keys(views).forEach(function (key) { views[key].hidden = key !== name; });
    transcriptButton.hidden = name !== "chat";
    if (isOpen) focusView();
  }
  function focusView() {
    var target = current === "chat" ? textarea : views[current].querySelector("input, textarea");
    if (target) target.focus();
  }
  function toggle(open) {
    isOpen = open === undefined ? !isOpen : open;
    panel.hidden = !isOpen;
    launcher.setAttribute("aria-expanded", String(isOpen));
    if (isOpen) { unread = 0; state.seen = lastId; save(); updateBadge(); focusView(); }
    else { launcher.focus(); }
  }
  function updateBadge() {
    badge.textContent = unread > 9 ? "9+" : String(unread);
    badge.hidden = unread === 0;
    launcher.setAttribute("aria-label", unread ? t("open") + " — " + t("unread", { n: unread }) : t("open"));
  }
  function say(text) { notice.textContent = text || ""; }

  // ---- HTTP: JSON in and out, errors as {ok:false, status, code, message} ----
  function api(method, path, body, form) {
    var headers = {};
    if (state.token) headers["X-Tawasol-Visitor"] = state.token;
    if (body && !form) headers["Content-Type"] = "application/json";
    return fetch(API + path, { method: method, headers: headers,
      body: form ? body : body ? JSON.stringify(body) : undefined })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          var error = data.error || {};
          return { ok: response.ok, status: response.status, data: data, code: error.code,
            message: error.message };
        });
      }, function () { return { ok: false, status: 0 }; });
  }

  // ---- messages: one bubble per message, found by server id or by client id ----
  var byId = {}, byClient = {}, lastId = 0, watched = [];
  function stateLabel(bubble) {
    var s = bubble.getAttribute("data-state"), meta = bubble.querySelector(".tw-state");
    if (meta) meta.textContent = s === "pending" ? t("pending") : s === "failed" ? t("failed") : t("sent");
  }
  function attachmentLinks(list) {
    return el("div", { class: "tw-files" }, (list || []).map(function (f) {
      var href = f.path ? BASE + f.path + "?token=" + encodeURIComponent(state.token || "") : null;
      var label = f.filename + (f.size ? " (" + t("kilobytes", { n: Math.ceil(f.size / 1024) }) + ")" : "");
      return href ? el("a", { href: href, target: "_blank", rel: "noopener", download: f.filename, text: label })
        : el("span", { text: label });
    }));
  }
  function bubble(m, who, status) {
    var time = m.created_at ? new Date(m.created_at) : new Date();
    var node = el("div", { class: "tw-msg tw-msg--" + who }, [
      el("span", { class: "tw-sr", text: who === "visitor" ? t("you") : (m.author_name || t("advisor")) }),
      m.text ? el("p", { class: "tw-text", dir: "auto", text: m.text }) : null,
      (m.files || m.attachments || []).length ? attachmentLinks(m.files || m.attachments) : null,
      el("span", { class: "tw-meta" }, [
        el("time", { datetime: time.toISOString(), text: time.toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit" }) }),
        who === "visitor" ? el("span", { class: "tw-state" }) : null])]);
    if (who === "visitor") { node.setAttribute("data-state", status); stateLabel(node); }
    // Stored messages go before those still waiting for their acknowledgement.
    log.insertBefore(node, status === "pending" ? null : log.querySelector('[data-state="pending"]'));
    log.scrollTop = log.scrollHeight;
    return node;
  }
  function confirmBubble(node, id) {
    node.setAttribute("data-state", "sent");
    node.setAttribute("data-id", String(id));
    byId[id] = node; stateLabel(node);
  }
  function receive(m) {
    lastId = Math.max(lastId, m.id);
    if (byId[m.id]) return;
    var mine = m.client_id && byClient[m.client_id];
    if (mine) { confirmBubble(mine, m.id); return; }
    var node = bubble(m, m.author === "visitor" ? "visitor" : "advisor", "sent");
    if (m.client_id) byClient[m.client_id] = node;
    if (m.author === "visitor") { confirmBubble(node, m.id); return; }
    node.setAttribute("data-id", String(m.id));
    byId[m.id] = node;
    typing.hidden = true;
    if (isOpen && !document.hidden) { state.seen = m.id; save(); }
    else if (m.id > (state.seen || 0)) { unread += 1; updateBadge(); }
  }

  // ---- sending: queue first, then deliver in order; resend until acknowledged ----
  var flushing = false, retryTimer = null, retryDelay = 1000;
  function queue(text, refs, files) {
    var item = { client_id: uuid(), text: text, attachments: refs, files: files };
    state.pending.push(item); save();
    byClient[item.client_id] = bubble(item, "visitor", "pending");
    flush();
  }
  function drop(item) {
    state.pending = state.pending.filter(function (p) { return p.client_id !== item.client_id; });
    save();
  }
  function flush() {
    if (flushing || !state.token || !state.pending.length) return;
    flushing = true;
    var item = state.pending[0];
    api("POST", "/messages", { client_id: item.client_id, text: item.text, attachments: item.attachments })
      .then(function (res) {
        flushing = false;
        var node = byClient[item.client_id];
        if (res.ok) {
          drop(item); retryDelay = 1000;
          if (node) confirmBubble(node, res.data.message_id);
          if (watched.indexOf(res.data.conversation_id) < 0) connect();  // a new conversation
          flush();
        } else if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
          drop(item);
          if (node) { node.setAttribute("data-state", "failed"); stateLabel(node); }
          say(errorText(res));
          if (res.status === 401) restart(); else flush();
        } else {
          clearTimeout(retryTimer);
          retryTimer = setTimeout(flush, retryDelay);
          retryDelay = Math.min(retryDelay * 2, 30000);
        }
      });
  }
  window.addEventListener("online", function () { flush(); connect(); });

  // ---- the stream: replay after the last id, then live; the browser retries by itself ----
  var source = null, failures = 0, ending = false;
  function connect() {
    if (!state.token) return;
    if (source) source.close();
    var url = API + "/stream?token=" + encodeURIComponent(state.token) + (lastId ? "&after=" + lastId : "");
    source = new EventSource(url);
    source.addEventListener("ready", function (e) {
      watched = JSON.parse(e.data).conversation_ids || [];
      failures = 0; say(""); flush();
    });
    source.addEventListener("message", function (e) { receive(JSON.parse(e.data)); });
    source.addEventListener("typing", function (e) {
      typing.hidden = !JSON.parse(e.data).typing;
      clearTimeout(typing.timer);
      typing.timer = setTimeout(function () { typing.hidden = true; }, 8000);
    });
    source.addEventListener("status", function (e) {
      var status = JSON.parse(e.data).status;
      if (status === "resolved" || status === "closed") log.appendChild(el("p", { class: "tw-system", text: t("ended") }));
    });
    source.addEventListener("bye", function () { ending = true; });
    source.onerror = function () {
      if (ending && source.readyState === EventSource.CONNECTING) { ending = false; return; }
      say(t("reconnecting"));
      if (source.readyState !== EventSource.CLOSED) return;
      failures += 1;  // refused (not just dropped): check the token, then retry later
      api("POST", "/typing", { typing: false }).then(function (res) {
        if (res.status === 401) restart();
        else setTimeout(connect, Math.min(30000, 1000 * Math.pow(2, failures)));
      });
    };
  }
  function restart() {
    if (source) source.close();
    state.token = null; save();
    show(config.available ? "prechat" : "offline");
  }
  function forget() {  // another person may use this browser next: keep nothing of this chat
    if (source) source.close();
    state = { pending: [], lang: state.lang }; save();
    log.textContent = ""; byId = {}; byClient = {}; lastId = 0; watched = [];
  }

  // ---- forms ----
  function busy(form, on) {
    Array.prototype.forEach.call(form.querySelectorAll("button[type=submit]"), function (b) { b.disabled = on; });
  }
  function onPrechat(event) {
    event.preventDefault();
    startSession({ name: nameInput.value.trim(), email: emailInput.value.trim() || null });
  }
  function startSession(who) {
    busy(prechat, true);
    var body = { name: who.name, email: who.email, language: lang };
    if (SITE.userId) { body.user_id = String(SITE.userId); body.user_hash = SITE.userHash; }
    return api("POST", "/sessions", body).then(function (res) {
      busy(prechat, false);
      if (!res.ok) { say(errorText(res)); return; }
      state.token = res.data.token; state.email = who.email; state.name = who.name;
      state.userId = SITE.userId ? String(SITE.userId) : null; save();
      config.limits = res.data.limits || config.limits;
      say(""); show("chat"); connect();
    });
  }
  function onSend(event) {
    event.preventDefault();
    var text = textarea.value.trim();
    if (!text) return;
    textarea.value = "";
    sendTyping(false);
    queue(text, [], []);
  }
  function onKey(event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) onSend(event);
  }
  var typingSent = 0, typingStop = null;
  function sendTyping(on) {
    if (!watched.length || !state.token) return;
    if (on && Date.now() - typingSent < 3000) return;
    typingSent = on ? Date.now() : 0;
    api("POST", "/typing", { typing: on });
  }
  function onTyping() {
    sendTyping(true);
    clearTimeout(typingStop);
    typingStop = setTimeout(function () { sendTyping(false); }, 4000);
  }
  function onFile() {
    var file = fileInput.files[0];
    fileInput.value = "";
    if (!file) return;
    var max = config.limits.max_attachment_bytes;
    if (file.size > max) { say(t("tooLarge", { max: Math.floor(max / 1024) })); return; }
    var form = new FormData();
    form.append("file", file, file.name);
    say(t("pending"));
    api("POST", "/attachments", form, true).then(function (res) {
      if (!res.ok) { say(errorText(res)); return; }
      say("");
      queue("", [res.data.ref], [{ filename: res.data.filename, size: res.data.size,
        path: "/widget/" + KEY + "/attachments/" + res.data.sha256 }]);
    });
  }
  var offlineId = null;
  function onOffline(event) {
    event.preventDefault();
    offlineId = offlineId || uuid();  // a retried submit is the same form
    busy(offline, true);
    api("POST", "/offline", { client_id: offlineId, name: offName.value.trim(), email: offEmail.value.trim(),
      text: offText.value.trim(), language: lang }).then(function (res) {
      busy(offline, false);
      if (!res.ok) { say(errorText(res)); return; }
      offlineId = null; offline.reset(); say(t("offlineThanks"));
    });
  }
  function onTranscript(event) {
    event.preventDefault();
    busy(transcriptForm, true);
    api("POST", "/transcript", { email: trEmail.value.trim(), language: lang }).then(function (res) {
      busy(transcriptForm, false);
      show("chat");
      say(res.ok ? t(res.data.delivery === "email" ? "transcriptSent" : "transcriptRecorded") : errorText(res));
    });
  }

  // ---- start ----
  function start() {
    if (SITE.name) { nameInput.value = SITE.name; offName.value = SITE.name; }
    if (SITE.email || state.email) { emailInput.value = offEmail.value = trEmail.value = SITE.email || state.email; }
    var siteUser = SITE.userId ? String(SITE.userId) : null;
    // The customer logged out, or another one logged in: their chat must not stay on screen.
    if (state.token && state.userId && state.userId !== siteUser) forget();
    var retry = 2000;
    function begin() {
      // Shown only with its texts: until the configuration arrives there is nothing to say.
      loadConfig(lang).then(function (res) {
        if (!res.ok) { setTimeout(begin, retry = Math.min(retry * 2, 60000)); return; }
        if (!host.parentNode) document.body.appendChild(host);
        var name = SITE.name || state.name;
        if (siteUser && SITE.userHash && name && state.userId !== siteUser) {
          // Logged in: a verified session, which keeps an anonymous conversation if one is held.
          show("prechat");
          startSession({ name: name, email: SITE.email || state.email || null });
        } else if (state.token) {
          show("chat");
          state.pending.forEach(function (item) { byClient[item.client_id] = bubble(item, "visitor", "pending"); });
          connect();
        } else {
          show(config.available === false ? "offline" : "prechat");
        }
      });
    }
    begin();
  }
  // For the client's site: open or close the chat, or forget it (call reset() at logout).
  window.TawasolChat = {
    open: function () { toggle(true); },
    close: function () { toggle(false); },
    reset: function () { forget(); show(config.available === false ? "offline" : "prechat"); }
  };
  if (document.body) start(); else document.addEventListener("DOMContentLoaded", start);
})();
