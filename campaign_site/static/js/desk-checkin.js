// The check-in page's camera scanner, where the browser can read QR codes itself
// (BarcodeDetector). Without it the page works as it is: search by name, or open the code's
// address with the phone's camera app.
(function () {
  "use strict";
  var form = document.querySelector("[data-checkin-scan]");
  if (!form || !("BarcodeDetector" in window) || !navigator.mediaDevices) {
    return;
  }
  var start = form.querySelector("[data-scan-start]");
  var stop = form.querySelector("[data-scan-stop]");
  var video = form.querySelector("[data-scan-video]");
  var field = form.querySelector("input[name=code]");
  var stream = null;
  var detector = null;

  function end() {
    if (stream) {
      stream.getTracks().forEach(function (track) { track.stop(); });
      stream = null;
    }
    video.hidden = true;
    stop.hidden = true;
    start.hidden = false;
  }

  function look() {
    if (!stream) {
      return;
    }
    detector.detect(video).then(function (codes) {
      if (codes.length) {
        field.value = codes[0].rawValue;
        end();
        form.submit();
      } else {
        window.setTimeout(look, 250);
      }
    }, function () { window.setTimeout(look, 500); });
  }

  window.BarcodeDetector.getSupportedFormats().then(function (formats) {
    if (formats.indexOf("qr_code") === -1) {
      return;
    }
    detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    form.hidden = false;
    start.addEventListener("click", function () {
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
        .then(function (camera) {
          stream = camera;
          video.srcObject = camera;
          video.hidden = false;
          stop.hidden = false;
          start.hidden = true;
          return video.play();
        })
        .then(look, end);
    });
    stop.addEventListener("click", end);
  });
})();
