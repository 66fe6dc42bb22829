// The one DOM helper of the widget and the staff pages: elements built from a tag, attributes and children, with
// every piece of text placed as text (textContent or a text node), never parsed as HTML.

/** An attribute's value: text, a listener (for a name starting with "on"), or true/false for a bare attribute. */
export type Attr = string | number | boolean | null | undefined | ((e: Event) => void);
export type Child = Node | string | number | null | undefined;

/**
 * An element with attributes and children. `text` sets its text, `class` its class names, a function
 * for `onX` listens to X; a value of false, null or undefined leaves the attribute out, true sets it bare.
 * Null and undefined children are skipped.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, Attr> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "text") e.textContent = String(v);
    else if (k === "class") e.className = String(v);
    else if (typeof v === "function") e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) if (c != null) e.append(c instanceof Node ? c : String(c));
  return e;
}
