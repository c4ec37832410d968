// Kredo bank queue: keyboard driving. Every action is also a plain form.
(function () {
  var lines = function () { return Array.prototype.slice.call(document.querySelectorAll("[data-line]")); };
  var current = function () { return document.querySelector("[data-line].current"); };
  function select(el) {
    var cur = current();
    if (cur) cur.classList.remove("current");
    if (!el) return;
    el.classList.add("current");
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: "nearest" });
  }
  function move(d) {
    var ls = lines(), i = ls.indexOf(current());
    if (!ls.length) return;
    select(ls[Math.max(0, Math.min(ls.length - 1, i + d))]);
  }
  function openManual(line, sel) {
    var det = line.querySelector("details.manual");
    if (!det) return;
    det.open = true;
    var f = det.querySelector(sel);
    if (f) f.focus();
  }
  function syncLearn(line) {
    var t = line.querySelector(".learn-toggle");
    if (!t) return;
    line.querySelectorAll("form.accept [data-learn]").forEach(function (h) { h.disabled = !t.checked; });
    var c = line.querySelector("form.split [data-learn]");
    if (c) c.checked = t.checked;
  }
  document.addEventListener("change", function (e) {
    if (e.target.classList && e.target.classList.contains("learn-toggle")) syncLearn(e.target.closest("[data-line]"));
  });
  document.addEventListener("click", function (e) {
    var l = e.target.closest && e.target.closest("[data-line]");
    if (l && l !== current()) select(l);
  });
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target, typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT");
    if (typing) {
      if (e.key === "Escape") { t.blur(); var l = current(); if (l) l.focus({ preventScroll: true }); }
      return;
    }
    var line = current();
    switch (e.key) {
      case "j": move(1); break;
      case "k": move(-1); break;
      case "a": case "1": case "2": case "3": case "4": case "5":
        if (!line) return;
        var n = e.key === "a" ? "1" : e.key;
        var b = line.querySelector('button[data-accept="' + n + '"]');
        if (b) b.click();
        break;
      case "s": if (line) openManual(line, "[data-split]"); break;
      case "o": if (line) openManual(line, "[data-account]"); break;
      case "i": if (line) openManual(line, "[data-ignore]"); break;
      case "l":
        var tg = line && line.querySelector(".learn-toggle");
        if (tg) { tg.checked = !tg.checked; syncLearn(line); }
        break;
      default: return;
    }
    e.preventDefault();
  });
  var first = current();
  if (first) first.focus({ preventScroll: true });
})();
