/*
 * The presentation page: three slides per indicator (rule and reading, worked example, calculator), so
 * that each fits a projector's screen. Start at any indicator (#slide-17 from an indicator page, or the
 * "start at" list), filter by category or by responsible unit (said in the bar; the "start at" list then
 * offers only those), move with → (next) and ← (previous) — what presentation clickers send —, Home /
 * End, F for the browser's full screen, Esc to leave. Space, ↓ and Page Down scroll a slide that is
 * taller than the screen first (a cue says there is more) and turn only at its end; ↑, Page Up and
 * Shift+Space the other way. Printing (button or Ctrl+P) prints the indicators of the current filter,
 * one per A4 page (present.css), under a running header (presentation.py handout_css).
 * Loaded as a module: runs once, binds every visit via document$.
 */
import { mountEach, onEveryPage } from "../mount.js";

const NEXT_KEYS = new Set(["ArrowRight", "n", "N"]);
const PREVIOUS_KEYS = new Set(["ArrowLeft", "p", "P"]);
// These scroll the current slide while there is more of it that way, and turn the page only then.
const DOWN_KEYS = new Set(["ArrowDown", "PageDown", " ", "Spacebar"]);
const UP_KEYS = new Set(["ArrowUp", "PageUp", "Backspace"]);
const FIELD = "input, select, textarea, [contenteditable]";
const FIT_FLOOR = 0.6; // the smallest type a slide is fitted with, as a share of its usual size

let active = null; // the mounted deck of the current page (instant navigation replaces the page)

