/**
 * The one way the viewer and the report make elements. Text goes in as text
 * nodes and attributes through setAttribute, so nothing from a recording, a
 * summary or a server ever becomes HTML, whatever it holds. Handlers are
 * attached with addEventListener and colours through `element.style`: the
 * pages' Content-Security-Policy refuses inline handlers and style attributes.
 */

/** A child: an element, or text (numbers are written as they print). Null, undefined and false are left out. */
export type Child = Node | string | number | null | undefined | false;

/** Attributes by name; null, undefined and false leave one out, true sets it empty. */
export type Attributes = Record<string, string | number | boolean | null | undefined>;

/** Creates `<tag attributes…>children…</tag>`. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    // Markup-level handlers and styles are what a CSP refuses; refusing them here keeps the code honest.
    if (/^on/i.test(name) || /^style$/i.test(name)) throw new Error(`el(): set ${name} with addEventListener or element.style, not as an attribute`);
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'number' ? String(child) : child);
  }
  return element;
}

/** A box that scrolls what is too wide (a table on a phone) instead of the page; focusable, so the keyboard can scroll it too. */
export function scrollBox(label: string, ...children: Child[]): HTMLElement {
  return el('div', { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': label }, ...children);
}

/** A small square of colour, as legends show beside a name. */
export function swatch(colour: string): HTMLElement {
  const square = el('i');
  square.style.background = colour;
  return square;
}
