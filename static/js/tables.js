// Partner tables: the column chooser and "Rows per page" (partner_center/tables.py).
// The chooser hides optional columns with classes on the table (cols-chosen, hide-<key>) and
// keeps the choice in a cookie per table (pc_cols_<table>), which the server reads to open the
// page with the same columns. Until a choice is made, the columns' Bootstrap priority classes
// decide what a narrow screen shows; the checkboxes then mirror what is on screen.
(function () {
  "use strict";
  var COOKIE = "pc_cols_";
  var YEAR = 60 * 60 * 24 * 365;

  function tableOf(chooser) {
    return document.querySelector('table[data-table="' + chooser.dataset.columnChooser + '"]');
  }

  function boxes(chooser) {
    return Array.prototype.slice.call(chooser.querySelectorAll("input[data-column]"));
  }

  function shownOnScreen(table, key) {
    var head = table.querySelector("thead .c-" + key);
    return !!head && window.getComputedStyle(head).display !== "none";
  }

  function mirror(chooser) {
    var table = tableOf(chooser);
    if (!table) return;
    boxes(chooser).forEach(function (box) { box.checked = shownOnScreen(table, box.dataset.column); });
  }

  function apply(chooser) {
    var table = tableOf(chooser);
    if (!table) return;
    var hidden = [];
    table.classList.add("cols-chosen");
    boxes(chooser).forEach(function (box) {
      var key = box.dataset.column;
      table.classList.toggle("hide-" + key, !box.checked);
      if (!box.checked) hidden.push(key);
    });
    document.cookie = COOKIE + chooser.dataset.columnChooser + "=" + ["h"].concat(hidden).join(".") +
      "; path=/; max-age=" + YEAR + "; samesite=lax";
  }

  function reset(chooser) {
    var table = tableOf(chooser);
    document.cookie = COOKIE + chooser.dataset.columnChooser + "=; path=/; max-age=0; samesite=lax";
    if (!table) return;
    Array.prototype.slice.call(table.classList).forEach(function (name) {
      if (name === "cols-chosen" || name.indexOf("hide-") === 0) table.classList.remove(name);
    });
    mirror(chooser);
  }

  function fill(chooser) {
    var menu = chooser.querySelector("[data-column-menu]");
    var items = chooser.querySelector("template");
    if (menu && items && !menu.children.length) menu.appendChild(items.content.cloneNode(true));
  }

  document.addEventListener("show.bs.dropdown", function (event) {
    var chooser = event.target.closest("[data-column-chooser]");
    if (!chooser) return;
    fill(chooser);
    mirror(chooser);
  });
  document.addEventListener("change", function (event) {
    var box = event.target.closest("input[data-column]");
    if (box) {
      apply(box.closest("[data-column-chooser]"));
      return;
    }
    var size = event.target.closest("form[data-page-size] select");
    if (size) size.form.requestSubmit();
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-columns-default]");
    if (button) reset(button.closest("[data-column-chooser]"));
  });

  function hideSubmit(root) {
    Array.prototype.slice.call(root.querySelectorAll("[data-page-size-submit]")).forEach(function (button) {
      button.hidden = true;
    });
  }
  document.addEventListener("DOMContentLoaded", function () { hideSubmit(document); });
  document.addEventListener("htmx:afterSwap", function (event) { hideSubmit(event.target); });
})();
