/**
 * The debrief as one HTML file: a new document holding the debrief's elements
 * (copied as elements: their text stays text), the page's styles, and a
 * policy that allows that style alone — no script at all. Built with the DOM
 * and serialised by the browser, never pieced together from strings.
 */
const base64 = (bytes: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(bytes)));

/** Downloads `section` as a self-contained page named `name`. */
export async function exportDebrief(section: Element, name: string): Promise<void> {
  const css = [...document.querySelectorAll('style')].map((s) => s.textContent ?? '').join('\n');
  const hash = base64(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(css)));
  const doc = document.implementation.createHTMLDocument(`${document.title} — debrief`);
  const charset = doc.createElement('meta');
  charset.setAttribute('charset', 'utf-8');
  const policy = doc.createElement('meta');
  policy.httpEquiv = 'Content-Security-Policy';
  policy.content = `default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'`;
  const style = doc.createElement('style');
  style.textContent = css;
  doc.head.prepend(charset, policy);
  doc.head.append(style);
  doc.body.append(doc.importNode(section, true));
  const page = `<!doctype html>\n${doc.documentElement.outerHTML}\n`;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([page], { type: 'text/html' }));
  link.download = name;
  link.click();
}
