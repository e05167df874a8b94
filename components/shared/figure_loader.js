// The figure's code (static/figure.js, served by the app) loaded once per page, as a
// classic script, by the first picture that needs it; every other one waits for the
// same load. Shared by the stills (components/figure) and the routine cards
// (components/cards).

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
