// The figure's code (static/figure.js, served by the app) loaded once per page, as a
// classic script, by the first list of cards that needs it; every other one waits for
// the same load. The geometry is not inside the component's own code: it would travel
// in every run's messages (38 KB a list).

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
