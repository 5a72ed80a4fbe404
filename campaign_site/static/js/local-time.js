// Adds "your local time" next to event times when the visitor's time zone differs from the
// event's. Progressive enhancement: the page states the event's local time without it.
// The words around that time are the page's own (`data-local-label`, from the catalogues).
(function () {
  "use strict";
  var visitorZone;
  try {
    visitorZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  document.querySelectorAll("time[data-local-time]").forEach(function (element) {
    var value = element.getAttribute("datetime") || "";
    // Only instants ("2023-01-31T13:15:00-05:00"): a date alone is an all-day event, the
    // same day wherever the visitor is.
    if (!/^\d{4,}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?[+-]\d\d:\d\d$/.test(value)) return;
    var instant = new Date(value);
    if (isNaN(instant)) return;
    var offsetInPage = value.slice(-6);
    var minutes = -instant.getTimezoneOffset();
    var sign = minutes >= 0 ? "+" : "-";
    var abs = Math.abs(minutes);
    var visitorOffset = sign + String(Math.floor(abs / 60)).padStart(2, "0") + ":" + String(abs % 60).padStart(2, "0");
    if (visitorOffset === offsetInPage) return;
    var formatted = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
      weekday: "short", day: "numeric", month: "short", hour: "numeric", minute: "2-digit",
      timeZone: visitorZone, timeZoneName: "short"
    }).format(instant);
    var hint = document.createElement("span");
    hint.className = "local-time-hint";
    // The words come from the page, in its language and typography ("%(time)s" is the time).
    var label = element.getAttribute("data-local-label") || "(%(time)s)";
    hint.textContent = " " + label.replace("%(time)s", formatted);
    element.insertAdjacentElement("afterend", hint);
  });
})();
