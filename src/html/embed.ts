/**
 * Data inside a page Firedrill writes (a recording in an exported viewer, a
 * sweep's summary in report.html): a script element of a JSON type, which
 * browsers never run, with every `<` written `\u003c`. Inside the element
 * nothing can then end it, open a comment or start another element, whatever
 * the strings of the data hold (`</script>`, `<!--<script>`): the tokenizer
 * only reacts to `<`. JSON decodes `\u003c` back to `<`, and `<` can only
 * occur inside JSON strings, so the data reads back unchanged.
 */

/** A data block to put before `</body>`. */
export interface DataBlock {
  /** Element id the page looks it up by. */
  id: string;
  type: 'application/json' | 'application/x-ndjson';
  /** JSON text, or JSON lines; already validated by the caller. */
  json: string;
  /** Shown by the page (a file name), as an attribute. */
  name?: string;
}

/** Escapes text for a double-quoted HTML attribute. */
export function attributeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `html` with `block` inside, inert, just before the last `</body>`. */
export function embedData(html: string, block: DataBlock): string {
  const at = html.lastIndexOf('</body>');
  if (at < 0) throw new Error('the page has no </body> to put its data before');
  const name = block.name === undefined ? '' : ` data-name="${attributeText(block.name)}"`;
  const element = `<script type="${block.type}" id="${attributeText(block.id)}"${name}>${block.json.replaceAll('<', '\\u003c')}</script>\n`;
  return html.slice(0, at) + element + html.slice(at);
}
