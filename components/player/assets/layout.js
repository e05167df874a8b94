// Where the running player sits on the screen, and focus mode.
//
// While a session runs the player's first screenful fills the window below the
// app's top bar (component.css sizes it from --lp-app-top, measured here). On
// Start the player is scrolled fully into view, once; after that the app never
// scrolls. Focus mode puts the player alone on the screen: the Fullscreen API on
// the player's own element (allowed only from the button's click), or, where a
// browser has none (iPhones), the player laid over the page; Escape or the button
// leaves it. "How to do it" stays open once opened, in this browser.

const APP_TOP_BAR = '[data-testid="stHeader"]';

function createLayout(root, { howKey }) {
  const $ = (sel) => root.querySelector(sel);
  const button = $(".lp-focus-btn");
  const how = $(".lp-how");
  const listeners = [];
  let covering = false; // focus mode without the Fullscreen API

  function on(target, type, fn) {
    target.addEventListener(type, fn);
    listeners.push(() => target.removeEventListener(type, fn));
  }

  // The app's top bar is fixed over the page and lies outside the component: this
  // is the one place the player looks outside its own element, to sit below it.
  function measureTop() {
    const bar = document.querySelector(APP_TOP_BAR);
    const bottom = bar ? Math.max(0, Math.round(bar.getBoundingClientRect().bottom)) : 0;
    root.style.setProperty("--lp-app-top", `${bottom}px`);
  }

  const fullscreen = () => root.getRootNode().fullscreenElement === root;
  const focused = () => fullscreen() || covering;

  function sync() {
    const on_ = focused();
    root.classList.toggle("lp-focus", on_);
    button.textContent = on_ ? "Leave full screen" : "Full screen";
    measureTop();
  }

  function enter() {
    if (root.requestFullscreen && document.fullscreenEnabled) {
      // Called straight from the click: the browser allows full screen only then.
      root.requestFullscreen({ navigationUI: "hide" }).catch(() => {
        covering = true; // refused (a policy, an embedding page): cover the page instead
        sync();
      });
      return;
    }
    covering = true;
    sync();
  }

  function leave() {
    covering = false;
    if (fullscreen() && document.exitFullscreen) document.exitFullscreen().catch(() => {});
    sync();
  }

  on(button, "click", () => (focused() ? leave() : enter()));
  on(document, "fullscreenchange", sync);
  on(document, "keydown", (event) => {
    if (event.key === "Escape" && covering) leave(); // full screen handles its own Escape
  });
  on(window, "resize", measureTop);

  how.open = readJson(howKey, false) === true;
  on(how, "toggle", () => writeJson(howKey, how.open));

  return {
    /** The session has started: the player is sized to the window and brought fully into view. */
    started() {
      measureTop();
      root.classList.add("lp-live");
      root.scrollIntoView({ block: "start", inline: "nearest", behavior: "instant" });
    },
    /** The running screen is gone (ended, or back to the ready screen). */
    stopped() {
      root.classList.remove("lp-live");
      if (focused()) leave();
    },
    destroy() {
      if (focused()) leave();
      for (const off of listeners) off();
    },
  };
}
