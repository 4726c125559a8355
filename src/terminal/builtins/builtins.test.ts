import { describe, expect, it } from 'vitest';
import type { Command } from '../command.ts';
import { runCommand } from '../testing/run-command.ts';
import { testToolEnvironment } from '../testing/test-tool-environment.ts';
import { ShellDriver } from '../shell/testing/shell-driver.ts';
import { catCommand } from './cat.ts';
import { CLEAR_SCREEN } from './clear.ts';
import { echoCommand } from './echo.ts';
import { grepCommand } from './grep.ts';
import { headCommand } from './head.ts';
import { printfCommand } from './printf.ts';
import { shellBuiltins } from './shell-builtins.ts';
import { tailCommand } from './tail.ts';
import { wcCommand } from './wc.ts';

const env = testToolEnvironment();
const run = (command: Command, args: string[], stdin: string[] = []) => runCommand(command, args, { env, stdin });

const kafkaTool: Command = { name: 'kafka-topics', aliases: ['kafka-topics.sh'], summary: 'Create, delete, describe, or change a topic.', run: async () => 0 };

/** A shell with the builtins and one stand-in Kafka tool; `run` gives what a line showed. */
function shell() {
  return new ShellDriver({ commands: [kafkaTool, ...shellBuiltins] });
}

describe('echo', () => {
  it('joins its arguments with spaces and ends the line', async () => {
    expect(await run(echoCommand, ['a', 'b  c'])).toMatchObject({ exitCode: 0, stdout: 'a b  c\n' });
    expect((await run(echoCommand, [])).stdout).toBe('\n');
  });

  it('-n leaves out the line end; -e reads escapes; -E and unknown flags as bash', async () => {
    expect((await run(echoCommand, ['-n', 'x'])).stdout).toBe('x');
    expect((await run(echoCommand, ['-e', 'a\\tb\\nc\\\\d\\x41\\0101'])).stdout).toBe('a\tb\nc\\dAA\n');
    expect((await run(echoCommand, ['-ne', 'stop\\chere'])).stdout).toBe('stop');
    expect((await run(echoCommand, ['-E', 'a\\n'])).stdout).toBe('a\\n\n');
    expect((await run(echoCommand, ['a\\n'])).stdout).toBe('a\\n\n');
    expect((await run(echoCommand, ['-x', '--', '-n'])).stdout).toBe('-x -- -n\n');
  });
});

describe('printf', () => {
  it('fills the format with its arguments and reads its escapes', async () => {
    expect(await run(printfCommand, ['%s ', '12181'])).toMatchObject({ exitCode: 0, stdout: '12181 ' });
    expect((await run(printfCommand, ['%s=%d\\n', 'a', '1', 'b'])).stdout).toBe('a=1\nb=0\n');
    expect((await run(printfCommand, ['no conversions\\t\\101\\n', 'ignored'])).stdout).toBe('no conversions\tA\n');
    expect((await run(printfCommand, ['[%5s|%-5s|%.2s|%05d|%+d|%x|%X|%o|%c|%%]', 'ab', 'cd', 'xyz', '-42', '7', '255', '255', '8', 'word'])).stdout).toBe(
      '[   ab|cd   |xy|-0042|+7|ff|FF|10|w|%]',
    );
    expect((await run(printfCommand, ['%.2f %e', '3.14159', '1234.5'])).stdout).toBe('3.14 1.234500e+03');
    expect((await run(printfCommand, ['%b|%s', 'a\\tb', 'a\\tb'])).stdout).toBe('a\tb|a\\tb');
  });

  it("says what bash says about a bad number and a missing format", async () => {
    expect(await run(printfCommand, ['%d\\n', 'x1'])).toMatchObject({ exitCode: 1, stdout: '0\n', stderr: 'kafkalab: printf: x1: invalid number\n' });
    expect(await run(printfCommand, [])).toMatchObject({ exitCode: 2, stderr: 'kafkalab: printf: usage: printf [-v var] format [arguments]\n' });
  });
});

