// A large text made small to travel: gzip (the browser's own CompressionStream), then
// base64, since a report is JSON. A 10,000-session history (1.8 MB) goes as ~0.4 MB of
// text, and neither the browser nor the server has to escape, copy and parse the
// megabytes as a JSON string (components/store/__init__.py unpacks it). Null where the
// browser cannot compress, or the text has a lone surrogate that UTF-8 cannot carry:
// the caller then sends the text as it is.
const PACK_ABOVE = 65536; // characters; below this the text goes as it is

async function packText(text) {
  if (typeof CompressionStream !== "function" || typeof text.isWellFormed !== "function") {
    return null;
  }
  if (!text.isWellFormed()) return null;
  const gzipped = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  const bytes = new Uint8Array(await new Response(gzipped).arrayBuffer());
  if (typeof bytes.toBase64 === "function") return bytes.toBase64();
  let binary = "";
  for (let at = 0; at < bytes.length; at += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(at, at + 0x8000));
  }
  return btoa(binary);
}
