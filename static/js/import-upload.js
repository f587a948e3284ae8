// The import form's upload progress (templates/imports/upload.html); without script the form posts as usual.
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
    xhr.upload.onload = function () { bar.removeAttribute("value"); label.textContent = "membaca dan memeriksa berkas…"; };
    xhr.onload = function () { document.open(); document.write(xhr.responseText); document.close(); };
    xhr.onerror = function () { label.textContent = "gagal mengunggah; coba lagi"; };
    xhr.send(new FormData(form));
  });
})();
