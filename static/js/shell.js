// The console shell: the side menu collapses on wide screens (remembered in this browser),
// and an open top-bar menu (a <details>) closes on a click elsewhere or Escape.
(function () {
  "use strict";
  var KEY = "partner-center:sidemenu-collapsed";
  function setCollapsed(collapsed) {
    document.body.classList.toggle("sidemenu-collapsed", collapsed);
    var button = document.querySelector("[data-collapse-sidemenu]");
    if (button) { button.setAttribute("aria-expanded", collapsed ? "false" : "true"); }
    try { window.localStorage.setItem(KEY, collapsed ? "1" : ""); } catch (e) { /* private mode */ }
  }
  try { if (window.localStorage.getItem(KEY)) { setCollapsed(true); } } catch (e) { /* private mode */ }
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-collapse-sidemenu]")) { setCollapsed(true); }
    if (event.target.closest("[data-expand-sidemenu]")) { setCollapsed(false); }
    document.querySelectorAll("header details[open]").forEach(function (menu) {
      if (!menu.contains(event.target)) { menu.removeAttribute("open"); }
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      document.querySelectorAll("header details[open]").forEach(function (menu) { menu.removeAttribute("open"); });
    }
  });
})();
