// How a computed figure of the E.81 report was worked out: a click (or Enter / Space) on a cell marked
// data-x opens a dialog with its rule, inputs, formula and findings.  The words come written from the
// server (the JSON block #e81-explanations, made by reporting.renderers.html); nothing is computed here.
// Keyboard: one computed cell is in the Tab order at a time; the arrow keys move between them.
(function () {
  "use strict";
  var source = document.getElementById("e81-explanations");
  if (!source) return;
  // {"s": texts, "k": {number: [severity, message]}, "c": cells}; a cell is
  // [title, where, rule, [[input, value]...], formula, [notes], [finding numbers]], texts by position.
  var data = JSON.parse(source.textContent);
  var texts = data.s;
  function item(index) {
    var c = data.c[index];
    if (!c) return null;
    return {
      t: texts[c[0]], w: texts[c[1]], r: texts[c[2]],
      i: c[3].map(function (pair) { return [texts[pair[0]], texts[pair[1]]]; }),
      f: c[4],
      n: c[5].map(function (n) { return texts[n]; }),
      k: c[6].map(function (no) { return [no].concat(data.k[String(no)]); })
    };
  }
  var cells = Array.prototype.slice.call(document.querySelectorAll("td[data-x]"));
  if (!cells.length) return;

  var dialog = document.createElement("dialog");
  dialog.className = "explain";
  dialog.setAttribute("aria-labelledby", "explain-title");
  document.body.appendChild(dialog);
  var opener = null;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function section(title, body) {
    var wrap = el("section");
    wrap.appendChild(el("h3", "", title));
    wrap.appendChild(body);
    return wrap;
  }

  function render(item, shown) {
    dialog.textContent = "";
    var head = el("div", "explain-head");
    head.appendChild(el("h2", "", item.t)).id = "explain-title";
    var close = el("button", "explain-close", "Tutup");
    close.type = "button";
    close.addEventListener("click", function () { dialog.close(); });
    head.appendChild(close);
    dialog.appendChild(head);
    if (item.w) dialog.appendChild(el("p", "explain-where", item.w));
    dialog.appendChild(el("p", "explain-value", "Nilai: " + (shown || "kosong")));
    dialog.appendChild(section("Aturan", el("p", "", item.r)));
    if (item.i.length) {
      var table = el("table", "explain-inputs");
      item.i.forEach(function (pair) {
        var tr = el("tr");
        tr.appendChild(el("th", "", pair[0])).scope = "row";
        tr.appendChild(el("td", "n", pair[1]));
        table.appendChild(tr);
      });
      dialog.appendChild(section("Masukan", table));
    }
    if (item.f) dialog.appendChild(section("Rumus", el("p", "explain-formula", item.f)));
    item.n.forEach(function (note) { dialog.appendChild(el("p", "explain-note", note)); });
    var list = el("ul", "explain-findings");
    if (item.k.length) {
      item.k.forEach(function (f) {
        var name = data.numbered === false ? "Temuan" : "Temuan " + f[0]; // a screen listing them its own way
        list.appendChild(el("li", "", name + " (" + f[1] + "): " + f[2]));
      });
    } else {
      list.appendChild(el("li", "muted", "Tidak ada temuan tentang sel ini."));
    }
    dialog.appendChild(section("Temuan", list));
  }

  function open(cell) {
    var explained = item(Number(cell.getAttribute("data-x")));
    if (!explained) return;
    render(explained, cell.textContent.trim());
    opener = cell;
    dialog.showModal();
  }

  dialog.addEventListener("close", function () { if (opener) opener.focus(); });
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) dialog.close(); // a click on the backdrop
  });

  // Roving tabindex: the cells keep their table semantics; the first one is reachable with Tab.
  cells.forEach(function (cell, i) {
    cell.tabIndex = i === 0 ? 0 : -1;
    cell.setAttribute("aria-haspopup", "dialog");
  });

  function focusCell(cell) {
    if (!cell) return;
    cells.forEach(function (c) { if (c.tabIndex === 0) c.tabIndex = -1; });
    cell.tabIndex = 0;
    cell.focus();
  }

  function neighbour(cell, rows) {
    // the computed cell of the next/previous row with one, nearest in horizontal position
    var row = cell.parentElement;
    var x = cell.getBoundingClientRect().left;
    for (var r = rows > 0 ? row.nextElementSibling : row.previousElementSibling; r;
         r = rows > 0 ? r.nextElementSibling : r.previousElementSibling) {
      var options = r.querySelectorAll("td[data-x]");
      if (!options.length) continue;
      var best = null, distance = Infinity;
      options.forEach(function (o) {
        var d = Math.abs(o.getBoundingClientRect().left - x);
        if (d < distance) { best = o; distance = d; }
      });
      return best;
    }
    return null;
  }

  document.addEventListener("click", function (event) {
    var cell = event.target.closest && event.target.closest("td[data-x]");
    if (cell && !dialog.contains(cell)) { focusCell(cell); open(cell); }
  });
  document.addEventListener("keydown", function (event) {
    var cell = event.target;
    if (!(cell instanceof HTMLElement) || !cell.matches("td[data-x]")) return;
    var i = cells.indexOf(cell);
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      open(cell);
    } else if (event.key === "ArrowRight") {
      event.preventDefault();
      focusCell(cells[i + 1]);
    } else if (event.key === "ArrowLeft") {
      event.preventDefault();
      focusCell(cells[i - 1]);
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      focusCell(neighbour(cell, event.key === "ArrowDown" ? 1 : -1));
    } else if (event.key === "Home" || event.key === "End") {
      event.preventDefault();
      focusCell(cells[event.key === "Home" ? 0 : cells.length - 1]);
    }
  });
})();
