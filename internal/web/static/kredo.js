// Kredo: small progressive enhancements; every page works without this.
document.addEventListener("change", function (e) {
  var el = e.target;
  if (el.matches && el.matches("select[data-autosubmit]") && el.form) {
    el.form.submit();
  }
});

// Keyboard shortcuts. Lists marked data-keys="list" (the worklist): j/k
// move the selection, Enter or o opens it, d marks it done, s snoozes it.
// Anywhere: n follows the link marked data-key="n" (the next customer),
// "/" jumps to the first filter field. Keys typed into a field are left
// alone.
(function () {
  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }
  function rows() {
    var list = document.querySelector("[data-keys=list]");
    return list ? Array.prototype.slice.call(list.querySelectorAll("tbody tr")) : [];
  }
  function current(rs) {
    for (var i = 0; i < rs.length; i++) {
      if (rs[i].classList.contains("selected")) return i;
    }
    return -1;
  }
  function select(rs, i, quiet) {
    rs.forEach(function (r) { r.classList.remove("selected"); r.removeAttribute("aria-selected"); });
    if (i < 0 || i >= rs.length) return;
    rs[i].classList.add("selected");
    rs[i].setAttribute("aria-selected", "true");
    if (quiet) return; // on load: marked, focus stays where the page put it
    rs[i].focus();
    rs[i].scrollIntoView({ block: "nearest" });
  }
  function submit(row, cls) {
    var b = row && row.querySelector("button." + cls);
    if (b) b.click();
  }
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
    var rs = rows(), i = current(rs);
    switch (e.key) {
      case "j": select(rs, Math.min(i + 1, rs.length - 1)); break;
      case "k": select(rs, Math.max(i - 1, 0)); break;
      case "Enter":
      case "o":
        if (i < 0) return;
        var a = rs[i].querySelector("a.open");
        if (a) window.location.href = a.href;
        break;
      case "d": submit(rs[i], "act-done"); break;
      case "s": submit(rs[i], "act-snooze"); break;
      case "n":
        var next = document.querySelector("a[data-key=n]");
        if (!next) return;
        window.location.href = next.href;
        break;
      case "/":
        var f = document.querySelector("form.filters input:not([type=hidden]), form.filters select");
        if (!f) return;
        f.focus();
        break;
      default:
        return;
    }
    e.preventDefault();
  });
  if (rows().length) select(rows(), 0, true);
})();
