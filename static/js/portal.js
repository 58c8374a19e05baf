// Progressive enhancement for every portal page (loaded by base.html). Without JavaScript the
// same links and forms work as plain pages and POSTs.
(function () {
  "use strict";
  if (window.partnerCenterPortal) return;  // a page may still include it itself
  window.partnerCenterPortal = true;

  function dialog() { return document.getElementById("dialog"); }

  // Back/Forward never shows an old copy of a page: htmx keeps no snapshots (it reloads the
  // page from the server instead), and a page the browser restores from its back/forward
  // cache is reloaded. The server sends partner pages with Cache-Control: no-store.
  if (window.htmx) {
    window.htmx.config.historyCacheSize = 0;
    window.htmx.config.refreshOnHistoryMiss = true;
  }
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) window.location.reload();
  });

  // A plain form post (no htmx) is sent once: a second click or Enter while the first is on
  // its way does nothing, and its buttons show that they are busy. htmx forms disable their
  // own buttons while their request runs (hx-disabled-elt) and are not handled here.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || (form.getAttribute("method") || "").toLowerCase() !== "post") return;
    if (form.dataset.submitting) { event.preventDefault(); return; }
    form.dataset.submitting = "true";
    // After this event, so the clicked button's own name and value are still sent.
    window.setTimeout(function () {
      Array.prototype.forEach.call(form.elements, function (element) {
        if (element.type === "submit") element.disabled = true;
      });
    }, 0);
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target.id === "dialog-body" && !dialog().open) dialog().showModal();
  });

  // The confirmation swapped the results in: the dialog's work is done.
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.detail.target.id === "summary-results" && dialog() && dialog().open) dialog().close();
  });

  // A refused request (403, 404, 409...): show the server's message instead of failing silently.
  document.addEventListener("htmx:responseError", function (event) {
    var html = new DOMParser().parseFromString(event.detail.xhr.responseText, "text/html");
    var found = html.querySelector("[data-error-message]");
    var fallback = (document.body.dataset.textRequestFailed || "").replace("%(status)s", event.detail.xhr.status);
    var text = found ? found.textContent.trim() : fallback;
    var box = document.querySelector("dialog[open] .dialog-error");
    if (box) { box.textContent = text; box.hidden = false; } else { window.alert(text); }
  });
})();
