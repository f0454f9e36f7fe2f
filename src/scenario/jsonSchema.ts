/**
 * The JSON Schema editors use for scenario files (`scenarios/schema.json`),
 * generated from the one zod schema so the two can never disagree. Design
 * overlays add `extends` and `design` and may leave anything out.
 */
import { z } from 'zod';
import { Scenario } from './schema.js';

/** The editor schema of scenario and design files. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Scenario, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown> & { properties: Record<string, unknown>; required?: string[] };
  allowTemplates(schema);
  return {
    ...schema,
    title: 'Firedrill scenario',
    description: 'A Firedrill scenario (scenarios/*.yaml) or a design overlay (scenarios/designs/*.yaml, with extends:). Generated from src/scenario/schema.ts; do not edit by hand.',
    properties: {
      extends: { type: 'string', description: 'Built-in scenario name or path this file overlays; when present every other field is optional.' },
      design: { type: 'object', properties: { id: { type: 'string' }, title: { type: 'string' }, description: { type: 'string' } }, required: ['id', 'title'], additionalProperties: false },
      ...schema.properties,
    },
    // An overlay may omit anything; a base scenario must have the required fields.
    if: { required: ['extends'] },
    then: {},
    else: { required: schema.required ?? [] },
    required: [],
  };
}

const TEMPLATE = {
  type: 'object',
  required: ['count'],
  description: 'A template: count instances of this item, {i} their number and {name} the variables of let: (see docs/scenarios.md). Checked once expanded.',
  properties: {
    count: { type: 'integer', minimum: 0, description: 'How many items this one stands for.' },
    first: { type: 'integer', minimum: 0, description: 'The number {i} of the first instance. [default: 1]' },
    let: { type: 'object', description: 'Variables drawn per instance: a value, { uniform: [low, high] }, { choice: [...], weights: [...] } or { pick: n | [min, max], from: [patterns], in: services }.' },
    seed: { description: 'Changes the draws of this template (any value).' },
  },
};

/** Lets every item of a list of things with ids be a template as well (see templates.ts). */
function allowTemplates(node: unknown): void {
  if (node === null || typeof node !== 'object') return;
  const n = node as Record<string, unknown>;
  const items = n.items as Record<string, unknown> | undefined;
  if (n.type === 'array' && items && typeof items === 'object' && (items.properties as Record<string, unknown> | undefined)?.id !== undefined) {
    allowTemplates(items);
    n.items = { anyOf: [items, TEMPLATE] };
    return;
  }
  for (const value of Object.values(n)) allowTemplates(value);
}
