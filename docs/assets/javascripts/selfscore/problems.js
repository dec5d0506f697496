// @ts-check
/*
 * Problems calc found in what was entered: the GOV.UK error summary (links that bring each field into view
 * and focus it), the message beside each field, and the warning shown before export, print or merge
 * while invalid values remain.
 */
import { el } from "./dom.js";

function inputFor(root, field) {
  const inputs = [...root.querySelectorAll("[data-path]")].filter((node) => !node.closest(".selfscore-merge"));
  const exact = inputs.find((node) => node.dataset.path === field);
  if (exact) return exact;
  let best = null;
  for (const node of inputs) {
    const path = node.dataset.path;
    if (field.startsWith(path + "/") && (!best || path.length > best.dataset.path.length)) best = node;
  }
  return best || inputs.find((node) => node.dataset.path.startsWith(field + "/")) || null;
}

/** A link that opens the field's indicator, scrolls the field into view with its label and focuses it. */
function fieldLink(ctx, input, text, field) {
  return el("a", {
    href: "#" + input.id,
    "data-error-field": field,
    text,
    onclick: (event) => {
      // Handled here, not by the browser or Material's instant navigation (which would only scroll).
      event.preventDefault();
      event.stopPropagation();
      const article = input.closest(".selfscore-indicator");
      if (article) ctx.openIndicator(Number(article.dataset.indicator));
      const label = input.closest("[data-field-box]") || input;
      label.scrollIntoView({ block: "center" });
      input.focus({ preventScroll: true });
    },
  });
}

export function renderProblems(ctx, errorSummary, problems) {
  const root = ctx.root;
  const { t, tr } = ctx;
  for (const box of root.querySelectorAll(".selfscore-field-errors")) box.textContent = "";
  for (const node of root.querySelectorAll("[aria-invalid]")) {
    node.removeAttribute("aria-invalid");
    const described = (node.getAttribute("aria-describedby") || "")
      .split(" ")
      .filter((id) => id && !id.startsWith("err-"));
    if (described.length) node.setAttribute("aria-describedby", described.join(" "));
    else node.removeAttribute("aria-describedby");
  }
  for (const box of root.querySelectorAll(".selfscore-field--error")) box.classList.remove("selfscore-field--error");
  errorSummary.textContent = "";
  errorSummary.hidden = problems.length === 0;
  if (!problems.length) return;
  const list = el("ul", { class: "selfscore-errors-list" });
  problems.forEach((problem, index) => {
    const message = tr(problem.message);
    const input = problem.field ? inputFor(root, problem.field) : null;
    if (input) {
      const box = input.closest("[data-field-box]");
      const errorId = "err-" + index;
      if (box) {
        box.classList.add("selfscore-field--error");
        const holder = box.querySelector(".selfscore-field-errors");
        if (holder) holder.append(el("p", { class: "selfscore-field-error", id: errorId, text: message }));
      }
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", ((input.getAttribute("aria-describedby") || "") + " " + errorId).trim());
      list.append(el("li", {}, fieldLink(ctx, input, message, problem.field)));
    } else {
      list.append(el("li", { "data-error-field": problem.field || "", text: message }));
    }
  });
  errorSummary.append(
    el("h2", { id: "selfscore-errors-title", text: t.errorsTitle }),
    el("p", { text: t.errorsIntro }),
    list,
  );
}

/**
 * Before export or print: when invalid values remain, say so and list them (with links), and let the
 * person go on anyway or go back. `proceed` runs on "go on"; nothing is blocked silently.
 */
export function warnInvalid(ctx, box, problems, actionLabel, proceed) {
  box.textContent = "";
  if (!problems.length) {
    box.hidden = true;
    proceed();
    return;
  }
  const { t, tr } = ctx;
  // One box: the question lists the same problems as the page's error summary, which steps aside meanwhile.
  const summary = ctx.root.querySelector(".selfscore-errors");
  const close = () => {
    box.hidden = true;
    box.textContent = "";
    if (summary) summary.hidden = !(ctx.problems || []).length;
  };
  if (summary) summary.hidden = true;
  box.hidden = false;
  const list = el(
    "ul",
    {},
    problems.map((problem) => {
      const input = problem.field ? inputFor(ctx.root, problem.field) : null;
      const text = tr(problem.message);
      return el("li", {}, input ? fieldLink(ctx, input, text, problem.field) : text);
    }),
  );
  const goOn = el("button", {
    type: "button",
    class: "md-button md-button--primary selfscore-small",
    id: "selfscore-warn-proceed",
    text: t.warnProceed(actionLabel),
    onclick: () => {
      close();
      proceed();
    },
  });
  box.append(
    el("h2", { id: "selfscore-warn-title", text: t.warnTitle(problems.length) }),
    el("p", { text: t.warnIntro }),
    list,
    el("div", { class: "selfscore-actions" }, [
      goOn,
      el("button", { type: "button", class: "md-button selfscore-small", text: t.warnBack, onclick: close }),
    ]),
  );
  box.scrollIntoView({ block: "start" });
  goOn.focus({ preventScroll: true });
}
