// The plan editor: a code picked from the nomenclature fills the form's code and name (and, for a sub
// kegiatan, proposes its official indikator and satuan); the aggregation's explanation follows the choice.
// Searching and the Rencana Aksi helper are htmx; this file only copies what was picked into the form.
(function () {
  "use strict";

  function setField(form, name, value) {
    var field = form.elements.namedItem(name);
    if (field && "value" in field) { field.value = value; }
  }

  document.addEventListener("click", function (event) {
    var pick = event.target.closest("button.nomen-pick");
    if (!pick) { return; }
    var form = pick.closest("form");
    setField(form, "code", pick.dataset.code);
    setField(form, "name", pick.dataset.name);
    if (pick.dataset.indicator && form.elements.namedItem("indicator_name")) {
      setField(form, "indicator_name", pick.dataset.indicator);
      setField(form, "indicator_unit", pick.dataset.unit);
      if (pick.dataset.unit.trim() === "%") { setField(form, "indicator_aggregation", "last"); }
    }
    var results = pick.closest(".nomen-results");
    if (results) { results.innerHTML = ""; }
    var note = form.querySelector(".nomen-note");
    if (note) { note.hidden = false; note.textContent = "Dipilih dari nomenklatur: " + pick.dataset.code; }
  });

  document.addEventListener("input", function (event) {
    // Typing over a picked code or name: it may no longer be the official one (the saved row says).
    var field = event.target;
    if (field.name !== "code" && field.name !== "name") { return; }
    var note = field.form && field.form.querySelector(".nomen-note");
    if (note && !note.hidden) { note.textContent = "Diubah setelah dipilih: diperiksa terhadap nomenklatur saat disimpan."; }
  });

  document.addEventListener("change", function (event) {
    var select = event.target;
    if (!select.classList || !select.classList.contains("aggregation-select")) { return; }
    var option = select.options[select.selectedIndex];
    var explanation = select.form && select.form.querySelector(".spread-explanation");
    if (explanation && option) { explanation.textContent = option.dataset.explain || ""; }
  });
})();
