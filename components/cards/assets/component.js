// Cards in a grid, or in rows with the still beside the words (components/cards/__init__.py):
// the Library's routines and picks, a routine's steps. Every word is set with
// textContent: a routine's title or summary never becomes markup. The stills are
// drawn by static/figure.js, loaded once per page (shared/figure_loader.js).
// Start, where a card has one, sets the trigger value "start" to the card's id.

function cardElement(doc, card, index, data) {
  const item = doc.createElement("li");
  item.className = "lr-card";
  item.dataset.id = card.id;
  const title = doc.createElement(`h${Number(data.level) || 4}`);
  title.className = "lr-title";
  title.id = `lr-title-${index}`;
  title.textContent = card.title;
  item.appendChild(title);
  if (card.still) {
    const still = doc.createElement("div");
    still.className = "lr-still";
    still.style.height = `${Number(data.stillHeight) || 96}px`;
    item.appendChild(still);
  }
  const words = doc.createElement("div");
  words.className = "lr-words";
  const facts = doc.createElement("p");
  facts.className = "lr-facts";
  facts.textContent = card.facts;
  words.appendChild(facts);
  const text = doc.createElement("p");
  text.className = "lr-text";
  text.textContent = card.text;
  words.appendChild(text);
  for (const note of card.notes || []) {
    const line = doc.createElement("p");
    line.className = "lr-note";
    line.textContent = note;
    words.appendChild(line);
  }
  item.appendChild(words);
  if (!data.start) return item;
  const start = doc.createElement("button");
  start.type = "button";
  start.className = data.primary ? "lr-start lr-primary" : "lr-start";
  start.dataset.start = card.id;
  start.setAttribute("aria-describedby", title.id); // "Start", then which routine
  start.textContent = "Start";
  item.appendChild(start);
  return item;
}

function drawStills(list, cards, geometry, isLive) {
  if (!cards.some((card) => card.still)) return;
  loadFigureGeometry(geometry).then(
    () => {
      if (!isLive()) return;
      const items = list.querySelectorAll(".lr-card");
      cards.forEach((card, index) => {
        const box = items[index] && items[index].querySelector(".lr-still");
        if (box && card.still) window.drawFigureStill(box, card.still);
      });
    },
    (err) => console.warn(String(err)),
  );
}

export default function ({ parentElement, data, setTriggerValue }) {
  [data] = data || []; // sent in a list of one (components/assets.py: why)
  const list = parentElement.querySelector(".lr");
  if (!list || !data) return undefined;
  // The latest setTriggerValue: a press goes to the component as it is now.
  list.onclick = (event) => {
    const button = event.target.closest("button[data-start]");
    if (button) setTriggerValue("start", button.dataset.start);
  };
  // A rerun with the same cards leaves them as they are: no flicker, stills kept.
  const drawn = JSON.stringify(data);
  if (list.__limberDrawn === drawn) return undefined;
  list.__limberDrawn = drawn;
  // Cards for a browser that holds nothing: where it holds something, say so and wait for
  // the run that has read it.
  const waiting = Array.isArray(data.unlessStored) && keptUnderAny(data.unlessStored) === true;
  const cards = waiting ? [] : data.cards || [];
  const lead = parentElement.querySelector(".lr-lead");
  if (lead) {
    lead.textContent = String((waiting ? data.waiting : data.lead) || "");
    lead.hidden = !lead.textContent;
  }
  list.dataset.state = waiting ? "waiting" : "drawn";
  const doc = parentElement.ownerDocument || document;
  list.setAttribute("aria-label", String(data.label || ""));
  list.style.setProperty("--lr-narrowest", `${Number(data.narrowest) || 17}rem`);
  list.style.setProperty("--lr-repeat", data.stretch ? "auto-fit" : "auto-fill");
  list.classList.toggle("lr-rows", Boolean(data.rows));
  list.replaceChildren(...cards.map((card, index) => cardElement(doc, card, index, data)));
  let live = true;
  drawStills(list, cards, data.geometry, () => live && list.__limberDrawn === drawn);
  return () => {
    live = false;
  };
}
