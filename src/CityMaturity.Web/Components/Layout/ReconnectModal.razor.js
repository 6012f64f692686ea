// Drives the reconnect dialog from the events .NET 10's blazor.web.js raises on it (the framework template's behaviour).
const dialog = document.getElementById("components-reconnect-modal");
dialog.addEventListener("components-reconnect-state-changed", onStateChanged);
document.getElementById("components-reconnect-button").addEventListener("click", retry);
document.getElementById("components-resume-button").addEventListener("click", resume);

function onStateChanged(event) {
  const state = event.detail.state;
  if (state === "show") {
    dialog.showModal();
  } else if (state === "hide") {
    dialog.close();
  } else if (state === "failed") {
    document.addEventListener("visibilitychange", retryWhenVisible);
  } else if (state === "rejected") {
    // The server no longer knows this circuit: a fresh page is the quickest way back.
    location.reload();
  }
}

async function retry() {
  document.removeEventListener("visibilitychange", retryWhenVisible);
  try {
    // true: reconnected; false: the server answered but lost the circuit; an exception: still unreachable.
    if (!await Blazor.reconnect()) {
      if (await Blazor.resumeCircuit()) {
        dialog.close();
      } else {
        location.reload();
      }
    }
  } catch {
    document.addEventListener("visibilitychange", retryWhenVisible);
  }
}

async function resume() {
  try {
    if (!await Blazor.resumeCircuit()) {
      location.reload();
    }
  } catch {
    dialog.classList.replace("components-reconnect-paused", "components-reconnect-resume-failed");
  }
}

async function retryWhenVisible() {
  if (document.visibilityState === "visible") {
    await retry();
  }
}
