// The screen kept awake while a session runs (released on pause and at the end;
// the browser drops it when the tab is hidden, so the player asks again on return).

function createWakeLock() {
  let sentinel = null;
  let wanted = false;
  async function acquire() {
    wanted = true;
    if (sentinel || !navigator.wakeLock || document.visibilityState !== "visible") return;
    try {
      sentinel = await navigator.wakeLock.request("screen");
      sentinel.addEventListener("release", () => {
        sentinel = null;
      });
    } catch (err) {
      sentinel = null; // not allowed here (battery saver, no permission): the session goes on
    }
  }
  function release() {
    wanted = false;
    if (sentinel) sentinel.release().catch(() => {});
    sentinel = null;
  }
  return { acquire, release, get wanted() { return wanted; }, get held() { return sentinel !== null; } };
}
