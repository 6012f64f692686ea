// Small behaviours that a strict Content-Security-Policy forbids as inline handlers.
document.addEventListener("click", (event) => {
  const reload = event.target.closest("[data-reload]");
  if (reload) {
    event.preventDefault();
    location.reload();
  }
});
