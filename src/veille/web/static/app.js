// veille workbench keyboard: "?" shows the shortcuts, "/" focuses the search box, j/k move through the
// current list, Enter opens, "g e" goes to events, "g n" to entities, "g h" home, Escape closes the help.
// Plain JavaScript, no dependencies.
(function () {
  "use strict";
  var pending = null;
  var lastFocus = null;
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
  function help() { return document.getElementById("help"); }
  function helpOpen() { var h = help(); return h && !h.hidden; }
  function toggleHelp(show) {
    var h = help();
    if (!h) return;
    if (show) {
      lastFocus = document.activeElement;
      h.hidden = false;
      var close = h.querySelector("[data-help-close]");
      if (close) close.focus();
    } else {
      h.hidden = true;
      if (lastFocus && lastFocus.focus) lastFocus.focus();
    }
  }
  // An event's sentence reached from a link (#ev3): mark it, so that it stays visible after scrolling.
  function markTarget() {
    var old = document.querySelectorAll(".event-sentence.targeted");
    Array.prototype.forEach.call(old, function (el) { el.classList.remove("targeted"); });
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!/^ev\d+$/.test(id)) return;
    var el = document.getElementById(id);
    if (!el) return;
    el.classList.add("targeted");
    el.scrollIntoView({ block: "center" });
  }
  window.addEventListener("hashchange", markTarget);
  document.addEventListener("DOMContentLoaded", function () {
    markTarget();
    document.addEventListener("click", function (ev) {
      var t = ev.target;
      if (t.closest && t.closest("[data-help-open]")) { toggleHelp(!helpOpen()); }
      else if (t.closest && t.closest("[data-help-close]")) { toggleHelp(false); }
      else if (t === help()) { toggleHelp(false); }
    });
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || typing(ev.target)) {
      if (ev.key === "Escape" && typing(ev.target)) ev.target.blur();
      return;
    }
    if (helpOpen()) {
      if (ev.key === "Escape" || ev.key === "?") { toggleHelp(false); ev.preventDefault(); }
      return;
    }
    if (pending === "g") {
      pending = null;
      var where = { e: "/events", n: "/entities", h: "/" }[ev.key];
      if (where) { window.location.href = where; ev.preventDefault(); }
      return;
    }
    if (ev.key === "?") { toggleHelp(true); ev.preventDefault(); }
    else if (ev.key === "/") { var q = document.getElementById("q"); if (q) { q.focus(); q.select(); ev.preventDefault(); } }
    else if (ev.key === "j") { move(1); ev.preventDefault(); }
    else if (ev.key === "k") { move(-1); ev.preventDefault(); }
    else if (ev.key === "g") { pending = "g"; }
  });
})();
