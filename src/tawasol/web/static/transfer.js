// The transfer dialog: the header's "Transfer" button (or t) opens it, Escape or Cancel close
// it and give focus back. The form inside posts normally (CSRF field), so it works as is.
(function () {
  "use strict";

  var dialog = document.getElementById("transfer-dialog");
  if (!dialog) return;
  var opener = null;

  function open() {
    if (dialog.open) return;
    opener = document.activeElement;
    dialog.showModal();
    document.getElementById("transfer-target").focus();
  }

  // The header is re-rendered live: listen on the document, not on the button.
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-open-transfer]")) open();
  });
  window.addEventListener("tawasol:transfer", open);
  dialog.querySelector("[data-close-dialog]").addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("close", function () {
    var again = document.querySelector("[data-open-transfer]");
    if (opener && document.contains(opener)) opener.focus(); else if (again) again.focus();
  });
})();
