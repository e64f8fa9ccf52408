/* kg report: filters, totals that never turn lower bounds into exact sums, and evidence navigation.
   Everything the page shows is already in the HTML; this script only hides, recounts and scrolls. */
(function () {
  "use strict";
  var KINDS = ["killed", "injured", "missing"];
  var form = document.getElementById("filters");
  var table = document.getElementById("events-table");
  var rows = table ? Array.prototype.slice.call(table.querySelectorAll("tbody tr[data-event]")) : [];

  function json(el, name) {
    var v = el.getAttribute(name);
    if (!v) { return null; }
    try { return JSON.parse(v); } catch (err) { return null; }
  }

  /* How a count enters a total; the same rules as kg/report/figures.py (shape). */
  function shape(c) {
    var lo = c.min, hi = c.max, q = c.q;
    if (q === "approximately") { return "approx"; }
    if (q === "vague" || (lo === null && hi === null)) { return "vague"; }
    if (lo === null) { return "upper"; }
    if (hi !== null && hi === lo && (q === null || q === "exact")) { return "exact"; }
    return "lower";
  }

  /* The same rules as kg/report/figures.py (total): exact only when every figure is exact, else "≥ N". */
  function total(counts) {
    var lower = 0, approxSum = 0, n = { exact: 0, lower: 0, approx: 0, upper: 0, vague: 0, unreported: 0 };
    counts.forEach(function (c) {
      if (!c) { n.unreported += 1; return; }
      var s = shape(c);
      n[s] += 1;
      if (s === "exact" || s === "lower") { lower += c.min || 0; }
      else if (s === "approx" && c.min !== null) { approxSum += c.min; }
    });
    if (!counts.length) { return { figure: "–", note: "no events" }; }
    if (n.unreported === counts.length) { return { figure: "none reported", note: "" }; }
    var notes = [];
    if (n.lower) { notes.push(n.lower + " open-ended"); }
    if (n.approx) { notes.push(n.approx + " approximate (≈ " + approxSum + ", not added)"); }
    if (n.upper) { notes.push(n.upper + " upper bound only (not added)"); }
    if (n.vague) { notes.push(n.vague + " without a number"); }
    if (n.unreported) { notes.push(n.unreported + " not reported"); }
    return { figure: n.exact === counts.length ? String(lower) : "≥ " + lower, note: notes.join(", ") };
  }

  function countOf(row, kind) {
    var cell = row.querySelector('td[data-kind="' + kind + '"]');
    return cell ? json(cell, "data-count") : null;
  }

  function updateTotals(visible) {
    if (!table) { return; }
    KINDS.forEach(function (kind) {
      var cell = table.querySelector('tfoot td[data-kind="' + kind + '"]');
      if (!cell) { return; }
      var t = total(visible.map(function (r) { return countOf(r, kind); }));
      cell.querySelector(".total-figure").textContent = t.figure;
      var note = cell.querySelector(".total-note");
      if (!note && t.note) {
        cell.appendChild(document.createElement("br"));
        note = document.createElement("span");
        note.className = "said total-note";
        cell.appendChild(note);
      }
      if (note) { note.textContent = t.note; }
    });
    var shown = table.querySelector("tfoot .shown-count");
    if (shown) { shown.textContent = String(visible.length); }
  }

  function matches(row, f) {
    if (f.type && row.getAttribute("data-type") !== f.type) { return false; }
    if (f.place && (json(row, "data-place") || []).indexOf(f.place) < 0) { return false; }
    if (f.actor && (json(row, "data-actors") || []).indexOf(f.actor) < 0) { return false; }
    if (f.from || f.to) {
      var first = row.getAttribute("data-first"), last = row.getAttribute("data-last");
      if (!first) { return false; }
      if (f.to && first > f.to) { return false; }
      if (f.from && (last || first) < f.from) { return false; }
    }
    return true;
  }

  function show(el, ok) {
    if (el instanceof HTMLElement) { el.hidden = !ok; }
    else if (ok) { el.removeAttribute("display"); }
    else { el.setAttribute("display", "none"); }
  }

  function apply() {
    var f = { type: "", place: "", actor: "", from: "", to: "" };
    if (form) { Object.keys(f).forEach(function (k) { if (form.elements[k]) { f[k] = form.elements[k].value; } }); }
    var visible = [], shownIris = {};
    rows.forEach(function (row) {
      var ok = matches(row, f);
      row.hidden = !ok;
      if (ok) { visible.push(row); shownIris[row.getAttribute("data-event")] = true; }
    });
    document.querySelectorAll("[data-event]:not(tr)").forEach(function (el) {
      show(el, shownIris[el.getAttribute("data-event")]);
    });
    document.querySelectorAll("tr[data-claim-event]").forEach(function (el) {
      show(el, shownIris[el.getAttribute("data-claim-event")]);
    });
    document.querySelectorAll(".map-point").forEach(function (el) {
      show(el, (json(el, "data-events") || []).some(function (iri) { return shownIris[iri]; }));
    });
    updateTotals(visible);
    var status = document.getElementById("filter-status");
    if (status) { status.textContent = visible.length + " of " + rows.length + " events shown"; }
  }

  function highlight(id) {
    document.querySelectorAll("mark.current").forEach(function (m) { m.classList.remove("current"); });
    document.querySelectorAll("mark[data-spans]").forEach(function (m) {
      if (m.getAttribute("data-spans").split(" ").indexOf(id) >= 0) { m.classList.add("current"); }
    });
  }

  function flashRow(id) {
    document.querySelectorAll("tr.current-row").forEach(function (r) { r.classList.remove("current-row"); });
    var row = document.getElementById(id);
    if (row && row.tagName === "TR") { row.classList.add("current-row"); }
  }

  function go(id, ev) {
    var target = document.getElementById(id);
    if (!target) { return; }
    if (ev) { ev.preventDefault(); }
    if (history.pushState) { history.pushState(null, "", "#" + id); }
    target.scrollIntoView({ block: "center" });
    if (target.focus) { target.focus({ preventScroll: true }); }
    if (id.indexOf("src-") === 0) { highlight(id); } else { flashRow(id); }
  }

  document.addEventListener("click", function (ev) {
    var el = ev.target;
    if (!el || !el.closest) { return; }
    var link = el.closest("a[href^='#']");
    if (link) {
      var id = (link.getAttribute("href") || "").slice(1);
      var target = id && document.getElementById(id);
      if (target && (id.indexOf("src-") === 0 || target.tagName === "TR")) { go(id, ev); }
      return;
    }
    var mark = el.closest("mark[data-goto]");
    if (mark) { go(mark.getAttribute("data-goto"), ev); return; }
    var row = el.closest("tr[data-evidence]");
    if (row && !el.closest("button, select, input, label")) { go(row.getAttribute("data-evidence"), ev); }
  });

  if (form) {
    form.hidden = false;
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  }
  apply();
  if (location.hash.length > 1) {
    var start = decodeURIComponent(location.hash.slice(1));
    if (start.indexOf("src-") === 0) { highlight(start); } else { flashRow(start); }
  }
}());
