// A step's demo, still: the end pose over a faint start pose. The geometry
// (static/figure.js, served by the app) is loaded once per page, as a classic
// script, by the first still that needs it; every other still waits for the same
// load. The picture's text (its aria-label) is set by drawFigureStill as an
// attribute, never as markup.

function loadFigureGeometry(src) {
  if (typeof window.drawFigureStill === "function") return Promise.resolve();
  if (!window.__limberFigureLoad) {
    window.__limberFigureLoad = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.async = true;
      script.onload = () => resolve();
      script.onerror = () => {
        window.__limberFigureLoad = null; // a later still may try again
        reject(new Error(`the figure's code could not be loaded from ${src}`));
      };
      document.head.appendChild(script);
    });
  }
  return window.__limberFigureLoad;
}

export default function ({ parentElement, data }) {
  [data] = data || []; // sent in a list of one (components/assets.py: why)
  const box = parentElement.querySelector(".lf");
  if (!box || !data) return undefined;
  const height = Number(data.height) || 120;
  box.style.setProperty("--lf-height", `${height}px`);
  const demo = data.demo || { poses: [] };
  let live = true;
  loadFigureGeometry(data.geometry).then(
    () => {
      if (live) window.drawFigureStill(box, demo);
    },
    (err) => console.warn(String(err)),
  );
  return () => {
    live = false;
  };
}
