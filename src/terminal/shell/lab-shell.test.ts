import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { Command } from '../command.ts';
import { shellBuiltins } from '../builtins/shell-builtins.ts';
import { CommandRegistry } from './command-registry.ts';
import { DEFAULT_PROMPT, LabShell } from './lab-shell.ts';
import { PIPE_CAPACITY } from './pipe.ts';
import { ShellDriver, TEST_PROMPT } from './testing/shell-driver.ts';
import { testToolEnvironment } from '../testing/test-tool-environment.ts';

/** Waits for Ctrl-C, then says so as a tool does, and returns 130. */
const waiter: Command = {
  name: 'waiter',
  summary: 'waits for Ctrl-C',
  async run({ signal, stdout }) {
    await stdout.write('waiting\n');
    if (!signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    await stdout.write('stopped\n');
    return 130;
  },
};

/** Ignores Ctrl-C: runs until the test releases it, then writes once more. */
function stubborn() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const command: Command = {
    name: 'stubborn',
    summary: 'ignores Ctrl-C',
    async run({ stdout }) {
      await stdout.write('busy\n');
      await released;
      await stdout.write('late output\n');
      return 0;
    },
  };
  return { command, release };
}

/** Echoes each line of standard input until its end. */
const reader: Command = {
  name: 'reader',
  summary: 'reads stdin',
  async run({ stdin, stdout }) {
    for (;;) {
      const line = await stdin.readLine();
      if (line === null) break;
      await stdout.write(`got: ${line}\n`);
    }
    await stdout.write(`end of input (terminal: ${stdin.isTerminal})\n`);
    return 0;
  },
};

/** The console producer's way: `>` before each line read, until the end of input or Ctrl-C. */
const prompter: Command = {
  name: 'prompter',
  summary: 'prompts with >',
  async run({ stdin, stdout, signal }) {
    for (;;) {
      await stdout.write('>');
      if ((await stdin.readLine()) === null) return signal.aborted ? 130 : 0;
    }
  },
};

/** Writes `line N` lines (argv[1] of them) and stops, as a JVM tool does, once its output is closed. */
function flood() {
  const progress = { written: 0, stoppedBecauseClosed: false, finished: false };
  const command: Command = {
    name: 'flood',
    summary: 'writes many lines',
    async run({ argv, stdout }) {
      const count = Number(argv[1]);
      for (let i = 1; i <= count; i++) {
        if (stdout.closed) {
          progress.stoppedBecauseClosed = true;
          break;
        }
        await stdout.write(`line ${i}\n`);
        progress.written = i;
      }
      progress.finished = true;
      return 0;
    },
  };
  return { command, progress };
}

/** Reads one line and says how long it is. */
const lineLength: Command = {
  name: 'line-length',
  summary: 'reads a line',
  async run({ stdin, stdout }) {
    const line = await stdin.readLine();
    await stdout.write(`${line?.length ?? 'none'}\n`);
    return 0;
  },
};

/** Touches the topics named in its arguments; fails with status 3 when one is `bad`. */
const toucher: Command = {
  name: 'toucher',
  summary: 'touches topics',
  completions: ['--topic', '--bootstrap-server', '--describe'],
  async run({ argv, touchedTopic, stderr }) {
    for (const topic of argv.slice(1)) touchedTopic(topic);
    if (argv.includes('bad')) {
      await stderr.write('toucher: bad topic\n');
      return 3;
    }
    return 0;
  },
};

function driver(commands: Command[] = [], options: Partial<ConstructorParameters<typeof ShellDriver>[0]> = {}) {
  return new ShellDriver({ commands: [...shellBuiltins, waiter, reader, toucher, ...commands], ...options });
}

