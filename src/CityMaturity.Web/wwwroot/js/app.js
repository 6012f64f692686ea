// Small behaviours that a strict Content-Security-Policy forbids as inline handlers.
document.addEventListener("click", (event) => {
  const reload = event.target.closest("[data-reload]");
  if (reload) {
    event.preventDefault();
    location.reload();
  }
});

// After a navigation the page title receives focus, so screen readers announce the new page. Blazor's FocusOnNavigate
// looks for it once, right after the route changes; a page that loads its data first renders its title later. This
// waits for the title (at most 10 s) and stops waiting as soon as the user clicks or types: focus is theirs then.
window.cityMaturity = window.cityMaturity || {};
window.cityMaturity.focusTitleWhenShown = (selector) => {
  const focus = () => {
    const title = document.querySelector(selector);
    if (!title) {
      return false;
    }
    if (!title.hasAttribute("tabindex")) {
      title.setAttribute("tabindex", "-1");
    }
    title.focus();
    return true;
  };
  if (focus()) {
    return;
  }
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
    document.removeEventListener("pointerdown", stop, true);
    document.removeEventListener("keydown", stop, true);
  };
  const observer = new MutationObserver(() => {
    if (focus()) {
      stop();
    }
  });
  const timer = setTimeout(stop, 10000);
  observer.observe(document.body, { childList: true, subtree: true });
  document.addEventListener("pointerdown", stop, true);
  document.addEventListener("keydown", stop, true);
};

// MudDataGrid names every sort button just "Sort" (its localizer knows no column), so a screen reader's list of buttons
// reads "Sort, Sort, Sort". Each is named after its column instead ("Sort by Name"). Blazor leaves the attribute alone
// afterwards (its value in the render tree never changes); a button it re-creates is named again by the observer.
(() => {
  const nameSortButtons = () => {
    for (const button of document.querySelectorAll("th .column-options button[aria-label='Sort']")) {
      const title = button.closest("th").querySelector(".column-header > span:first-child")?.textContent.trim();
      if (title) {
        button.setAttribute("aria-label", `Sort by ${title}`);
      }
    }
  };
  new MutationObserver(nameSortButtons).observe(document.body, { childList: true, subtree: true });
  nameSortButtons();
})();
