// Progressive enhancement for the Summary's Confirm Bill dialog (htmx). Without JavaScript
// the same links and forms work as plain pages and POSTs.
(function () {
  function dialog() { return document.getElementById("dialog"); }

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
    var box = dialog() && dialog().open ? dialog().querySelector(".dialog-error") : null;
    if (box) { box.textContent = text; box.hidden = false; } else { window.alert(text); }
  });
})();
