import { describe, expect, it } from 'vitest';
import { HELP_TABLE_LINES } from './help-table.ts';
import { integerHash, javaHashMapOrder, stringHash } from './java-hash-map-order.ts';
import { stackTraceText } from './java-stack-trace.ts';

describe('Java behaviour the tool reproduces', () => {
  it('iterates keys as java.util.HashMap does (orders printed by Java 17 for the same insertions)', () => {
    expect(javaHashMapOrder(['__consumer_offsets', 'my-topic', 'orders', 'test'], stringHash)).toEqual(['test', 'orders', 'my-topic', '__consumer_offsets']);
    const many = ['test', 'orders', 'payments', '__consumer_offsets', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm'];
    expect(javaHashMapOrder(many, stringHash)).toEqual(['a', 'b', 'c', 'test', 'd', 'e', 'f', 'payments', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'orders', '__consumer_offsets']);
    expect(javaHashMapOrder([3, 1, 2, 17, 16], integerHash)).toEqual([16, 1, 17, 2, 3]);
  });


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
