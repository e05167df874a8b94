// A step's demo, still (figure.js is prepended): the end pose over a faint start
// pose. The picture's text (its aria-label) is set by drawFigureStill as an
// attribute, never as markup.

export default function ({ parentElement, data }) {
  const box = parentElement.querySelector(".lf");
  if (!box) return undefined;
  const height = Number(data && data.height) || 120;
  box.style.setProperty("--lf-height", `${height}px`);
  drawFigureStill(box, (data && data.demo) || { poses: [] });
  return undefined;
}
