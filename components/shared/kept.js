// Whether this browser keeps something under any of these localStorage keys: true or
// false; null when storage cannot be read (blocked). One rule for "this browser holds a
// history" wherever a page is drawn before the history has been read: the store skips
// its first report where it is false, the picks wait for the history where it is true.
function keptUnderAny(keys) {
  try {
    return keys.some((key) => window.localStorage.getItem(String(key)) !== null);
  } catch {
    return null;
  }
}
