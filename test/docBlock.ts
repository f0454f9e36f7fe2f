/**
 * A part of a doc that a test generates, between a begin and an end marker:
 * with UPDATE_DOCS=1 the test rewrites it; otherwise the doc must already
 * hold exactly what the test computed (`expect(doc).toContain(block)`).
 */
import { readFileSync, writeFileSync } from 'node:fs';

export function docWithBlock(file: URL, begin: string, end: string, content: string): { doc: string; block: string } {
  const block = `${begin}\n${content}\n${end}`;
  let doc = readFileSync(file, 'utf8');
  if (process.env.UPDATE_DOCS === '1' && doc.includes(begin)) {
    doc = doc.slice(0, doc.indexOf(begin)) + block + doc.slice(doc.indexOf(end) + end.length);
    writeFileSync(file, doc);
  }
  return { doc, block };
}
