// A table's scroll box (.ep-table-wrap) takes the keyboard focus, so a keyboard user can scroll a wide table at
// 320 px (WCAG 2.1.1, axe "scrollable-region-focusable"), and is named after its table for a screen reader: the
// table's caption or label, else the heading before it. Also for tables that htmx swaps in (live search).
(function () {
  function nameOf(wrap) {
    var table = wrap.querySelector("table");
    if (table) {
      if (table.getAttribute("aria-label")) {
        return table.getAttribute("aria-label");
      }
      var by = table.getAttribute("aria-labelledby");
      var labelled = by && document.getElementById(by.split(" ")[0]);
      if (labelled && labelled.textContent.trim()) {
        return labelled.textContent.trim();
      }
      if (table.caption && table.caption.textContent.trim()) {
        return table.caption.textContent.trim();
      }
    }
    for (var node = wrap; node && node !== document.body; node = node.parentElement) {
      for (var before = node.previousElementSibling; before; before = before.previousElementSibling) {
        var heading = before.matches("h1, h2, h3, h4") ? before : before.querySelector("h1, h2, h3, h4");
        if (heading && heading.textContent.trim()) {
          return heading.textContent.trim();
        }
      }
    }
    return document.title.split(" · ")[0];
  }

  function mark(root) {
    root.querySelectorAll(".ep-table-wrap").forEach(function (wrap) {
      if (!wrap.hasAttribute("tabindex")) {
        wrap.setAttribute("tabindex", "0");
      }
      if (!wrap.hasAttribute("role")) {
        wrap.setAttribute("role", "region");
      }
      if (!wrap.hasAttribute("aria-label") && !wrap.hasAttribute("aria-labelledby")) {
        wrap.setAttribute("aria-label", nameOf(wrap));
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    mark(document);
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    mark(event.target);
  });
})();
