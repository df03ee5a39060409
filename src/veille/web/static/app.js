// veille workbench keyboard: "/" focuses the search box, j/k move through the current list, Enter opens,
// "g e" goes to events, "g n" to entities, "g h" home. Plain JavaScript, no dependencies.
(function () {
  "use strict";
  var pending = null;
  function typing(el) {
    return el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable);
  }
  function items() {
    var list = document.querySelector("[data-nav]");
    if (!list) return [];
    return Array.prototype.filter.call(list.querySelectorAll("li, tbody tr"), function (el) {
      return el.querySelector("a");
    });
  }
  function move(step) {
    var all = items();
    if (!all.length) return;
    var at = all.findIndex(function (el) { return el.classList.contains("current"); });
    if (at >= 0) all[at].classList.remove("current");
    var next = all[Math.max(0, Math.min(all.length - 1, at + step))];
    next.classList.add("current");
    var link = next.querySelector("a");
    link.focus();
    next.scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || typing(ev.target)) {
      if (ev.key === "Escape" && typing(ev.target)) ev.target.blur();
      return;
    }
    if (pending === "g") {
      pending = null;
      var where = { e: "/events", n: "/entities", h: "/" }[ev.key];
      if (where) { window.location.href = where; ev.preventDefault(); }
      return;
    }
    if (ev.key === "/") { var q = document.getElementById("q"); if (q) { q.focus(); q.select(); ev.preventDefault(); } }
    else if (ev.key === "j") { move(1); ev.preventDefault(); }
    else if (ev.key === "k") { move(-1); ev.preventDefault(); }
    else if (ev.key === "g") { pending = "g"; }
  });
})();