function mount(root) {
  if (root.dataset.presentMounted) return;
  root.dataset.presentMounted = "1";
  const deck = root.querySelector("[data-present-deck]");
  const slides = [...root.querySelectorAll(".present-slide")];
  const startSelect = root.querySelector("[data-present-start]");
  const startOptions = [...startSelect.options]; // all of them; the filter puts back only its own
  const categorySelect = root.querySelector("[data-present-category]");
  const unitSelect = root.querySelector("[data-present-unit]");
  const position = root.querySelector("[data-present-position]");
  const filterNote = root.querySelector("[data-present-filter]");
  const more = root.querySelector("[data-present-more]");
  let current = 0;

  const visible = () => slides.filter((s) => !s.classList.contains("is-filtered-out"));
  const firstPart = (number) => slides.findIndex((s) => s.dataset.number === number);

  function applyFilter() {
    const category = categorySelect.value;
    const unitOption = unitSelect.selectedOptions[0];
    const numbers = unitSelect.value ? new Set(unitOption.dataset.numbers.split(" ")) : null;
    for (const slide of slides) {
      const keep =
        (!category || slide.dataset.category === category) && (!numbers || numbers.has(slide.dataset.number));
      slide.classList.toggle("is-filtered-out", !keep);
    }
    const shown = visible();
    const shownNumbers = new Set(shown.map((s) => s.dataset.number));
    startSelect.replaceChildren(...startOptions.filter((o) => shownNumbers.has(o.value)));
    // Said on the slide too: the audience sees only what the filter keeps.
    const only = [categorySelect, unitSelect].filter((s) => s.value).map((s) => s.selectedOptions[0].dataset.only);
    filterNote.hidden = !only.length;
    filterNote.textContent = only.length
      ? root.dataset.onlyTemplate.replace("{what}", only.join(root.dataset.onlySep))
      : "";
    // The handout breaks the page before every indicator but the first one printed: no blank first page.
    for (const s of slides) s.classList.toggle("is-first-shown", s === shown[0]);
    if (!shown.includes(slides[current]) && shown.length) show(slides.indexOf(shown[0]));
    else show(current);
  }

  function show(index, atEnd = false) {
    current = Math.max(0, Math.min(slides.length - 1, index));
    const slide = slides[current];
    for (const s of slides) {
      const on = s === slide;
      s.classList.toggle("is-current", on);
      s.setAttribute("aria-hidden", on ? "false" : "true");
    }
    // The place among the filter's indicators, and which of the indicator's slides: "17 / 41（2/3）".
    const numbers = [...new Set(visible().map((s) => s.dataset.number))];
    position.textContent = numbers.indexOf(slide.dataset.number) + 1 + " / " + numbers.length + slide.dataset.partLabel;
    if (startSelect.value !== slide.dataset.number) startSelect.value = slide.dataset.number;
    if (location.hash !== "#" + slide.id) history.replaceState(history.state, "", "#" + slide.id);
    fit(slide);
    // Going back shows the end of the previous slide, so that ↑ retraces exactly what ↓ showed.
    slide.scrollTop = atEnd ? slide.scrollHeight : 0;
    watch(slide);
    updateMore();
  }

  function step(delta, atEnd = false) {
    const shown = visible();
    if (!shown.length) return;
    const place = shown.indexOf(slides[current]);
    const next = shown[Math.max(0, Math.min(shown.length - 1, place + delta))];
    if (next !== slides[current]) show(slides.indexOf(next), atEnd);
  }

  // How far the current slide can still scroll down (0: its end is on the screen).
  const below = (slide) => slide.scrollHeight - slide.clientHeight - slide.scrollTop;

  /**
   * Presenting, a slide taller than the screen gets smaller type until it fits, down to FIT_FLOOR of its
   * size and never under 16 px (present.css sizes the type by the screen; 200 % zoom has 16 px already).
   * What still does not fit scrolls, with the cue. Fitted when shown and when the window changes, not
   * while a calculator grows: type that shrinks under the presenter's hands would be worse.
   */
  function fit(slide) {
    slide.style.fontSize = "";
    more.hidden = true; // measured without the cue's strip; updateMore puts it back if need be
    if (!root.classList.contains("is-presenting")) return;
    const base = parseFloat(getComputedStyle(slide).fontSize);
    const floor = Math.max(16, base * FIT_FLOOR);
    for (let size = base; slide.scrollHeight - slide.clientHeight > 1 && size > floor; ) {
      size = Math.max(floor, size - 1);
      slide.style.fontSize = size + "px";
    }
  }

  /** Scrolls the current slide by most of a screen towards `direction` (1 down, -1 up); false at its end. */
  function scrollSlide(direction) {
    const slide = slides[current];
    const room = direction > 0 ? below(slide) : slide.scrollTop;
    if (room < 2) return false; // rounding: a slide that fits can be a pixel out
    // Keep two lines of the last screen in view, as a browser's Page Down does.
    const line = parseFloat(getComputedStyle(slide).lineHeight) || 24;
    slide.scrollBy({ top: direction * Math.max(line, slide.clientHeight - 2 * line), behavior: "instant" });
    updateMore(); // now, not at the scroll event's next frame: the cue must be right for the next key
    return true;
  }

  // The cue: shown while the current slide has more below what the screen shows.
  function updateMore() {
    more.hidden = !(root.classList.contains("is-presenting") && below(slides[current]) >= 2);
  }
  // A slide grows when its calculator is opened or drawn: watch what it holds.
  const resizes = new ResizeObserver(updateMore);
  function watch(slide) {
    resizes.disconnect();
    resizes.observe(slide);
    for (const child of slide.children) resizes.observe(child);
  }

  function present(on) {
    root.classList.toggle("is-presenting", on);
    document.documentElement.classList.toggle("present-active", on);
    if (on) deck.focus({ preventScroll: true });
    else if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    fit(slides[current]);
    updateMore();
  }

  function fullScreen() {
    if (document.fullscreenElement) {
      document.exitFullscreen().catch(() => {});
      return;
    }
    if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen().catch(() => {});
  }

  function onKey(event) {
    if (!root.isConnected) {
      document.removeEventListener("keydown", onKey);
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const inField = event.target.closest && event.target.closest(FIELD);
    // In a calculator box the arrows and Space edit; Page Up / Page Down (clickers) still move.
    if (inField && event.key !== "PageDown" && event.key !== "PageUp") return;
    if (
      !inField &&
      event.target.closest &&
      event.target.closest("button, a, summary") &&
      (event.key === " " || event.key === "Enter")
    )
      return;
    // Shift+Space goes back, as it scrolls back in a browser.
    const down = DOWN_KEYS.has(event.key) && !(event.key === " " && event.shiftKey);
    const up = UP_KEYS.has(event.key) || (event.key === " " && event.shiftKey);
    if (NEXT_KEYS.has(event.key)) step(1);
    else if (PREVIOUS_KEYS.has(event.key)) step(-1);
    else if (down) {
      if (!scrollSlide(1)) step(1);
    } else if (up) {
      if (!scrollSlide(-1)) step(-1, true);
    } else if (event.key === "Home") step(-slides.length);
    else if (event.key === "End") step(slides.length);
    else if (event.key === "f" || event.key === "F") fullScreen();
    else if (event.key === "Escape" && root.classList.contains("is-presenting")) present(false);
    else return;
    event.preventDefault();
  }

  startSelect.addEventListener("change", () => show(firstPart(startSelect.value)));
  categorySelect.addEventListener("change", applyFilter);
  unitSelect.addEventListener("change", applyFilter);
  root.querySelector("[data-present-prev]").addEventListener("click", () => step(-1));
  root.querySelector("[data-present-next]").addEventListener("click", () => step(1));
  root.querySelector("[data-present-exit]").addEventListener("click", () => present(false));
  root.querySelector("[data-present-go]").addEventListener("click", () => {
    present(true);
    fullScreen();
  });
  root.querySelector("[data-present-print]").addEventListener("click", () => window.print());
  more.addEventListener("click", () => scrollSlide(1));
  // Scrolled by wheel, touch or keys; the window resized (full screen, zoom).
  for (const slide of slides) slide.addEventListener("scroll", updateMore, { passive: true });
  window.addEventListener("resize", () => {
    fit(slides[current]);
    updateMore();
  });
  document.addEventListener("keydown", onKey);

  // #slide-17 (an indicator page's link) is the first of its slides; #slide-17-2 the second.
  const wanted = /^#slide-(\d+)(-\d+)?$/.exec(location.hash);
  const start = wanted ? slides.findIndex((s) => "#" + s.id === location.hash) : 0;
  root.classList.add("is-ready");
  applyFilter();
  show(Math.max(start, 0));
  // Opened from an indicator page ("presentation mode" on #slide-N): present at once.
  if (wanted) present(true);
  active = root;
}

// Leaving the slides by instant navigation ends presenting.
onEveryPage(() => {
  if (active && !active.isConnected) {
    document.documentElement.classList.remove("present-active");
    active = null;
  }
});
mountEach("[data-present]", mount);
