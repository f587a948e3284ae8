// The upload progress of the import forms (templates/imports/upload.html and history.html); without script
// the form posts as usual.  After the upload the label says what the server does next (the box's
// data-after-upload).  An answer that is a redirect to another page (a history's job page, with its own
// progress per file, polled by htmx) is followed; any other answer (the dry run, or the form with its
// errors) is shown in place.
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
    xhr.upload.onload = function () {
      bar.removeAttribute("value");
      label.textContent = box.getAttribute("data-after-upload") || "memeriksa berkas…";
    };
    xhr.onload = function () {
      if (xhr.status === 200 && xhr.responseURL && xhr.responseURL !== form.action) {
        window.location.assign(xhr.responseURL);
        return;
      }
      document.open(); document.write(xhr.responseText); document.close();
    };
    xhr.onerror = function () { label.textContent = "gagal mengunggah; coba lagi"; };
    xhr.send(new FormData(form));
  });
})();
