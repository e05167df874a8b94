// Remembered choices: read one localStorage key once per mount and report it as a
// state value; store what Python asks to write. Nothing is drawn.

function readStored(storageKey) {
  try {
    const parsed = JSON.parse(window.localStorage.getItem(storageKey) || "{}");
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

export default function ({ parentElement, data, setStateValue }) {
  [data] = data || []; // sent in a list of one (components/assets.py: why)
  const storageKey = data && data.storageKey;
  const box = parentElement.querySelector(".lp");
  if (!storageKey || !box) return undefined;
  if (data.write) {
    try {
      window.localStorage.setItem(storageKey, JSON.stringify(data.write));
    } catch {
      // Private browsing or a full store: the choice still holds for this visit.
    }
  }
  // Read once per mount (the element is new on each mount), not on every rerun.
  if (box.dataset.read !== storageKey) {
    box.dataset.read = storageKey;
    setStateValue("stored", readStored(storageKey));
  }
  return undefined;
}
