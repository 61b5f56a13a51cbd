// @mentions in the composer: typing "@" in an internal note suggests the colleagues who may
// read this conversation's notes (the page embeds them); arrows choose, Enter or Tab insert
// "@Full Name", Escape closes. Names are put in the page through textContent only.
(function () {
  "use strict";

  var composer = document.getElementById("composer");
  var text = document.getElementById("composer-text");
  var picker = document.getElementById("mention-picker");
  var source = document.getElementById("mentionable");
  if (!composer || !text || !picker || !source) return;
  var people = JSON.parse(source.textContent) || [];
  var matches = [], active = -1, start = -1;

  text.setAttribute("aria-autocomplete", "list");
  text.setAttribute("aria-controls", "mention-picker");
  text.setAttribute("aria-expanded", "false");
  text.setAttribute("aria-describedby", "mention-help");

  function noteMode() {
    var checked = composer.querySelector('input[name="kind"]:checked');
    return checked && checked.value === "note";
  }

  function close() {
    picker.hidden = true;
    picker.textContent = "";
    matches = []; active = -1; start = -1;
    text.setAttribute("aria-expanded", "false");
    text.removeAttribute("aria-activedescendant");
  }

  function highlight(index) {
    active = index;
    Array.prototype.forEach.call(picker.children, function (item, i) {
      item.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    if (index >= 0) text.setAttribute("aria-activedescendant", "mention-option-" + index);
  }

  function open(found) {
    picker.textContent = "";
    found.forEach(function (person, i) {
      var item = document.createElement("li");
      item.id = "mention-option-" + i;
      item.setAttribute("role", "option");
      item.dataset.index = String(i);
      item.textContent = person.name;
      picker.appendChild(item);
    });
    matches = found;
    picker.hidden = false;
    text.setAttribute("aria-expanded", "true");
    highlight(0);
  }

  function query() {
    var before = text.value.slice(0, text.selectionStart);
    var at = before.lastIndexOf("@");
    if (at < 0 || (at > 0 && !/\s/.test(before.charAt(at - 1)))) return null;
    var typed = before.slice(at + 1);
    if (typed.length > 40 || /[\n@]/.test(typed)) return null;
    return { at: at, typed: typed.toLocaleLowerCase() };
  }

  function suggest() {
    var q = noteMode() ? query() : null;
    if (!q) { close(); return; }
    var found = people.filter(function (person) {
      var name = person.name.toLocaleLowerCase();
      return name.indexOf(q.typed) === 0 || name.indexOf(" " + q.typed) >= 0;
    }).slice(0, 8);
    if (!found.length) { close(); return; }
    start = q.at;
    open(found);
  }

  function insert(index) {
    var person = matches[index];
    if (!person || start < 0) return;
    var caret = text.selectionStart;
    var inserted = "@" + person.name + " ";
    text.value = text.value.slice(0, start) + inserted + text.value.slice(caret);
    var at = start + inserted.length;
    text.setSelectionRange(at, at);
    close();
    text.focus();
  }

  text.addEventListener("input", suggest);
  text.addEventListener("blur", function () { window.setTimeout(close, 150); });
  composer.addEventListener("change", function () { if (!noteMode()) close(); });
  text.addEventListener("keydown", function (event) {
    if (picker.hidden) return;
    var handled = true;
    if (event.key === "ArrowDown") highlight((active + 1) % matches.length);
    else if (event.key === "ArrowUp") highlight((active - 1 + matches.length) % matches.length);
    else if ((event.key === "Enter" && !event.ctrlKey && !event.metaKey) || event.key === "Tab") insert(active);
    else if (event.key === "Escape") close();
    else handled = false;
    if (handled) { event.preventDefault(); event.stopPropagation(); }
  });
  picker.addEventListener("mousedown", function (event) {
    var item = event.target.closest("li[role=option]");
    if (!item) return;
    event.preventDefault();
    insert(Number(item.dataset.index));
  });
})();
