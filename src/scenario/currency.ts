/**
 * Money as scenario data: the currency of a scenario's amounts and how they
 * are written, worked out once from the scenario (its own `currency:` or, as
 * older scenarios have it, its ledger's), never from a code built in.
 */
import type { Scenario } from './schema.js';

/** ISO 4217 code of a scenario's amounts; `XXX` (ISO 4217: no currency) when it names none. */
export function scenarioCurrency(scenario: Pick<Scenario, 'currency' | 'impact'>): string {
  return scenario.currency ?? scenario.impact?.currency ?? 'XXX';
}

/** What follows the number when an amount is written: the scenario's `currencyUnit`, else its currency code. */
export function currencyUnit(scenario: Pick<Scenario, 'currency' | 'currencyUnit' | 'impact'>): string {
  return scenario.currencyUnit ?? scenarioCurrency(scenario);
}
