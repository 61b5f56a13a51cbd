// The copilot panel and the macro picker, on top of their plain forms: ask for suggestions,
// accept or edit (the text goes into the composer; the choice is recorded when it is sent),
// reject, insert macros, confirm or correct the AI reading. Everything goes through the JSON
// API with the CSRF header.
(function () {
  "use strict";

  var root = document.querySelector(".conversation");
  if (!root || !document.querySelector("[data-copilot-panel]")) return;
  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
  var conversationId = Number(root.dataset.conversationId);
  var composer = document.getElementById("composer");
  var textarea = composer && composer.querySelector("textarea");
  var pending = null; // the suggestion whose text is in the composer: {id, text}

  function panel() { return document.querySelector("[data-copilot-panel]"); }
  function say(key) {
    var p = panel(), line = p && p.querySelector("[data-copilot-status]");
    if (line) line.textContent = key ? (p.dataset[key] || "") : "";
  }

  function api(method, path, body) {
    return fetch("/api/v1" + path, {
      method: method, credentials: "same-origin",
      headers: { "x-csrf-token": csrf, "accept": "application/json", "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      if (response.status === 401) window.location.reload();
      if (!response.ok) throw new Error(String(response.status));
      return response.status === 204 ? null : response.json();
    });
  }

  function reloadPanel() {
    var current = panel();
    return fetch(current.dataset.fragmentUrl, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null) return;
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var fresh = holder.querySelector("[data-copilot-panel]");
        if (fresh) panel().replaceWith(fresh);
      });
  }

  function refreshConversation() {
    window.dispatchEvent(new CustomEvent("tawasol:resync"));
  }

  function toComposer(text, replace) {
    if (!textarea) return;
    var reply = composer.querySelector('input[name="kind"][value="message"]');
    if (reply && !reply.checked) { reply.checked = true; reply.dispatchEvent(new Event("change", { bubbles: true })); }
    textarea.value = replace || !textarea.value.trim() ? text : textarea.value.replace(/\s*$/, "\n\n") + text;
    textarea.focus();
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);
  }

  function suggestionText() {
    var node = panel().querySelector("[data-copilot-suggestion][data-suggestion-id]");
    return node ? { id: Number(node.dataset.suggestionId), text: node.textContent } : null;
  }

  function feedback(id, body) {
    return api("POST", "/suggestions/" + id + "/feedback", body);
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-copilot-action], [data-macro-insert], [data-macro-apply]");
    if (!target || !panel()) return;
    var action = target.dataset.copilotAction;
    if (action === "accept" || action === "edit") {
      event.preventDefault();
      var suggestion = suggestionText();
      if (!suggestion || !textarea) return;
      pending = suggestion;
      toComposer(suggestion.text, true);
      say("strInserted");
    } else if (action === "reject") {
      event.preventDefault();
      var rejected = suggestionText();
      if (!rejected) return;
      feedback(rejected.id, { decision: "rejected" })
        .then(function () { pending = null; return reloadPanel(); })
        .catch(function () { say("strFailed"); });
    } else if (target.hasAttribute("data-macro-insert") || target.hasAttribute("data-macro-apply")) {
      event.preventDefault();
      var select = document.getElementById("macro-select");
      var macroId = target.dataset.macroApply || (select && select.value);
      if (!macroId) return;
      api("POST", "/conversations/" + conversationId + "/macros/" + macroId + "/apply", {})
        .then(function (applied) {
          toComposer(applied.text, false);
          refreshConversation();
          var suggestionId = target.dataset.suggestionId;
          return suggestionId ? feedback(suggestionId, { decision: "accepted" }).then(reloadPanel) : null;
        })
        .catch(function () { say("strFailed"); });
    }
  });

  // Confirming or correcting the AI reading (language, intent, sentiment, offensive).
  function review(form, submitter) {
    var decision = submitter && submitter.value === "corrected" ? "corrected" : "accepted";
    var body = { field: form.dataset.reviewField, decision: decision };
    if (decision === "corrected") body.value = form.querySelector('[name="value"]').value.trim();
    api("POST", "/conversations/" + conversationId + "/insights/reviews", body)
      .then(reloadPanel)
      .then(function () {
        var details = panel().querySelector("[data-reading-review]");
        if (details) details.open = true;
        refreshConversation();
      })
      .catch(function () { say("strFailed"); });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.hasAttribute("data-review-field")) {
      event.preventDefault();
      review(form, event.submitter);
      return;
    }
    if (form.hasAttribute("data-copilot-request")) {
      event.preventDefault();
      say("strLoading");
      form.querySelector("button").disabled = true;
      api("POST", "/conversations/" + conversationId + "/suggestions", {})
        .then(reloadPanel)
        .catch(function () { say("strFailed"); form.querySelector("button").disabled = false; });
      return;
    }
    // Sending an accepted or edited suggestion: the feedback call posts the message itself
    // (through the same action as the composer), so the choice and the reply are one step.
    if (form !== composer || !pending) return;
    var kind = composer.querySelector('input[name="kind"]:checked');
    if (kind && kind.value !== "message") return;
    var text = textarea.value;
    if (!text.trim()) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    var sent = pending;
    var body = text === sent.text ? { decision: "accepted", send: true }
      : { decision: "edited", final_text: text, send: true };
    feedback(sent.id, body).then(function () {
      pending = null;
      textarea.value = "";
      refreshConversation();
      return reloadPanel();
    }).catch(function () { say("strFailed"); });
  }, true);
})();
