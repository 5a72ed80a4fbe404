// Listing filters on phones: the fields fold behind one "Filter" button, so the results come
// first. The page is sent with the fields open: without JavaScript, and on wider screens,
// visitors see them at once. A form with errors stays open.
(function () {
    "use strict";
    var phone = window.matchMedia("(max-width: 47.99rem)");
    var disclosures = document.querySelectorAll("details[data-filters]");

    function fit() {
        disclosures.forEach(function (details) {
            details.open = !phone.matches || details.hasAttribute("data-keep-open");
        });
    }

    fit();
    phone.addEventListener("change", fit);
})();
