// A live character counter for a textarea with data-counter="<id of the counter element>";
// the counter holds data-limit and data-text-count ("%(count)s of %(limit)s characters").
// Works for boxes on the page and for those htmx swaps in (the Feedback dialog).
(function () {
  "use strict";
  function update(box) {
    var counter = document.getElementById(box.dataset.counter);
    if (!counter) { return; }
    var limit = parseInt(counter.dataset.limit || box.getAttribute("maxlength") || "0", 10);
    var count = box.value.length;
    counter.textContent = (counter.dataset.textCount || "%(count)s / %(limit)s")
      .replace("%(count)s", count).replace("%(limit)s", limit);
    counter.classList.toggle("over", limit > 0 && count >= limit);
  }
  function scan(root) {
    (root || document).querySelectorAll("textarea[data-counter]").forEach(update);
  }
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("textarea[data-counter]")) { update(event.target); }
  });
  document.addEventListener("DOMContentLoaded", function () { scan(document); });
  document.addEventListener("htmx:afterSwap", function (event) { scan(event.detail.target); });
})();
