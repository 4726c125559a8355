import { describe, expect, it } from 'vitest';
import { PullProgressPrinter, pullProgressLine } from './pull-progress-bar.ts';
import type { PullProgressEvent } from './pull-progress.ts';

const at = (currentBytes: number, layersDone: number, done = false): PullProgressEvent => ({ image: 'kafkalab/node:0123456789ab', currentBytes, totalBytes: 120e6, layers: 7, layersDone, done });

describe('pull progress bar', () => {
  it('draws bytes, a ten-cell bar and layers', () => {
    expect(pullProgressLine(at(45.2e6, 3))).toBe('kafkalab/node:0123456789ab [####......] 45.2/120.0 MB 3/7 layers');
    expect(pullProgressLine(at(120e6, 7, true))).toBe('kafkalab/node:0123456789ab [##########] 120.0/120.0 MB 7/7 layers done');
    expect(pullProgressLine({ image: 'x:1', currentBytes: 0, totalBytes: 0, layers: 0, layersDone: 0, done: false })).toBe('x:1 [..........] 0.0/0.0 MB 0/0 layers');
  });

  it('redraws one line with \\r on a terminal, ending it when done', () => {
    let text = '';
    const printer = new PullProgressPrinter({ isTTY: true, write: (chunk) => (text += chunk) });
    printer.update(at(1e6, 0));
    printer.update(at(60e6, 3));
    printer.update(at(120e6, 7, true));
    expect(text.split('\r').slice(1)).toEqual([
      'kafkalab/node:0123456789ab [..........] 1.0/120.0 MB 0/7 layers',
      'kafkalab/node:0123456789ab [#####.....] 60.0/120.0 MB 3/7 layers',
      'kafkalab/node:0123456789ab [##########] 120.0/120.0 MB 7/7 layers done\n',
    ]);
  });

  it('prints a line per 10 % elsewhere', () => {
    const lines: string[] = [];
    const printer = new PullProgressPrinter({ isTTY: false, write: (chunk) => lines.push(chunk) });
    for (let mb = 0; mb <= 120; mb += 2) printer.update(at(mb * 1e6, Math.floor(mb / 20)));
    printer.update(at(120e6, 7, true));
    expect(lines).toHaveLength(11);
    expect(lines.every((line) => line.endsWith('\n') && !line.includes('\r'))).toBe(true);
    expect(lines[0]).toMatch(/\[\.{10}\] 0\.0\/120\.0 MB/);
    expect(lines[5]).toMatch(/\[#####\.{5}\] 60\.0\/120\.0 MB/);
    expect(lines.at(-1)).toMatch(/done\n$/);
  });
});
