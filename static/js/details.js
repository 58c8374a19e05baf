// Details page: open the feedback dialog htmx loads, close it on Cancel or Escape.
(function () {
  "use strict";
  document.addEventListener("htmx:afterSwap", function (event) {
    var dialog = event.detail.target.querySelector("dialog");
    if (dialog && !dialog.open) {
      dialog.showModal();
    }
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-close-dialog]");
    if (button) {
      event.preventDefault();
      button.closest("dialog").remove();
    }
  });
  document.addEventListener("close", function (event) {
    if (event.target.tagName === "DIALOG") {
      event.target.remove();
    }
  }, true);
})();
