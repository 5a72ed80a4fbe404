// wagtail-localize's translation editor renders two labels in English whatever the admin's
// language: "<source> to <target> translation" above the strings and "More actions" in its
// action menu. The page gives their translations (templates/wagtail_localize/admin/
// edit_translation.html); this swaps them in whenever the editor (re)renders them.
(() => {
  const start = () => {
    const labels = document.getElementById("localize-editor-labels");
    const editor = document.querySelector(".js-translation-editor");
    if (!labels || !editor) return;
    const replacements = new Map([
      [labels.dataset.english, labels.dataset.translated],
      ["More actions", labels.dataset.moreActions],
    ]);
    const relabel = () => {
      const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const replacement = replacements.get(node.nodeValue.trim());
        if (replacement && replacement !== node.nodeValue) node.nodeValue = replacement;
      }
    };
    new MutationObserver(relabel).observe(editor, {
      childList: true,
      subtree: true,
      characterData: true,
    });
    relabel();
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