describe('head', () => {
  const lines = Array.from({ length: 15 }, (_, i) => `r${i + 1}`);

  it('writes the first 10 lines, or N with -n N, -nN, -N, --lines=N', async () => {
    expect((await run(headCommand, [], lines)).stdout).toBe(lines.slice(0, 10).map((l) => `${l}\n`).join(''));
    for (const args of [['-n', '3'], ['-n3'], ['-3'], ['--lines=3']]) {
      expect((await run(headCommand, args, lines)).stdout).toBe('r1\nr2\nr3\n');
    }
  });

  it('stops reading once it has its lines', async () => {
    let reads = 0;
    const stdin = { isTerminal: false, readLine: async () => `line ${++reads}` };
    await runCommand(headCommand, ['-2'], { env, stdin });
    expect(reads).toBe(2);
  });

  it("refuses a bad count, an unknown option and a file, in GNU's words", async () => {
    expect(await run(headCommand, ['-n', 'x'])).toMatchObject({ exitCode: 1, stderr: "head: invalid number of lines: 'x'\n" });
    expect(await run(headCommand, ['-z'])).toMatchObject({ exitCode: 1, stderr: "head: invalid option -- 'z'\nTry 'head --help' for more information.\n" });
    expect(await run(headCommand, ['log.txt'])).toMatchObject({
      exitCode: 1,
      stderr: 'head: log.txt: No such file or directory (the lab shell has no files; pipe into head instead)\n',
    });
  });

  it('copies a last line without a line end as it is', async () => {
    const d = shell();
    expect(await d.run('echo -n last | head -1 | wc -c')).toBe('4');
  });
});

describe('tail', () => {
  const lines = Array.from({ length: 15 }, (_, i) => `r${i + 1}`);

  it('writes the last 10 lines, the last N, or from line N on', async () => {
    expect((await run(tailCommand, [], lines)).stdout).toBe(lines.slice(5).map((l) => `${l}\n`).join(''));
    expect((await run(tailCommand, ['-n', '2'], lines)).stdout).toBe('r14\nr15\n');
    expect((await run(tailCommand, ['-2'], lines)).stdout).toBe('r14\nr15\n');
    expect((await run(tailCommand, ['-n', '+14'], lines)).stdout).toBe('r14\nr15\n');
  });
});

describe('grep', () => {
  const topics = ['__consumer_offsets', 'orders', 'Orders-EU', 'payments', 'a+b', 'a(b)'];

  it('selects matching lines; status 0 when one matched, 1 when none', async () => {
    expect(await run(grepCommand, ['ord'], topics)).toMatchObject({ exitCode: 0, stdout: 'orders\n' });
    expect(await run(grepCommand, ['nothing'], topics)).toMatchObject({ exitCode: 1, stdout: '' });
  });

  it('-v inverts, -i ignores case, -c counts, -n numbers, -q is quiet', async () => {
    expect((await run(grepCommand, ['-v', '__'], topics)).stdout).toBe('orders\nOrders-EU\npayments\na+b\na(b)\n');
    expect((await run(grepCommand, ['-i', 'ORD'], topics)).stdout).toBe('orders\nOrders-EU\n');
    expect((await run(grepCommand, ['-ic', 'ord'], topics)).stdout).toBe('2\n');
    expect((await run(grepCommand, ['-vc', 'ord'], topics)).stdout).toBe('5\n');
    expect((await run(grepCommand, ['-n', 'pay'], topics)).stdout).toBe('4:payments\n');
    expect(await run(grepCommand, ['-q', 'pay'], topics)).toMatchObject({ exitCode: 0, stdout: '' });
  });

  it('reads basic regular expressions by default (+ and ( literal), extended ones with -E, fixed strings with -F', async () => {
    expect((await run(grepCommand, ['a+b'], topics)).stdout).toBe('a+b\n');
    expect((await run(grepCommand, ['a(b)'], topics)).stdout).toBe('a(b)\n');
    expect((await run(grepCommand, ['^[op].*s$'], topics)).stdout).toBe('orders\npayments\n');
    expect((await run(grepCommand, ['-E', '^(orders|payments)$'], topics)).stdout).toBe('orders\npayments\n');
    expect((await run(grepCommand, ['orders\\|payments'], topics)).stdout).toBe('orders\npayments\n');
    expect((await run(grepCommand, ['-F', 'a(b)'], topics)).stdout).toBe('a(b)\n');
    expect((await run(grepCommand, ['-e', 'pay', '-e', 'EU'], topics)).stdout).toBe('Orders-EU\npayments\n');
    expect((await run(grepCommand, ['-x', 'orders'], topics)).stdout).toBe('orders\n');
    expect((await run(grepCommand, ['-w', 'Orders'], topics)).stdout).toBe('Orders-EU\n');
  });

  it('says how to use it, and reports a bad pattern or option with status 2', async () => {
    const usage = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";
    expect(await run(grepCommand, [])).toMatchObject({ exitCode: 2, stderr: usage });
    expect(await run(grepCommand, ['-Z', 'x'])).toMatchObject({ exitCode: 2, stderr: `grep: invalid option -- 'Z'\n${usage}` });
    expect((await run(grepCommand, ['-E', '(', ''], topics)).exitCode).toBe(2);
    expect(await run(grepCommand, ['x', 'topics.txt'])).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('grep: topics.txt: No such file or directory') });
  });
});

