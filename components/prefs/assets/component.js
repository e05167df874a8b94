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
  const storageKey = data && data.storageKey;
  if (!storageKey) return undefined;
  if (data.write) {
    try {
      window.localStorage.setItem(storageKey, JSON.stringify(data.write));
    } catch {
      // Private browsing or a full store: the choice still holds for this visit.
    }
  }
  if (parentElement.dataset.read !== storageKey) {
    parentElement.dataset.read = storageKey;
    setStateValue("stored", readStored(storageKey));
  }
  return undefined;
}
