// The history form's upload progress (templates/imports/history.html); without script the form posts as usual.
// The server answers an accepted upload with a redirect to the job's page (its progress per file, polled by
// htmx): go there; a refused form comes back with its errors and is shown in place.
(function () {
  var form = document.getElementById("import-form");
  if (!form || !window.XMLHttpRequest || !window.FormData) { return; }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var box = document.getElementById("import-progress");
    var bar = box.querySelector("progress"), label = box.querySelector("span");
    box.hidden = false;
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) { bar.value = Math.round(100 * e.loaded / e.total); }
    };
    xhr.upload.onload = function () { bar.removeAttribute("value"); label.textContent = "menyiapkan uji coba…"; };
    xhr.onload = function () {
      if (xhr.status === 200 && xhr.responseURL && xhr.responseURL !== form.action) {
        window.location.assign(xhr.responseURL);  // the job's page, with its own progress
        return;
      }
      document.open(); document.write(xhr.responseText); document.close();
    };
    xhr.onerror = function () { label.textContent = "gagal mengunggah; coba lagi"; };
    xhr.send(new FormData(form));
  });
})();