describe('wc', () => {
  it('counts lines, words and bytes of a pipe in the GNU layout', async () => {
    const d = shell();
    expect(await d.run('echo -e "one two\\nthree" | wc')).toBe('      2       3      14');
    expect(await d.run('echo -e "one two\\nthree" | wc -l')).toBe('2');
    expect(await d.run('echo -e "one two\\nthree" | wc -lw')).toBe('      2       3');
    expect(await d.run('echo -n "héllo" | wc -c')).toBe('6');
    expect(await d.run('echo -n "héllo" | wc -m')).toBe('5');
    expect(await d.run('echo -n | wc -l')).toBe('0');
  });

  it('refuses an unknown option', async () => {
    expect(await run(wcCommand, ['-x'])).toMatchObject({ exitCode: 1, stderr: "wc: invalid option -- 'x'\nTry 'wc --help' for more information.\n" });
  });
});

describe('cat', () => {
  it('copies standard input, numbered with -n', async () => {
    expect((await run(catCommand, [], ['a', 'b'])).stdout).toBe('a\nb\n');
    expect((await run(catCommand, ['-n'], ['a', 'b'])).stdout).toBe('     1\ta\n     2\tb\n');
    expect((await run(catCommand, ['-'], ['a'])).stdout).toBe('a\n');
  });

  it('says there are no files', async () => {
    expect(await run(catCommand, ['server.properties'])).toMatchObject({
      exitCode: 1,
      stdout: '',
      stderr: 'cat: server.properties: No such file or directory (the lab shell has no files; pipe into cat instead)\n',
    });
  });
});

describe('help, clear, history and exit', () => {
  it('help lists the Kafka tools, then the shell, and says the tools behave like Kafka 3.9 / Confluent 7.9', async () => {
    const d = shell();
    const text = await d.run('help');
    expect(text).toContain('Kafka 3.9 / Confluent 7.9');
    const lines = text.split('\n');
    const tools = lines.indexOf('Kafka and cluster tools:');
    const builtins = lines.indexOf('Shell:');
    expect(tools).toBeGreaterThan(0);
    expect(builtins).toBeGreaterThan(tools);
    expect(lines[tools + 1]).toBe('  kafka-topics  Create, delete, describe, or change a topic.');
    expect(lines.every((line) => line.length <= 80)).toBe(true);
    for (const name of ['help', 'clear', 'history', 'exit', 'echo', 'head', 'tail', 'grep', 'wc', 'cat']) {
      expect(lines.slice(builtins).some((line) => line.startsWith(`  ${name} `))).toBe(true);
    }
  });

  it('help NAME tells about one command; an unknown one is an error', async () => {
    const d = shell();
    expect(await d.run('help kafka-topics.sh')).toBe('kafka-topics: Create, delete, describe, or change a topic.\n  kafka-topics --help shows its options.');
    expect(await d.run('help nope; echo $?')).toBe("kafkalab: help: no help topics match `nope'. Try `help'.\n1");
  });

  it('clear clears the screen and its scrollback', async () => {
    const d = shell();
    await d.run('echo old');
    d.type('clear\r');
    await d.untilPrompt();
    expect(d.raw).toContain(CLEAR_SCREEN);
    expect(d.lines()).toEqual(['$']);
  });

  it('history refuses bad arguments as bash does', async () => {
    const d = shell();
    expect(await d.run('history x')).toBe('kafkalab: history: x: numeric argument required');
    expect(await d.run('history 1 2')).toBe('kafkalab: history: too many arguments');
  });

  it('exit refuses a non-number (and still exits, with 2) and too many arguments (and stays)', async () => {
    const d = shell();
    expect(await d.run('exit 1 2; echo $?')).toBe('kafkalab: exit: too many arguments\n1');
    d.type('exit abc\r');
    await d.until(() => d.exits.length === 1, 'the exit');
    expect(d.exits).toEqual([2]);
  });

  it('builtins that need the shell say so when run alone', async () => {
    const help = shellBuiltins.find((command) => command.name === 'help')!;
    expect(await run(help, [])).toMatchObject({ exitCode: 1, stderr: 'help: only in the lab shell\n' });
  });
});
