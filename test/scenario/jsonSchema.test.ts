import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../src/scenario/jsonSchema.js';

const FILE = new URL('../../scenarios/schema.json', import.meta.url);

describe('scenarios/schema.json', () => {
  it('is what src/scenario/schema.ts generates (regenerate: UPDATE_SCHEMA=1 npx vitest run test/scenario/jsonSchema.test.ts)', () => {
    const fresh = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(FILE, fresh);
    expect(readFileSync(FILE, 'utf8'), 'scenarios/schema.json is stale').toBe(fresh);
  });

  it('describes the fields a scenario author writes, in their input form', () => {
    const schema = scenarioJsonSchema() as { properties: Record<string, { type?: string }> };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['extends', 'design', 'sites', 'fire', 'services', 'history']));
    expect(schema.properties.horizon!.type).toBe('string'); // "10d", not milliseconds
  });
});
