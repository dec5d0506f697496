/*
 * The presentation page: one indicator per slide. Start at any indicator (#slide-17 from an indicator
 * page, or the "start at" list), filter by category or by responsible unit, move with → ↓ Page Down
 * Space (next) and ← ↑ Page Up (previous) — what presentation clickers send —, Home / End, F for the
 * browser's full screen, Esc to leave. Printing (button or Ctrl+P) prints the slides of the current
 * filter, one per A4 page (present.css). Loaded as a module: runs once, binds every visit via document$.
 */
const NEXT_KEYS = new Set(["ArrowRight", "ArrowDown", "PageDown", " ", "Spacebar", "n", "N"]);
const PREVIOUS_KEYS = new Set(["ArrowLeft", "ArrowUp", "PageUp", "Backspace", "p", "P"]);
const FIELD = "input, select, textarea, [contenteditable]";

let active = null; // the mounted deck of the current page (instant navigation replaces the page)

function mount(root) {
  if (root.dataset.presentMounted) return;
  root.dataset.presentMounted = "1";
  const deck = root.querySelector("[data-present-deck]");
  const slides = [...root.querySelectorAll(".present-slide")];
  const startSelect = root.querySelector("[data-present-start]");
  const categorySelect = root.querySelector("[data-present-category]");
  const unitSelect = root.querySelector("[data-present-unit]");
  const position = root.querySelector("[data-present-position]");
  let current = 0;

  const visible = () => slides.filter((s) => !s.classList.contains("is-filtered-out"));

  function applyFilter() {
    const category = categorySelect.value;
    const unitOption = unitSelect.selectedOptions[0];
    const numbers = unitSelect.value ? new Set(unitOption.dataset.numbers.split(" ")) : null;
    for (const slide of slides) {
      const keep = (!category || slide.dataset.category === category) && (!numbers || numbers.has(slide.dataset.number));
      slide.classList.toggle("is-filtered-out", !keep);
    }
    for (const option of startSelect.options) {
      const slide = slides.find((s) => s.dataset.number === option.value);
      option.hidden = slide.classList.contains("is-filtered-out");
      option.disabled = option.hidden;
    }
    const shown = visible();
    // The handout breaks the page before every slide but the first one printed: no blank first page.
    slides.forEach((s) => s.classList.toggle("is-first-shown", s === shown[0]));
    if (!shown.includes(slides[current]) && shown.length) show(slides.indexOf(shown[0]));
    else show(current);
  }

  function show(index) {
    current = Math.max(0, Math.min(slides.length - 1, index));
    const shown = visible();
    for (const slide of slides) {
      const on = slide === slides[current];
      slide.classList.toggle("is-current", on);
      slide.setAttribute("aria-hidden", on ? "false" : "true");
    }
    const place = shown.indexOf(slides[current]) + 1;
    position.textContent = place + " / " + shown.length;
    if (startSelect.value !== slides[current].dataset.number) startSelect.value = slides[current].dataset.number;
    const hash = "#slide-" + slides[current].dataset.number;
    if (location.hash !== hash) history.replaceState(history.state, "", hash);
    slides[current].scrollTop = 0;
  }

  function step(delta) {
    const shown = visible();
    if (!shown.length) return;
    const place = shown.indexOf(slides[current]);
    const next = shown[Math.max(0, Math.min(shown.length - 1, place + delta))];
    show(slides.indexOf(next));
  }

  function present(on) {
    root.classList.toggle("is-presenting", on);
    document.documentElement.classList.toggle("present-active", on);
    if (on) deck.focus({ preventScroll: true });
    else if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
  }

  function fullScreen() {
    if (document.fullscreenElement) { document.exitFullscreen().catch(() => {}); return; }
    if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen().catch(() => {});
  }

  function onKey(event) {
    if (!root.isConnected) { document.removeEventListener("keydown", onKey); return; }
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const inField = event.target.closest && event.target.closest(FIELD);
    // In a calculator box the arrows and Space edit; Page Up / Page Down (clickers) still move.
    if (inField && event.key !== "PageDown" && event.key !== "PageUp") return;
    if (!inField && event.target.closest && event.target.closest("button, a, summary") && (event.key === " " || event.key === "Enter")) return;
    if (NEXT_KEYS.has(event.key)) step(1);
    else if (PREVIOUS_KEYS.has(event.key)) step(-1);
    else if (event.key === "Home") step(-slides.length);
    else if (event.key === "End") step(slides.length);
    else if (event.key === "f" || event.key === "F") fullScreen();
    else if (event.key === "Escape" && root.classList.contains("is-presenting")) present(false);
    else return;
    event.preventDefault();
  }

  startSelect.addEventListener("change", () => show(slides.findIndex((s) => s.dataset.number === startSelect.value)));
  categorySelect.addEventListener("change", applyFilter);
  unitSelect.addEventListener("change", applyFilter);
  root.querySelector("[data-present-prev]").addEventListener("click", () => step(-1));
  root.querySelector("[data-present-next]").addEventListener("click", () => step(1));
  root.querySelector("[data-present-exit]").addEventListener("click", () => present(false));
  root.querySelector("[data-present-go]").addEventListener("click", () => { present(true); fullScreen(); });
  root.querySelector("[data-present-print]").addEventListener("click", () => window.print());
  document.addEventListener("keydown", onKey);

  const wanted = /^#slide-(\d+)$/.exec(location.hash);
  const start = wanted ? slides.findIndex((s) => s.dataset.number === wanted[1]) : 0;
  root.classList.add("is-ready");
  applyFilter();
  show(start < 0 ? 0 : start);
  // Opened from an indicator page ("presentation mode" on #slide-N): present at once.
  if (wanted) present(true);
  active = root;
}

function mountAll() {
  if (active && !active.isConnected) { document.documentElement.classList.remove("present-active"); active = null; }
  for (const root of document.querySelectorAll("[data-present]")) mount(root);
}

if (window.document$ && window.document$.subscribe) window.document$.subscribe(mountAll);
mountAll();
