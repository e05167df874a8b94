// A step's demo, still: the end pose over a faint start pose. The geometry is
// loaded once per page (shared/figure_loader.js). The picture's text (its
// aria-label) is set by drawFigureStill as an attribute, never as markup.

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
