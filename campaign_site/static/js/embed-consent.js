/* Two-click consent for embedded videos (templates/blocks/video_embed_block.html).
 *
 * Nothing from the video provider loads with the page: its HTML waits inert in a <template>.
 * This script shows the "Load video" button and, when the visitor presses it, puts the player
 * in place of the notice. Without JavaScript the button stays hidden and the link to the
 * video on the provider's site remains. An external file, so a Content-Security-Policy
 * without inline scripts allows it.
 */
(function () {
    "use strict";

    function loadVideo(placeholder, template) {
        var player = document.createElement("div");
        player.className = "embed-consent__player";
        player.setAttribute("tabindex", "-1");
        player.appendChild(template.content.cloneNode(true));

        // The editor's title is the player's accessible name, whatever the provider sent.
        var title = placeholder.getAttribute("data-embed-title");
        var frames = player.querySelectorAll("iframe");
        for (var i = 0; i < frames.length; i++) {
            if (title) {
                frames[i].setAttribute("title", title);
            }
        }

        placeholder.replaceWith(player);
        // The button has gone: keep keyboard and screen-reader users where they were.
        (frames[0] || player).focus();
    }

    function enhance(placeholder) {
        var button = placeholder.querySelector("[data-embed-consent-load]");
        var template = placeholder.querySelector("template[data-embed-consent-content]");
        if (!button || !template || !("content" in template)) {
            return;
        }
        button.hidden = false;
        button.addEventListener("click", function () {
            loadVideo(placeholder, template);
        });
    }

    function init() {
        var placeholders = document.querySelectorAll("[data-embed-consent]:not([data-embed-consent-ready])");
        for (var i = 0; i < placeholders.length; i++) {
            placeholders[i].setAttribute("data-embed-consent-ready", "");
            enhance(placeholders[i]);
        }
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
