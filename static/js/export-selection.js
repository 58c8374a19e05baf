// Details page: the lines checked for Export Selected, kept per period across pages in
// sessionStorage. Checked boxes on this page submit natively (form="export-selected");
// the ones checked on other pages go in one comma-separated `selection` field.
(function () {
  "use strict";
  var form = document.getElementById("export-selected");
  if (!form) return;
  var key = "export-selection:" + form.dataset.period;
  var limit = parseInt(form.dataset.limit, 10);
  var counter = form.querySelector("[data-selection-count]");
  var clear = form.querySelector("[data-clear-selection]");
  var initialText = counter.textContent;
  var selected = load();

  function load() {
    try { return new Set(JSON.parse(sessionStorage.getItem(key) || "[]")); } catch (e) { return new Set(); }
  }
  function save() { sessionStorage.setItem(key, JSON.stringify(Array.from(selected))); }
  function boxes() { return document.querySelectorAll("[data-select-line]"); }
  function render() {
    boxes().forEach(function (box) { box.checked = selected.has(box.value); });
    if (!selected.size) { counter.textContent = initialText; clear.hidden = true; return; }
    counter.textContent = form.dataset.textCount.replace("%(count)s", selected.size.toLocaleString());
    if (selected.size > limit) counter.textContent += " " + form.dataset.textLimit;
    clear.hidden = false;
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches("[data-select-line]")) {
      if (target.checked) selected.add(target.value); else selected.delete(target.value);
    } else if (target.matches("[data-select-page]")) {
      boxes().forEach(function (box) {
        if (target.checked) selected.add(box.value); else selected.delete(box.value);
      });
    } else {
      return;
    }
    save();
    render();
  });
  clear.addEventListener("click", function () { selected.clear(); save(); render(); });
  form.addEventListener("submit", function (event) {
    if (selected.size > limit) { event.preventDefault(); render(); return; }
    // One field for the lines ticked on other pages: a field each would pass the server's
    // 1,000-field limit for a POST.
    var onPage = new Set(Array.from(boxes()).map(function (box) { return box.value; }));
    var field = form.querySelector("input[name=selection]") || document.createElement("input");
    field.type = "hidden"; field.name = "selection";
    field.value = Array.from(selected).filter(function (id) { return !onPage.has(id); }).join(",");
    form.appendChild(field);
    sessionStorage.removeItem(key);
  });
  document.addEventListener("htmx:afterSettle", render);  // rows re-rendered after feedback
  render();
})();
