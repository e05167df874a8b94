// Remembered choices: read one localStorage key once per mount and report it as a
// state value; store what Python asks to write. Nothing is drawn.

// What is stored under the key: an object, {} when it is not one; null when nothing is
// stored there (or storage is blocked).
function readStored(storageKey) {
  let text = null;
  try {
    text = window.localStorage.getItem(storageKey);
  } catch {
    return null;
  }
  if (text === null) return null;
  try {
    const parsed = JSON.parse(text);
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
  // Read once per mount (the element is new on each mount), not on every rerun. Nothing
  // stored is not reported: Python reads "not reported" as nothing remembered, and a new
  // visitor's page then needs no second run.
  if (box.dataset.read !== storageKey) {
    box.dataset.read = storageKey;
    const stored = readStored(storageKey);
    if (stored !== null) setStateValue("stored", stored);
  }
  return undefined;
}
