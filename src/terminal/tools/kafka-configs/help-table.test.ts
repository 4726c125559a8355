import { describe, expect, it } from 'vitest';
import { HELP_TABLE_LINES } from './help-table.ts';

describe('kafka-configs help table', () => {
  it("keeps kafka-configs' help table as jopt printed it: 78 columns, options sorted", () => {
    for (const line of HELP_TABLE_LINES) expect(line).toHaveLength(78);
    const options = HELP_TABLE_LINES.filter((line) => /^--[a-z]/.test(line)).map((line) => line.split(' ')[0]);
    expect(options).toEqual([...options].sort());
    expect(options).toHaveLength(27);
  });
});
