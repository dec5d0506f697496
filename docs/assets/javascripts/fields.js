// @ts-check
/*
 * The input widgets the self-scoring form and the indicator calculators share: a text box bound to one
 * place of an assessment (data-path = facts/<key>[/<year>][/<field>], where calc reports its problems), and
 * a rate or growth figure entered as a percent or as its two parts. Each page passes its class prefix
 * ("selfscore", "calc"), its id for a path and its words; the widgets hold only the value being edited and
 * never score.
 */
import { el } from "./selfscore/dom.js";

/** The two parts of a figure entered in parts: a rate's numerator and denominator, a growth's two years. */
export const RATE_PARTS = { ratio: ["numerator", "denominator"], growth: ["current", "previous"] };

/**
 * @typedef {object} TextFieldOptions
 * @property {string} prefix            class prefix: <prefix>-input, <prefix>-label, <prefix>-sr, …
 * @property {(path: string) => string} idOf   the input's id for its data-path
 * @property {string} path
 * @property {string} label
 * @property {string} [hidden]          read by screen readers before the label (which fact, which year)
 * @property {() => any} get
 * @property {(value: string | null) => void} set   null when the box is emptied
 * @property {() => void} onInput       after set: the page rescoring
 * @property {boolean} [numeric]        a number keypad on phones (default true)
 * @property {boolean} [wide]
 * @property {boolean} [trim]           hand over the trimmed text (the calculator) or the text as typed
 * @property {string | null} [fallback] shown, marked, while the box is empty (a national default)
 * @property {string} [defaultTag]      the mark beside the label while the fallback shows
 */

/** @param {TextFieldOptions} options */
export function textField(options) {
  const { prefix, idOf, path, label, hidden, get, set, onInput, numeric = true, wide = false, trim = false } = options;
  const fallback = options.fallback ?? null;
  const id = idOf(path);
  const input = /** @type {HTMLInputElement} */ (
    el("input", {
      id,
      type: "text",
      "data-path": path,
      autocomplete: "off",
      spellcheck: "false",
      inputmode: numeric ? "decimal" : null,
      class: wide ? prefix + "-wide" : null,
    })
  );
  const tag =
    options.defaultTag === undefined
      ? null
      : el("span", { class: prefix + "-default-tag", text: options.defaultTag, hidden: true });
  const show = () => {
    const value = get();
    const useDefault = (value === undefined || value === null || value === "") && fallback !== null;
    // A value of another shape than the field takes (from a file; calc reports it) is shown as JSON, as written.
    input.value = useDefault
      ? /** @type {string} */ (fallback)
      : value !== null && typeof value === "object"
        ? JSON.stringify(value)
        : String(value ?? "");
    input.classList.toggle(prefix + "-default", useDefault);
    if (tag) tag.hidden = !useDefault;
  };
  input.addEventListener("input", () => {
    input.classList.remove(prefix + "-default");
    if (tag) tag.hidden = true;
    const text = trim ? input.value.trim() : input.value;
    set(input.value.trim() === "" ? null : text);
    onInput();
  });
  input.addEventListener("blur", () => {
    if (fallback !== null && input.value.trim() === "") show();
  });
  show();
  return el("label", { class: prefix + "-input", for: id }, [
    el("span", { class: prefix + "-label" }, [
      hidden ? el("span", { class: prefix + "-sr", text: hidden + " " }) : null,
      label,
      tag,
    ]),
    input,
  ]);
}

/**
 * @typedef {object} PairWords
 * @property {string} percent
 * @property {string} parts
 * @property {string} growthParts
 * @property {string} entryMode
 */

/**
 * @typedef {object} PairFieldOptions
 * @property {string} prefix
 * @property {(path: string) => string} idOf
 * @property {"ratio" | "growth"} kind
 * @property {PairWords & Object<string, any>} words   the page's texts: the choices, and a label per part
 * @property {(part: string) => string} partNote      what a part counts ("（网络交易经营者数）"), or ""
 * @property {string} path
 * @property {any} value                  {percent} or the two parts, or nothing yet
 * @property {(value: object | null) => void} onChange
 * @property {() => void} onInput
 * @property {string} yearLabel           "" when the figure is not per year
 * @property {string} yearClass
 * @property {string} [hidden]            for screen readers, before each label
 * @property {string | null} [fallback]   the percent box's national default
 * @property {string} [defaultTag]
 * @property {Object<string, string>} [boxAttributes]
 * @property {Object<string, string>} [selectAttributes]
 * @property {Array<Node | null>} [after]   nodes after the boxes (the units' values to choose from, errors)
 * @property {boolean} [trim]
 */

/** @param {PairFieldOptions} options */
export function pairField(options) {
  const { prefix, idOf, kind, words, partNote, path, onChange, onInput, yearLabel, hidden } = options;
  const [a, b] = RATE_PARTS[kind];
  const current = options.value && typeof options.value === "object" ? Object.assign({}, options.value) : {};
  let mode = a in current || b in current ? "parts" : "percent";
  const selectId = idOf(path) + "-mode";
  const select = /** @type {HTMLSelectElement} */ (
    el("select", { id: selectId, ...(options.selectAttributes || {}) }, [
      el("option", { value: "percent", text: words.percent, selected: mode === "percent" }),
      el("option", {
        value: "parts",
        text: kind === "ratio" ? words.parts : words.growthParts,
        selected: mode === "parts",
      }),
    ])
  );
  const fields = el("span", { class: prefix + "-pair-fields" });
  const shownParts = () => (mode === "percent" ? ["percent"] : [a, b]);
  function emit() {
    /** @type {Object<string, any>} */
    const out = {};
    for (const k of shownParts()) if (current[k] !== undefined && current[k] !== null) out[k] = current[k];
    onChange(Object.keys(out).length ? out : null);
  }
  function draw() {
    fields.textContent = "";
    for (const k of shownParts()) {
      fields.append(
        textField({
          prefix,
          idOf,
          path: path + "/" + k,
          label: (words[k] || words.percent) + partNote(k),
          hidden,
          get: () => current[k],
          set: (v) => {
            current[k] = v;
            emit();
          },
          onInput,
          trim: options.trim,
          fallback: k === "percent" ? (options.fallback ?? null) : null,
          defaultTag: options.defaultTag,
        }),
      );
    }
  }
  select.addEventListener("change", () => {
    mode = select.value;
    draw();
    emit();
    onInput();
  });
  draw();
  return el("div", { class: prefix + "-pair", ...(options.boxAttributes || {}) }, [
    yearLabel ? el("span", { class: options.yearClass, text: yearLabel }) : null,
    el("label", { class: prefix + "-input " + prefix + "-mode", for: selectId }, [
      el("span", { class: prefix + "-label" }, [
        hidden ? el("span", { class: prefix + "-sr", text: hidden + " " }) : null,
        words.entryMode,
      ]),
      select,
    ]),
    fields,
    ...(options.after || []),
  ]);
}
