/**
 * zod compiles its object parsers with `new Function` unless told not to. The
 * pages' Content-Security-Policy refuses eval (and reports even the probe zod
 * makes for it), so the pages run zod without. zod decides when a schema is
 * built, so every page's entry imports this module first, before any schema.
 */
import { z } from 'zod';

z.config({ jitless: true });
