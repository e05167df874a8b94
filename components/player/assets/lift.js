// The player stays usable when the app's connection drops.
//
// A few seconds after the server goes away (a laptop restarted, a phone's Wi-Fi
// dropping), Streamlit shows its "Connection error" dialog and makes the rest of
// the page inert, the player included. The player needs no server, so while a
// session is under way or its end form is open, it lifts itself out: its shell
// is a <dialog>, shown in place normally and as a modal dialog (the top layer,
// which inertness does not reach) while the page around it is inert. It stays
// lifted until the app says it is connected again (closing Streamlit's dialog
// lifts the inertness but not the outage, and a player that moved back mid-tap
// would lose the tap), then returns to its place. Nothing is re-created on the
// way: the elements, the typed text and the clock carry on.
//
// One more thing is needed: while its dialog is up, Streamlit stops every click
// at the document (the first tap only closes its dialog), so a click inside the
// lifted player never reaches the player's buttons. The player's click handlers
// are registered here too (`tap`), and while lifted a click on one of them is
// taken at the window, before the document, and handled here.

const APP = "[data-testid=stApp]";
const CONNECTION = "data-test-connection-state";

function createLift(shell, root, { wanted }) {
  const host = root.getRootNode().host || null;
  const note = root.querySelector(".lp-offline");
  const taps = new Map(); // element -> its click handler
  let lifted = false;

  const inert = () => Boolean(host && host.closest("[inert]"));
  const connected = () => {
    const app = document.querySelector(APP);
    return !app || !app.hasAttribute(CONNECTION) || app.getAttribute(CONNECTION) === "CONNECTED";
  };

  function place(modal) {
    const focused = root.getRootNode().activeElement;
    shell.close();
    if (modal) shell.showModal();
    else shell.show();
    if (focused && focused.isConnected) focused.focus({ preventScroll: true });
  }

  function sync() {
    const lift = wanted() && (inert() || (lifted && !connected()));
    if (lift === lifted) return;
    lifted = lift;
    place(lift);
    root.classList.toggle("lp-lifted", lift);
    note.hidden = !lift;
  }

  // Streamlit sets `inert` on the app's root element, and says how the connection is.
  const observer = new MutationObserver(sync);
  observer.observe(document.documentElement, {
    attributes: true,
    attributeFilter: ["inert", CONNECTION],
    subtree: true,
  });
  // Escape must not close the player's shell (it is the player, not a passing dialog).
  const keep = (event) => event.preventDefault();
  shell.addEventListener("cancel", keep);

  function rescue(event) {
    if (!lifted) return;
    for (const target of event.composedPath()) {
      const handler = taps.get(target);
      if (handler) {
        event.stopPropagation(); // handled once, here: the button's own listener is not reached
        handler(event);
        return;
      }
      if (target === shell) return;
    }
  }
  window.addEventListener("click", rescue, true);

  return {
    /** Look again (the session started or ended). */
    sync,
    /** Register a click handler of the player's, so it works while the player is lifted. */
    tap(element, handler) {
      taps.set(element, handler);
    },
    get lifted() {
      return lifted;
    },
    destroy() {
      observer.disconnect();
      shell.removeEventListener("cancel", keep);
      window.removeEventListener("click", rescue, true);
      if (lifted) place(false);
      lifted = false;
    },
  };
}
