// The entry screen: move between cells like a spreadsheet, paste a block copied from Excel.
// Saving itself is htmx (hx-post on change); this file only moves focus and sends pasted blocks.
(function () {
  "use strict";

  function cells() {
    return Array.from(document.querySelectorAll("#entry-table input.cell"));
  }

  // Inputs of one column (0: K, 1: Rp) in document order, and the position of an input in it.
  function column(col) {
    return cells().filter(function (c) { return c.dataset.col === String(col); });
  }

  // The column's places in document order, read-only ones included: a computed indicator's K
  // (span.cell-fixed) keeps its line in a pasted block, so the lines below it land where they belong.
  function places(col) {
    return Array.from(document.querySelectorAll("#entry-table [data-col='" + col + "']"))
      .filter(function (c) { return c.classList.contains("cell") || c.classList.contains("cell-fixed"); });
  }

  function rowCells(input) {
    var tr = input.closest("tr");
    return tr ? Array.from(tr.querySelectorAll("input.cell")) : [input];
  }

  function focusCell(target) {
    if (target) { target.focus(); target.select(); }
  }

  function vertical(input, step) {
    var list = column(input.dataset.col);
    var i = list.indexOf(input);
    focusCell(list[i + step]);
  }

  function horizontal(input, step) {
    var list = rowCells(input);
    var i = list.indexOf(input);
    var target = list[i + step];
    if (!target) {  // past the end of the row: the next row's first cell, or the previous row's last
      var all = cells();
      target = all[all.indexOf(input) + step];
    }
    focusCell(target);
  }

  document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.classList.contains("cell")) { return; }
    var atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    var atEnd = input.selectionStart === input.value.length;
    var whole = input.selectionStart === 0 && input.selectionEnd === input.value.length;
    if (event.key === "Enter" || (event.key === "ArrowDown" && !event.altKey)) {
      event.preventDefault();
      input.dispatchEvent(new Event("change", { bubbles: true }));  // save before leaving (htmx ignores no-ops)
      vertical(input, event.shiftKey ? -1 : 1);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      input.dispatchEvent(new Event("change", { bubbles: true }));
      vertical(input, -1);
    } else if (event.key === "ArrowRight" && (atEnd || whole)) {
      event.preventDefault();
      horizontal(input, 1);
    } else if (event.key === "ArrowLeft" && (atStart || whole)) {
      event.preventDefault();
      horizontal(input, -1);
    } else if (event.key === "Escape") {
      input.value = input.defaultValue;  // back to the saved value
    }
  });

  // A value unchanged since it was shown is not sent again.
  document.addEventListener("htmx:confirm", function (event) {
    var input = event.target;
    if (input instanceof HTMLInputElement && input.classList.contains("cell") && input.value === input.defaultValue
        && !input.closest("td").classList.contains("invalid")) {
      event.preventDefault();
    }
  });

  // A block pasted from Excel (tab-separated lines): fill the cells from the focused one to the right
  // and down, then send them in one request; every cell answers for itself.
  document.addEventListener("paste", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.classList.contains("cell")) { return; }
    var text = (event.clipboardData || window.clipboardData).getData("text");
    if (!/[\t\n]/.test(text.replace(/\n$/, ""))) { return; }  // one value: an ordinary paste
    event.preventDefault();
    var lines = text.replace(/\r/g, "").replace(/\n$/, "").split("\n");
    var startRow = places(input.dataset.col).indexOf(input);
    var startCol = Number(input.dataset.col);
    var sent = [];
    var skipped = 0;
    var columns = [places(0), places(1)];  // looked up once, not per pasted cell
    lines.forEach(function (line, r) {
      line.split("\t").forEach(function (value, c) {
        if (startCol + c > 1) { return; }
        var target = columns[startCol + c][startRow + r];
        if (!target) { return; }
        if (target.classList.contains("cell-fixed")) { skipped += 1; return; }  // computed: never typed
        target.value = value.trim();
        sent.push({ kind: target.dataset.kind, id: target.dataset.id, value: target.value, version: target.dataset.version });
      });
    });
    var note = document.getElementById("paste-skipped");
    if (note) {
      note.textContent = skipped ? skipped + " sel indikator terhitung (ƒ) dilewati: realisasinya dihitung dari angka dasar." : "";
    }
    if (!sent.length || !window.htmx) { return; }
    var root = document.querySelector(".entry");
    window.htmx.ajax("POST", root.dataset.pasteUrl, {
      source: input, target: "#paste-status", swap: "innerHTML", values: { cells: JSON.stringify(sent) }
    });
    var status = document.getElementById("paste-status");
    if (status) { status.textContent = sent.length + " sel ditempel, menyimpan..."; }
  });
})();

// What a cell sends with its value: which figure it is and the version it was shown with (data-*),
// so the markup of a 500-row table carries each of them once.
document.addEventListener("htmx:configRequest", function (event) {
  var el = event.detail.elt;
  if (el instanceof HTMLInputElement && el.classList.contains("cell")) {
    event.detail.parameters.kind = el.dataset.kind;
    event.detail.parameters.id = el.dataset.id;
    event.detail.parameters.version = el.dataset.version;
  }
});

