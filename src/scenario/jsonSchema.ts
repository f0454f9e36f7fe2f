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
