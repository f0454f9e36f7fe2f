import { describe, expect, it } from 'vitest';
import { col, edit, malformedCases } from '../malformedHelpers.js';

const { run } = malformedCases();

/**
 * Bad `impact:` input gets the same one-line, located error as the rest of
 * the scenario: file:line:col, the path inside the document, what was
 * expected; exit code 2, no stack trace, no output file.
 */
describe('malformed impact sections', () => {
  it('a group depending on an unknown service, with a suggestion', async () => {
    const { text, line } = edit('service: kakao-t-taxi, share', 'service: kakao-t-taxii, share');
    expect(await run('i-service', text)).toEqual([
      `i-service.yaml:${line}:${col(text, line, 'kakao-t-taxii')}: impact.groups[1].dependsOn[0].service: expected the id of a service (kakao-auth, kakaotalk-messaging, kakaotalk-pc-login, kakao-t-taxi, kakao-t-designated, kakao-pay, daum-portal, kakao-map, …), got "kakao-t-taxii"; did you mean "kakao-t-taxi"?`,
    ]);
  });

  it('a negative group size', async () => {
    const { text, line } = edit('people: 226154', 'people: -226154');
    expect(await run('i-negative', text)).toEqual([`i-negative.yaml:${line}:${col(text, line, '-226154')}: impact.groups[1].people: expected a number >= 0, got -226154`]);
  });

  it('a group size that is neither a number nor a range', async () => {
    const { text, line } = edit('people: 226154', 'people: lots');
    expect(await run('i-words', text)).toEqual([`i-words.yaml:${line}:${col(text, line, 'lots')}: impact.groups[1].people: expected a non-negative number or a range [low, high], got "lots"`]);
  });

  it('a range whose low end is above its high end', async () => {
    const { text, line } = edit('amount: [150000, 250000]', 'amount: [250000, 150000]');
    expect(await run('i-range', text)).toEqual([`i-range.yaml:${line}:${col(text, line, '[250000')}: impact.groups[1].income.amount: expected a range [low, high] with low <= high, got [250000, 150000]`]);
  });

  it('a share above 1', async () => {
    const { text, line } = edit('share: [0.10, 0.30]', 'share: [0.10, 30]');
    expect(await run('i-share', text)).toEqual([`i-share.yaml:${line}:${col(text, line, '[0.10')}: impact.groups[1].dependsOn[0].share: expected a share between 0 and 1, got 30`]);
  });

  it('a profile that is not 168 hours', async () => {
    // Drop the last hour of Sunday from the taxi profile.
    const { text, line } = edit('9, 7, 5, 3, 2, 2, 2, 3, 3, 4, 5, 5, 6, 6, 6, 6, 6, 6, 6, 6, 5, 5, 5, 4,', '9, 7, 5, 3, 2, 2, 2, 3, 3, 4, 5, 5, 6, 6, 6, 6, 6, 6, 6, 6, 5, 5, 5,');
    const start = text.split('\n').findIndex((l) => l.includes('taxi-fares: [')) + 1;
    expect(line).toBeGreaterThan(start);
    expect(await run('i-profile', text)).toEqual([`i-profile.yaml:${start}:${col(text, start, '[')}: impact.profiles.taxi-fares: expected 168 hourly weights (7 days × 24 hours, Monday 00:00 first), got 167`]);
  });

  it('a group naming a profile that does not exist', async () => {
    const { text, line } = edit('profile: taxi-fares', 'profile: taxi-fare');
    expect(await run('i-noprofile', text)).toEqual([
      `i-noprofile.yaml:${line}:${col(text, line, 'taxi-fare')}: impact.groups[1].profile: expected the id of a profile of impact.profiles (taxi-fares, designated-calls, shop-sales, messenger-use, every-hour), got "taxi-fare"; did you mean "taxi-fares"?`,
    ]);
  });

  it('a formula with an unknown variable, with a suggestion', async () => {
    const { text, line } = edit('formula: monthlyFee * 6 / 31', 'formula: monthlyFees * 6 / 31');
    expect(await run('i-variable', text)).toEqual([
      `i-variable.yaml:${line}:${col(text, line, 'monthlyFees')}: impact.groups[1].compensation.formula: expected a formula reading only its variables (monthlyFee, loss, income, outageHours, outageDays), got the unknown variable "monthlyFees"; did you mean "monthlyFee"?`,
    ]);
  });

  it('a formula that does not parse, with the column inside it', async () => {
    const { text, line } = edit('formula: monthlyFee * 6 / 31', 'formula: monthlyFee * * 6 / 31');
    expect(await run('i-syntax', text)).toEqual([
      `i-syntax.yaml:${line}:${col(text, line, 'monthlyFee')}: impact.groups[1].compensation.formula: expected a formula such as monthlyFee * 6 / 31: at column 14 of "monthlyFee * * 6 / 31", expected a number, a variable or "(", got "*"`,
    ]);
  });

  it('a formula calling a function that does not exist', async () => {
    const { text, line } = edit('formula: monthlyFee * 6 / 31', 'formula: sqrt(monthlyFee) * 6 / 31');
    expect(await run('i-function', text)).toEqual([
      `i-function.yaml:${line}:${col(text, line, 'sqrt')}: impact.groups[1].compensation.formula: expected a formula such as monthlyFee * 6 / 31: at column 1 of "sqrt(monthlyFee) * 6 / 31", expected a function among min, max, round, floor, ceil, abs, got "sqrt("`,
    ]);
  });

  it('a misspelt key in a group, with a suggestion', async () => {
    const { text, line } = edit('      people: 226154', '      peple: 226154');
    const lines = await run('i-key', text);
    expect(lines).toContain(`i-key.yaml:${line}:7: impact.groups[1].peple: unknown key "peple"; did you mean "people"?`);
  });

  it('an income quoted for a day on which the profile has no weight', async () => {
    const { text, line } = edit('income: { amount: [80000, 160000], per: saturday }', 'income: { amount: [80000, 160000], per: tuesday }');
    // Designated driving follows shop hours, and the shops are shut all Tuesday.
    const shop = edit('profile: designated-calls', 'profile: shop-sales', text);
    const night = edit('0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 7, 6, 4, 4, 4, 5, 7, 7, 5, 3, 2, 1,       # Tuesday', '0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,       # Tuesday', shop.text);
    expect(await run('i-day', night.text)).toEqual([`i-day.yaml:${line}:${col(night.text, line, 'tuesday')}: impact.groups[2].income.per: expected a day on which profile "shop-sales" has weight, since income is quoted per tuesday; the profile gives tuesday none`]);
  });

  it('a duplicate group id', async () => {
    const { text, line } = edit('  - id: designated-drivers', '  - id: taxi-drivers');
    expect(await run('i-dup', text)).toEqual([`i-dup.yaml:${line}:11: impact.groups[2].id: expected a unique group id; "taxi-drivers" is already used at impact.groups[1]`]);
  });
});
