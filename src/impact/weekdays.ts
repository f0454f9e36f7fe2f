/** Days an income or a profile can be given per, Monday first; apart from the schema so the ledger needs no zod. */
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
