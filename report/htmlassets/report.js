(function () {
  "use strict";
  var rule = document.getElementById("f-rule");
  var sev = document.getElementById("f-severity");
  var file = document.getElementById("f-file");
  var shown = document.getElementById("shown");
  var items = document.querySelectorAll("article.finding");

  function apply() {
    var r = rule.value, s = sev.value, p = file.value.toLowerCase(), n = 0;
    for (var i = 0; i < items.length; i++) {
      var d = items[i].dataset;
      var ok = (!r || d.rule === r) && (!s || d.severity === s) &&
        (!p || d.path.toLowerCase().indexOf(p) !== -1);
      items[i].hidden = !ok;
      if (ok) { n++; }
    }
    shown.textContent = String(n);
  }

  function setSelect(el, v) {
    for (var i = 0; i < el.options.length; i++) {
      if (el.options[i].value === v) { el.value = v; return; }
    }
  }

  // The filters can be given in the URL fragment:
  // report.html#rule=FLASK-XSS-001&severity=High&file=views.py
  function fromHash() {
    var q = new URLSearchParams(location.hash.replace(/^#/, ""));
    setSelect(rule, q.get("rule") || "");
    setSelect(sev, q.get("severity") || "");
    file.value = q.get("file") || "";
    apply();
  }

  function toHash() {
    var q = new URLSearchParams();
    if (rule.value) { q.set("rule", rule.value); }
    if (sev.value) { q.set("severity", sev.value); }
    if (file.value) { q.set("file", file.value); }
    try { history.replaceState(null, "", "#" + q.toString()); } catch (e) { /* file: URLs may refuse */ }
    apply();
  }

  rule.addEventListener("change", toHash);
  sev.addEventListener("change", toHash);
  file.addEventListener("input", toHash);
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
