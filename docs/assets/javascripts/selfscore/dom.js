// @ts-check
/* Small DOM helpers shared by the self-scoring modules. */

export function el(tag, attrs, children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of [].concat(children || [])) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

export function download(name, text, type) {
  const blob = new Blob([text], { type });
  const a = el("a", { href: URL.createObjectURL(blob), download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

/** "facts/online_tax_share/percent" -> "fact-online_tax_share-percent"; "facts/10.1" -> "fact-10.1" */
export function cssId(path) {
  return path
    .replace(/^facts\//, "fact-")
    .replace(/\//g, "-")
    .replace(/[^A-Za-z0-9_.-]/g, "_");
}