describe('LabShell: the prompt and running a line', () => {
  it('shows a banner and a coloured prompt by default', () => {
    const shell = new LabShell({ commands: new CommandRegistry(), env: testToolEnvironment() });
    let output = '';
    shell.onOutput((data) => (output += data));
    expect(output).toContain('Kafka 3.9 / Confluent 7.9');
    expect(output.split('\r\n').every((line) => line.replace(/\x1b\[[0-9;]*m/g, '').length <= 80)).toBe(true);
    expect(output).toContain('help');
    expect(output.endsWith(DEFAULT_PROMPT)).toBe(true);
  });

  it('runs a command and shows its output with \\r\\n line ends', async () => {
    const d = driver();
    expect(await d.run('echo hello world')).toBe('hello world');
    expect(d.raw).toContain('hello world\r\n');
    expect(d.raw).not.toMatch(/[^\r]\n/);
  });

  it('reports each line: text, times, status and each command with the topics it touched', async () => {
    const d = driver();
    await d.run('toucher orders payments | grep x; toucher bad');
    expect(d.reports).toHaveLength(1);
    const [report] = d.reports;
    expect(report.line).toBe('toucher orders payments | grep x; toucher bad');
    expect(report.exitCode).toBe(3);
    expect(report.finishedAt).toBeGreaterThanOrEqual(report.startedAt);
    expect(report.commands).toEqual([
      { argv: ['toucher', 'orders', 'payments'], exitCode: 0, topics: ['orders', 'payments'] },
      { argv: ['grep', 'x'], exitCode: 1, topics: [] },
      { argv: ['toucher', 'bad'], exitCode: 3, topics: ['bad'] },
    ]);
  });

  it('says command not found on stderr with status 127, as bash does', async () => {
    const d = driver();
    expect(await d.run('kafka-topcis --list')).toBe('kafka-topcis: command not found');
    expect(await d.run('echo $?')).toBe('127');
    expect(d.reports[0].commands).toEqual([{ argv: ['kafka-topcis', '--list'], exitCode: 127, topics: [] }]);
  });

  it('does nothing for a blank line or a comment, and reports nothing', async () => {
    const d = driver();
    d.type('\r   \r# just a note\r');
    await d.run('echo done');
    expect(d.reports.map((report) => report.line)).toEqual(['echo done']);
    expect(d.lines()).toEqual(['$', '$', '$ # just a note', '$ echo done', 'done', '$']);
  });

  it('reports syntax errors in bash wording with status 2', async () => {
    const d = driver();
    d.type('| grep x\r');
    await d.untilShown("kafkalab: syntax error near unexpected token `|'");
    expect(await d.run('echo $?')).toBe('2');
  });

  it('refuses a background job', async () => {
    const d = driver();
    d.type('waiter &\r');
    await d.untilShown('kafkalab: background jobs (&) are not supported in the lab shell');
  });

  it('draws the prompt right after output that did not end a line, as bash does', async () => {
    const d = driver();
    expect(await d.run('echo -n partial')).toBe('partial');
    expect(d.lines().at(-1)).toBe('partial$');
    expect(await d.run('echo next')).toBe('next');
    expect(d.lines().slice(-3)).toEqual(['partial$ echo next', 'next', '$']);
  });

  it("after a command's prompt and Ctrl-D or Ctrl-C, the shell's prompt follows on its row (>$ , >^C$ )", async () => {
    const d = driver([prompter]);
    d.type('prompter\r');
    await d.untilShown('>');
    d.type('one\r\x04');
    await d.untilPrompt();
    d.type('prompter\r');
    await d.until(() => d.lines().at(-1) === '>', 'the prompter');
    d.type('\x03');
    await d.untilPrompt();
    expect(d.lines()).toEqual(['$ prompter', '>one', '>$ prompter', '>^C$']);
  });

  it('edits a line typed after such a prompt: wrapping, moving, a resize, Ctrl-L', async () => {
    const d = driver([], { size: { cols: 20, rows: 10 } });
    await d.run('echo -n 12345');
    d.type('echo abcdefghijklmnopqrstuvwxyz');
    expect(d.lines().slice(1)).toEqual(['12345$ echo abcdefgh', 'ijklmnopqrstuvwxyz']);
    d.type('\x01\x1bf\x1b[C>');
    expect(d.screen.cursorLine()).toBe('12345$ echo >abcdefghijklmnopqrstuvwxyz');
    expect(d.screen.cursor.column).toBe('12345$ echo >'.length);
    d.resize(9, 10);
    d.type('\x7f');
    expect(d.screen.cursorLine()).toBe('12345$ echo abcdefghijklmnopqrstuvwxyz');
    d.resize(40, 10);
    d.type('\x05!');
    expect(d.screen.cursorLine()).toBe('12345$ echo abcdefghijklmnopqrstuvwxyz!');
    d.type('\x0c');
    expect(d.screen.visible().slice(0, 2)).toEqual(['$ echo abcdefghijklmnopqrstuvwxyz!', '']);
    d.type('\x08\r');
    await d.untilPrompt();
    expect(d.screen.visible().slice(0, 3)).toEqual(['$ echo abcdefghijklmnopqrstuvwxyz', 'abcdefghijklmnopqrstuvwxyz', '$']);
  });

  it('starts the prompt on a fresh row after output that filled its row or moved the cursor in ways it does not follow', async () => {
    const d = driver([], { size: { cols: 12, rows: 10 } });
    expect(await d.run('echo -n 0123456789ab')).toBe('0123456789ab');
    expect(d.lines().slice(-2)).toEqual(['0123456789ab', '$']);
    expect(await d.run('echo -ne "ab\\e[6n"')).toBe('ab');
    expect(d.lines().slice(-2)).toEqual(['ab', '$']);
  });

  it('runs lists with ; && || and expands $?', async () => {
    const d = driver();
    expect(await d.run('false && echo no; true && echo yes || echo never; false || echo rescued $?')).toBe('yes\nrescued 1');
    expect(await d.run('false; echo "status [$?]" \'$?\'')).toBe('status [1] $?');
  });
});

describe('LabShell: quoting and continuation', () => {
  it('passes quoted words to the command as one argument each', async () => {
    const d = driver();
    expect(await d.run(`echo 'a  b'   "c  d" e\\ \\ f "it's" 'say "hi"'`)).toBe(`a  b c  d e  f it's say "hi"`);
  });

  it('asks for the rest of an unterminated quote with > and keeps the line end', async () => {
    const d = driver();
    d.type("echo 'first\r");
    await d.until(() => d.screen.visible().includes('>'), 'the continuation prompt');
    expect(d.reports).toHaveLength(0);
    d.type("second'\r");
    await d.untilPrompt();
    expect(d.lines()).toEqual(["$ echo 'first", "> second'", 'first', 'second', '$']);
    expect(d.reports[0].line).toBe("echo 'first\nsecond'");
  });

  it('continues after a trailing pipe and a backslash', async () => {
    const d = driver();
    d.type('echo one two |\r wc -w\r');
    await d.untilPrompt();
    d.type('echo a \\\r b\r');
    await d.untilPrompt(2);
    expect(d.lines()).toEqual(['$ echo one two |', '>  wc -w', '2', '$ echo a \\', '>  b', 'a b', '$']);
  });

  it("Ctrl-D in a continuation says what bash says", async () => {
    const d = driver();
    d.type('echo "open\r\x04');
    await d.untilShown("kafkalab: unexpected EOF while looking for matching `\"'");
    await d.untilShown('kafkalab: syntax error: unexpected end of file');
    expect(await d.run('echo $?')).toBe('2');
  });

  it('Ctrl-C in a continuation drops the whole command', async () => {
    const d = driver();
    d.type("echo 'a\r\x03");
    expect(await d.run('echo $?')).toBe('130');
    expect(d.reports.map((report) => report.line)).toEqual(['echo $?']);
  });
});

/** `nc` as the lessons use it against ZooKeeper: `echo srvr | nc localhost <port>` answers the member's mode. */
const fakeNc: Command = {
  name: 'nc',
  summary: 'answers srvr',
  async run({ argv, stdin, stdout }) {
    const word = await stdin.readLine();
    const mode = argv[2] === '22181' ? 'leader' : 'follower';
    if (word === 'srvr') await stdout.write(`Zookeeper version: 3.8.4\nLatency min/avg/max: 0/0.5/3\nMode: ${mode}\nNode count: 41\n`);
    return 0;
  },
};

describe('LabShell: variables and for loops', () => {
  it('sets variables with name=value and expands $name and ${name}; unset is empty; a few are set from the start', async () => {
    const d = driver();
    await d.run('p=12181 host="local host"');
    expect(await d.run(`echo $p \${p}0 "[$host]" '$p' $unset. $HOME $USER`)).toBe('12181 121810 [local host] $p . /home/learner learner');
    await d.run('p=22181');
    expect(await d.run('echo $p')).toBe('22181');
    expect(d.reports.slice(-1)[0].commands).toEqual([{ argv: ['echo', '22181'], exitCode: 0, topics: [] }]);
  });

  it('splits an unquoted expansion into words and keeps a quoted one whole', async () => {
    const d = driver([lineLength]);
    await d.run('ports="12181  22181 32181"');
    expect(await d.run('for p in $ports; do echo "<$p>"; done')).toBe('<12181>\n<22181>\n<32181>');
    expect(await d.run('for p in "$ports"; do echo "<$p>"; done')).toBe('<12181  22181 32181>');
  });

  it("runs the lesson's loop over the ZooKeeper members", async () => {
    const d = driver([fakeNc]);
    const line = "for p in 12181 22181 32181; do printf '%s ' $p; echo srvr | nc localhost $p | grep Mode; done";
    expect(await d.run(line)).toBe('12181 Mode: follower\n22181 Mode: leader\n32181 Mode: follower');
    expect(d.reports[0].exitCode).toBe(0);
    expect(d.reports[0].commands.map((command) => command.argv.join(' '))).toEqual([
      'printf %s  12181', 'echo srvr', 'nc localhost 12181', 'grep Mode',
      'printf %s  22181', 'echo srvr', 'nc localhost 22181', 'grep Mode',
      'printf %s  32181', 'echo srvr', 'nc localhost 32181', 'grep Mode',
    ]);
    expect(await d.run('echo $p')).toBe('32181');
  });

  it('reads a loop typed over several lines with the continuation prompt, and keeps it as one history entry', async () => {
    const d = driver();
    d.type('for p in a b\r');
    d.type('do\r');
    d.type('  echo "$p!"\r');
    d.type('done\r');
    await d.untilPrompt();
    expect(d.lines()).toEqual(['$ for p in a b', '> do', '>   echo "$p!"', '> done', 'a!', 'b!', '$']);
    expect(d.reports[0].line).toBe('for p in a b\ndo\n  echo "$p!"\ndone');
    expect(await d.run('history')).toContain('for p in a b\ndo\n  echo "$p!"\ndone');
  });

  it("says bash's syntax errors for a malformed loop (status 2), and Ctrl-D before done says unexpected end of file", async () => {
    const d = driver();
    d.type('for p in 1 2; echo $p; done\r');
    await d.untilShown("kafkalab: syntax error near unexpected token `echo'");
    d.type('for p in 1; do done\r');
    await d.untilShown("kafkalab: syntax error near unexpected token `done'");
    expect(await d.run('echo $?')).toBe('2');
    d.type('for p in 1 2; do\r');
    d.type('echo $p\r\x04');
    await d.untilShown('kafkalab: syntax error: unexpected end of file');
    expect(await d.run('echo $?')).toBe('2');
  });

  it('says what bash says for a loop variable that is no name, and for a bad substitution (status 1)', async () => {
    const d = driver();
    expect(await d.run('for 1x in a; do echo $1x; done')).toBe("kafkalab: `1x': not a valid identifier");
    expect(await d.run('echo $?')).toBe('1');
    expect(await d.run('echo ${a b} after')).toBe('kafkalab: ${a b}: bad substitution');
    expect(await d.run('echo $?')).toBe('1');
  });

  it('Ctrl-C stops the loop: no further round runs', async () => {
    const d = driver();
    d.type('for p in 1 2 3; do echo "round $p"; waiter; done\r');
    await d.untilShown('waiting');
    d.type('\x03');
    await d.untilPrompt();
    expect(d.lines()).toEqual(['$ for p in 1 2 3; do echo "round $p"; waiter; done', 'round 1', 'waiting', '^Cstopped', '$']);
    expect(d.reports[0].exitCode).toBe(130);
  });

  it('pipes a loop into a command, and keeps what a pipeline stage sets in its subshell', async () => {
    const d = driver();
    expect(await d.run('for p in b a c; do echo $p; done | grep -v c | wc -l')).toBe('2');
    expect(await d.run('x=1 | cat; for q in 1; do y=2; done | cat; echo "[$x][$q][$y]"')).toBe('[][][]');
    expect(await d.run('for q in 1; do y=2; done; echo "[$q][$y]"')).toBe('[1][2]');
  });

  it('exit in a loop ends the shell', async () => {
    const d = driver();
    d.type('for p in 3 4; do exit $p; done\r');
    await d.until(() => d.exits.length > 0, 'the shell to end');
    expect(d.exits).toEqual([3]);
  });
});

describe('LabShell: line editing', () => {
  it('edits with arrows, Home/End, Delete and Backspace before running', async () => {
    const d = driver();
    d.type('ecoh hi');
    d.type('\x1b[D\x1b[D\x1b[D\x7f\x7fho'); // ecoh| hi -> ec| hi -> echo| hi
    expect(d.screen.cursorLine()).toBe('$ echo hi');
    expect(d.screen.cursor).toEqual({ row: 0, column: 6 });
    d.type('\x1b[F!\x1b[Hx\x1b[D\x1b[3~'); // End, !, Home, x, Left, Delete
    expect(await d.run('')).toBe('hi!');
    expect(d.reports[0].line).toBe('echo hi!');
  });

  it('kills and yanks with Ctrl-U, Ctrl-K, Ctrl-W, Ctrl-Y, moves with Ctrl-A/Ctrl-E', async () => {
    const d = driver();
    d.type('echo one two three\x17\x17');
    d.type('\x01\x0b');
    d.type('echo kept\x05 tail\x15echo back\x19');
    await d.untilShown('$ echo backecho kept tail');
    d.type('\x15echo done\r');
    await d.untilPrompt();
    expect(d.reports[0].line).toBe('echo done');
  });

  it('redraws a line longer than the screen when it is edited and when the screen is resized', async () => {
    const d = driver([], { size: { cols: 20, rows: 10 } });
    d.type('echo 0123456789abcdefghijklmnopqrstuvwxyz');
    d.type('\x01\x1bf\x1b[C');
    d.type('>');
    expect(d.screen.cursorLine()).toBe('$ echo >0123456789abcdefghijklmnopqrstuvwxyz');
    d.resize(13, 10);
    d.type('\x7f');
    expect(d.screen.cursorLine()).toBe('$ echo 0123456789abcdefghijklmnopqrstuvwxyz');
    d.resize(60, 10);
    d.type('\x05!');
    expect(d.screen.visible()[0]).toBe('$ echo 0123456789abcdefghijklmnopqrstuvwxyz!');
    d.type('\r');
    await d.untilPrompt();
    expect(d.lines().at(-2)).toBe('0123456789abcdefghijklmnopqrstuvwxyz!');
  });

  it('takes characters beyond ASCII', async () => {
    const d = driver();
    d.type('echo héllo 日本語 🎉x\x7f');
    expect(await d.run('')).toBe('héllo 日本語 🎉');
  });

  it('Ctrl-L clears the screen and keeps the line being typed', async () => {
    const d = driver();
    await d.run('echo before');
    d.type('echo after\x0c');
    expect(d.screen.visible()[0]).toBe('$ echo after');
    expect(d.screen.visible()[1]).toBe('');
    d.type('\r');
    await d.untilPrompt();
    expect(d.screen.visible().slice(0, 3)).toEqual(['$ echo after', 'after', '$']);
  });
});

describe('LabShell: history', () => {
  it('recalls earlier lines with Up and Down, keeping the line being typed', async () => {
    const d = driver();
    await d.run('echo first');
    await d.run('echo second');
    d.type('echo draft');
    d.type('\x1b[A');
    expect(d.screen.cursorLine()).toBe('$ echo second');
    d.type('\x1b[A\x1b[A'); // the oldest, then a bell
    expect(d.screen.cursorLine()).toBe('$ echo first');
    expect(d.screen.bells).toBe(1);
    d.type('\x1b[B\x1b[B');
    expect(d.screen.cursorLine()).toBe('$ echo draft');
    d.type('\x10\x10\r'); // Ctrl-P twice
    await d.untilPrompt();
    expect(d.lines().at(-2)).toBe('first');
  });

  it('numbers the history as bash does and does not keep repeats', async () => {
    const d = driver();
    await d.run('echo a');
    await d.run('echo a');
    await d.run('echo b');
    expect(await d.run('history')).toBe('    1  echo a\n    2  echo b\n    3  history');
    expect(await d.run('history 2')).toBe('    3  history\n    4  history 2');
    await d.run('history -c');
    expect(await d.run('history')).toBe('    1  history');
  });
});

describe('LabShell: tab completion', () => {
  it('completes a unique command name and adds a space', async () => {
    const d = driver();
    d.type('ec\t');
    expect(d.screen.cursorLine()).toBe('$ echo');
    d.type('hi\r');
    await d.untilPrompt();
    expect(d.lines().at(-2)).toBe('hi');
  });

  it('completes the common prefix, rings on the first Tab and lists on the second', async () => {
    const d = driver();
    d.type('h\t');
    expect(d.screen.cursorLine()).toBe('$ h');
    expect(d.screen.bells).toBe(1);
    d.type('\t');
    await d.untilShown('history');
    expect(d.lines()).toEqual(['$ h', 'head     help     history', '$ h']);
    expect(d.screen.cursor).toEqual({ row: 2, column: 3 });
    d.type('e\t');
    expect(d.screen.cursorLine()).toBe('$ he');
    d.type('l\t');
    expect(d.screen.cursorLine()).toBe('$ help');
  });

  it("completes a command's options after its name, also after a pipe", async () => {
    const d = driver();
    d.type('toucher --b\t');
    expect(d.screen.cursorLine()).toBe('$ toucher --bootstrap-server');
    d.type('localhost:19092 --d\t');
    expect(d.screen.cursorLine()).toBe('$ toucher --bootstrap-server localhost:19092 --describe');
    d.type('| wc -\t\t');
    await d.untilShown('-c  -l  -m  -w');
    d.type('l\r');
    await d.untilPrompt();
    expect(d.lines().at(-2)).toBe('0');
  });

  it('rings when nothing matches', () => {
    const d = driver();
    d.type('zzz\t');
    expect(d.screen.bells).toBe(1);
    expect(d.screen.cursorLine()).toBe('$ zzz');
  });
});

describe('LabShell: Ctrl-C and Ctrl-D', () => {
  it('Ctrl-C at the prompt shows ^C and a fresh prompt, status 130', async () => {
    const d = driver();
    d.type('echo never\x03');
    expect(await d.run('echo $?')).toBe('130');
    expect(d.lines()[0]).toBe('$ echo never^C');
    expect(d.reports.map((report) => report.line)).toEqual(['echo $?']);
  });

  it('Ctrl-C interrupts a waiting command: it says what it says and its status is reported', async () => {
    const d = driver();
    d.type('waiter\r');
    await d.untilShown('waiting');
    d.type('\x03');
    await d.untilPrompt();
    expect(d.lines()).toEqual(['$ waiter', 'waiting', '^Cstopped', '$']);
    expect(d.reports[0]).toMatchObject({ exitCode: 130, commands: [{ argv: ['waiter'], exitCode: 130 }] });
  });

  it('Ctrl-C stops the rest of the line', async () => {
    const d = driver();
    d.type('waiter; echo not run\r');
    await d.untilShown('waiting');
    d.type('\x03');
    await d.untilPrompt();
    expect(d.lines()).not.toContain('not run');
  });

  it('gives the prompt back when a command ignores Ctrl-C, and drops what it writes later', async () => {
    const { command, release } = stubborn();
    const d = driver([command], { interruptGraceMs: 200 });
    d.type('stubborn\r');
    await d.untilShown('busy');
    d.type('\x03');
    await d.untilPrompt();
    expect(d.screen.text()).toContain('kafkalab: stubborn did not stop within 0.2 s of Ctrl-C');
    expect(d.reports[0].commands).toEqual([{ argv: ['stubborn'], exitCode: 130, topics: [] }]);
    release();
    expect(await d.run('echo next')).toBe('next');
    expect(d.screen.text()).not.toContain('late output');
  });

  it('Ctrl-D at an empty prompt ends the shell with the last status', async () => {
    const d = driver();
    await d.run('false');
    d.type('\x04');
    await d.until(() => d.exits.length === 1, 'the exit event');
    expect(d.exits).toEqual([1]);
    expect(d.lines().at(-1)).toBe('$ exit');
    d.type('echo ignored\r');
    expect(d.screen.text()).not.toContain('ignored');
  });

  it('Ctrl-D on a non-empty line deletes the character under the cursor', async () => {
    const d = driver();
    d.type('echo abc\x01\x04\x04');
    expect(d.screen.cursorLine()).toBe('$ ho abc');
    expect(d.exits).toEqual([]);
  });

  it('exit ends the shell with its status, also from inside a line', async () => {
    const d = driver();
    d.type('echo bye; exit 3; echo not run\r');
    await d.until(() => d.exits.length === 1, 'the exit event');
    expect(d.exits).toEqual([3]);
    expect(d.lines()).toEqual(['$ echo bye; exit 3; echo not run', 'bye', 'exit']);
  });

  it('exit in a pipe does not end the shell (it runs in a subshell)', async () => {
    const d = driver();
    await d.run('exit 4 | true');
    expect(d.exits).toEqual([]);
  });
});

describe('LabShell: standard input of a command (cooked mode)', () => {
  it('echoes typed lines, allows Backspace, delivers on Enter; Ctrl-D is the end of input', async () => {
    const d = driver();
    d.type('reader\r');
    d.type('abc\x7fd\r');
    await d.untilShown('got: abd');
    d.type('日本\x7f\r');
    await d.untilShown('got: 日');
    d.type('\x04');
    await d.untilPrompt();
    expect(d.lines()).toEqual(['$ reader', 'abd', 'got: abd', '日', 'got: 日', 'end of input (terminal: true)', '$']);
  });

  it('Ctrl-D after a half-typed line hands it over without a line end; Ctrl-D again is the end of input', async () => {
    const d = driver();
    d.type('reader\r');
    d.type('abc\x04');
    d.type('\x7f\x7fdef\x7f\r');
    await d.untilShown('got: abcde');
    d.type('xyz\x04');
    d.type('\x04');
    await d.untilPrompt();
    expect(d.lines()).toEqual(['$ reader', 'abcde', 'got: abcde', 'xyzgot: xyz', 'end of input (terminal: true)', '$']);
  });

  it('counts a last line handed over by Ctrl-D without a line end, as wc does', async () => {
    const d = driver();
    d.type('wc -lc\r');
    d.type('ab\rcd\x04\x04');
    await d.untilPrompt();
    expect(d.lines().slice(-3)).toEqual(['ab', 'cd      1       5', '$']);
  });

  it('Ctrl-C while a command reads: readLine gives null, the typed part is dropped', async () => {
    const d = driver();
    d.type('reader\r');
    d.type('half a line\x03');
    await d.untilPrompt();
    expect(d.lines()).toEqual(['$ reader', 'half a line^Cend of input (terminal: true)', '$']);
  });

  it('keeps what was typed ahead and runs it once the command ends', async () => {
    const { command, release } = stubborn();
    const d = driver([command]);
    d.type('stubborn\r');
    await d.untilShown('busy');
    d.type('echo typed ahead\recho and half');
    release();
    await d.untilPrompt(2);
    expect(d.lines()).toEqual(['$ stubborn', 'busy', 'echo typed ahead', 'echo and halflate output', '$ echo typed ahead', 'typed ahead', '$ echo and half']);
  });

  it('runs each line of a multi-line paste in turn, a reading command gets the lines after it', async () => {
    const d = driver();
    d.type('\x1b[200~echo one\recho two\rreader\rfirst\rsecond\r\x1b[201~');
    await d.untilShown('got: second');
    d.type('\x04');
    await d.untilPrompt(3);
    // As in a real terminal: the pasted lines were not echoed when they came (the prompt had the terminal).
    expect(d.lines()).toEqual(['$ echo one', 'one', '$ echo two', 'two', '$ reader', 'got: first', 'got: second', 'end of input (terminal: true)', '$']);
  });
});

describe('LabShell: pipes and redirections', () => {
  it('feeds each stage into the next', async () => {
    const d = driver();
    expect(await d.run('echo -e "b\\na\\nc" | cat | grep -v c | wc -l')).toBe('2');
  });

  it('a stage reading from a pipe is not on the terminal', async () => {
    const d = driver();
    expect(await d.run('echo x | reader')).toBe('got: x\nend of input (terminal: false)');
  });

  it('closes the pipe for the writer when head is done, without aborting it', async () => {
    const { command, progress } = flood();
    const d = driver([command]);
    expect(await d.run('flood 1000000 | head -3')).toBe('line 1\nline 2\nline 3');
    expect(progress.stoppedBecauseClosed).toBe(true);
    expect(progress.finished).toBe(true);
    // Back-pressure: the writer got no further than a pipe's buffer ahead of head.
    expect(progress.written).toBeLessThan(PIPE_CAPACITY / 'line 1\n'.length + 10);
    expect(d.reports[0].commands.map((command) => command.exitCode)).toEqual([0, 0]);
  });

  it('the status of a pipeline is its last stage', async () => {
    const d = driver();
    expect(await d.run('false | true; echo $?; true | false; echo $?')).toBe('0\n1');
  });

  it('sends stderr of every stage to the screen, 2>/dev/null hides it, 2>&1 sends it down the pipe', async () => {
    const d = driver();
    expect(await d.run('toucher bad | wc -l')).toBe('toucher: bad topic\n0');
    expect(await d.run('toucher bad 2>/dev/null | wc -l')).toBe('0');
    expect(await d.run('toucher bad 2>&1 | wc -l')).toBe('1');
    expect(await d.run('toucher bad 2>&1 >/dev/null | wc -l')).toBe('1');
    expect(await d.run('toucher bad >/dev/null 2>&1 | wc -l')).toBe('0');
    expect(await d.run('echo hidden >/dev/null; echo shown 1>&2 | wc -l')).toBe('shown\n0');
    expect(await d.run('nosuch 2>/dev/null; echo $?')).toBe('127');
  });

  it('refuses redirections to files: there is no file system', async () => {
    const d = driver();
    expect(await d.run('echo hi > notes.txt; echo $?')).toBe(
      'kafkalab: notes.txt: the lab shell has no files (only /dev/null, 2>&1, 1>&2)\n1',
    );
    expect(await d.run('cat < input.txt')).toBe('kafkalab: input.txt: the lab shell has no files (only /dev/null, 2>&1, 1>&2)');
    expect(await d.run('echo x 2>&5')).toBe('kafkalab: 5: Bad file descriptor');
    expect(await d.run('reader </dev/null')).toBe('end of input (terminal: false)');
  });
});

describe('LabShell: flow control', () => {
  it('holds a writer while paused (one pending chunk), and finishes after resume; prompt and echo wait too', async () => {
    const { command, progress } = flood();
    const d = driver([command]);
    d.shell.pause();
    d.type('flood 10000\r');
    for (let turn = 0; turn < 50; turn++) await nextTurn();
    expect(progress.written).toBe(0);
    expect(d.screen.text()).toBe('$'); // not even the echo of the line
    d.shell.resume();
    await d.untilShown('line 3');
    d.shell.pause();
    const heldAt = progress.written;
    for (let turn = 0; turn < 50; turn++) await nextTurn();
    expect(progress.written - heldAt).toBeLessThanOrEqual(1);
    d.shell.resume();
    await d.untilPrompt();
    expect(progress.written).toBe(10000);
    expect(d.lines().filter((line) => line.startsWith('line ')).length).toBe(10000);
    expect(d.lines().at(-2)).toBe('line 10000');
  });
});

describe('LabShell: close', () => {
  it('interrupts the running command and resolves once it stopped; twice is fine', async () => {
    const d = driver();
    d.type('waiter\r');
    await d.untilShown('waiting');
    await d.shell.close();
    await d.shell.close();
    expect(d.reports[0].exitCode).toBe(130);
    expect(d.exits).toEqual([]);
    expect(d.lines().at(-1)).toBe('waiting'); // nothing is shown after close
  });

  it('releases a command waiting to write on a paused screen', async () => {
    const { command, progress } = flood();
    const d = driver([command]);
    d.type('flood 100\r');
    d.shell.pause();
    await d.shell.close();
    expect(progress.finished).toBe(true);
    expect(d.reports[0].commands[0].exitCode).toBe(0);
  });
});

describe('LabShell: prompt', () => {
  it('uses the test prompt', () => {
    expect(driver().lines()).toEqual([TEST_PROMPT.trimEnd()]);
  });
});
