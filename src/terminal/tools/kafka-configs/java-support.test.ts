import { describe, expect, it } from 'vitest';
import { HELP_TABLE_LINES } from './help-table.ts';
import { stackTraceText } from './java-stack-trace.ts';

describe('Java behaviour the tool reproduces', () => {
  it('prints causes with "... N more" for the frames they share with the enclosing trace', () => {
    const text = stackTraceText({
      javaClass: 'java.lang.RuntimeException',
      message: 'outer',
      frames: ['a.B.c(B.java:1)', 'a.Main.main(Main.java:9)'],
      cause: { javaClass: 'java.io.IOException', message: null, frames: ['x.Y.z(Y.java:3)', 'a.Main.main(Main.java:9)'] },
    });
    expect(text).toBe('java.lang.RuntimeException: outer\n\tat a.B.c(B.java:1)\n\tat a.Main.main(Main.java:9)\nCaused by: java.io.IOException\n\tat x.Y.z(Y.java:3)\n\t... 1 more\n');
  });

  it("keeps kafka-configs' help table as jopt printed it: 78 columns, options sorted", () => {
    for (const line of HELP_TABLE_LINES) expect(line).toHaveLength(78);
    const options = HELP_TABLE_LINES.filter((line) => /^--[a-z]/.test(line)).map((line) => line.split(' ')[0]);
    expect(options).toEqual([...options].sort());
    expect(options).toHaveLength(27);
  });
});
