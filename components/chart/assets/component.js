// Draws a chart of layout.js as SVG, again when its width changes. Labels and
// tooltips are set with textContent: the history's words never become markup.

const CHART_SVG = "http://www.w3.org/2000/svg";

function drawChart(box, data) {
  const width = Math.floor(box.clientWidth);
  const height = Number(data.height) || 240;
  const svg = document.createElementNS(CHART_SVG, "svg");
  svg.setAttribute("width", String(width));
  svg.setAttribute("height", String(height));
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", String(data.label || ""));
  for (const shape of chartLayout(data, width)) {
    const el = document.createElementNS(CHART_SVG, shape.tag);
    for (const [name, value] of Object.entries(shape.attrs)) {
      el.setAttribute(name, typeof value === "number" ? String(Math.round(value * 10) / 10) : String(value));
    }
    if (shape.text !== undefined) el.textContent = shape.text;
    if (shape.title) {
      const title = document.createElementNS(CHART_SVG, "title");
      title.textContent = String(shape.title);
      el.appendChild(title);
    }
    svg.appendChild(el);
  }
  box.replaceChildren(svg);
}

export default function ({ parentElement, data }) {
  [data] = data || []; // sent in a list of one (components/assets.py: why)
  const box = parentElement.querySelector(".lc");
  if (!box || !data) return undefined;
  let drawnWidth = -1;
  const redraw = () => {
    const width = Math.floor(box.clientWidth);
    if (width === drawnWidth) return;
    drawnWidth = width;
    drawChart(box, data);
  };
  redraw();
  const watch = new ResizeObserver(redraw);
  watch.observe(box);
  return () => watch.disconnect();
}
