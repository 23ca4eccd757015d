// Tiny DOM helpers: element creation, data values kept out of translation.

/** h("div", {class: "x", dataset: {id}}, child, "text") */
export function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "dataset") Object.assign(node.dataset, value);
      else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
      else if (value === true) node.setAttribute(key, "");
      else node.setAttribute(key, value);
    }
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** A data value (number, call sign, user text): never translated, kept in its own direction. */
export function data(value, tag = "span") {
  return h(tag, { translate: "no", dir: "auto", class: "data" }, value ?? "");
}

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

export function isTextField(element) {
  if (!element) return false;
  const tag = element.tagName;
  if (tag === "TEXTAREA" || element.isContentEditable) return true;
  if (tag === "SELECT") return true;
  if (tag !== "INPUT") return false;
  return !["checkbox", "radio", "button", "submit", "reset"].includes(element.type);
}
