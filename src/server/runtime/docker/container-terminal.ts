/**
 * The page's terminal on the Docker runtime: an interactive shell in a container (`docker exec -it`), as a
 * `TerminalSession`. Keystrokes go to the exec's TTY as typed, the TTY's output comes back as text, a
 * resize resizes the TTY, and the session ends when the shell exits (with its status).
 *
 * Hanging up is not enough to end a shell in a container: the engine keeps an exec's processes running
 * after its client goes (Docker and podman alike). So the shell starts by writing its process id (it leads
 * its own session, as an exec with a TTY does), and `close` hangs up every process of that session itself,
 * then kills what is left: a consumer left running in a closed tab would stay in its group for ever.
 */
import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import type { TerminalSession, TerminalSize } from '../../../terminal/terminal-session.ts';

export interface ContainerTerminalOptions {
  /** The shell to run, e.g. ['/bin/bash', '-l']. */
  cmd: string[];
  size: TerminalSize;
  env?: string[];
  workingDir?: string;
}

/** Hangs up every process of the session led by the pid in the file named $1, then kills what remains. */
const END_SESSION = `pidfile=$1
sid=$(cat "$pidfile" 2>/dev/null) || exit 0
members() {
  for dir in /proc/[0-9]*; do
    stat=$(cat "$dir/stat" 2>/dev/null) || continue
    rest=\${stat##*) }
    set -- $rest
    [ "$4" = "$sid" ] && echo "\${dir#/proc/}"
  done
}
for pid in $(members); do kill -HUP "$pid" 2>/dev/null; done
for attempt in 1 2 3 4 5 6 7 8 9 10; do
  [ -z "$(members)" ] && break
  sleep 0.2
done
for pid in $(members); do kill -KILL "$pid" 2>/dev/null; done
rm -f "$pidfile"`;

export class ContainerTerminal implements TerminalSession {
  readonly #container: Docker.Container;
  readonly #pidFile: string;
  readonly #exec: Docker.Exec;
  readonly #stream: Duplex;
  readonly #decoder = new TextDecoder('utf-8');
  readonly #outputListeners = new Set<(data: string) => void>();
  readonly #exitListeners = new Set<(code: number) => void>();
  #exitCode: number | undefined;
  #closed = false;
  /** A resize on its way to the engine: input waits for it, so what is typed after a resize sees the new size. */
  #resizing: Promise<void> | null = null;

  private constructor(container: Docker.Container, pidFile: string, exec: Docker.Exec, stream: Duplex) {
    this.#container = container;
    this.#pidFile = pidFile;
    this.#exec = exec;
    this.#stream = stream;
    stream.on('data', (chunk: Buffer) => {
      const text = this.#decoder.decode(chunk, { stream: true });
      if (text) for (const listener of this.#outputListeners) listener(text);
    });
    stream.on('error', () => stream.destroy());
    stream.once('close', () => void this.#ended());
  }

  static async open(container: Docker.Container, options: ContainerTerminalOptions): Promise<ContainerTerminal> {
    const pidFile = `/tmp/kafkalab-terminal-${randomBytes(8).toString('hex')}.pid`;
    const exec = await container.exec({
      Cmd: ['/bin/sh', '-c', 'echo $$ > "$0" && exec "$@"', pidFile, ...options.cmd],
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Tty: true,
      Env: [`COLUMNS=${options.size.cols}`, `LINES=${options.size.rows}`, 'TERM=xterm-256color', ...(options.env ?? [])],
      WorkingDir: options.workingDir,
    });
    const stream = (await exec.start({ hijack: true, stdin: true, Tty: true })) as Duplex;
    const terminal = new ContainerTerminal(container, pidFile, exec, stream);
    terminal.resize(options.size);
    return terminal;
  }

  input(data: string): void {
    if (this.#resizing) {
      void this.#resizing.then(() => this.input(data));
      return;
    }
    if (!this.#closed && !this.#stream.destroyed) this.#stream.write(data);
  }

  resize(size: TerminalSize): void {
    if (this.#closed) return;
    // Podman answers 201 where Docker answers 200, which dockerode reports as an error; a resize that fails
    // otherwise (the exec has ended) changes nothing worth reporting.
    const resizing = Promise.resolve(this.#resizing)
      .then(() => this.#exec.resize({ h: size.rows, w: size.cols }))
      .then(
        () => {},
        () => {},
      )
      .finally(() => {
        if (this.#resizing === resizing) this.#resizing = null;
      });
    this.#resizing = resizing;
  }

  onOutput(listener: (data: string) => void): () => void {
    this.#outputListeners.add(listener);
    return () => this.#outputListeners.delete(listener);
  }

  onExit(listener: (code: number) => void): () => void {
    if (this.#exitCode !== undefined) {
      queueMicrotask(() => listener(this.#exitCode!));
      return () => {};
    }
    this.#exitListeners.add(listener);
    return () => this.#exitListeners.delete(listener);
  }

  pause(): void {
    this.#stream.pause();
  }

  resume(): void {
    this.#stream.resume();
  }

  /** Ends the shell and everything it started (SIGHUP to its session, then SIGKILL to what lingers). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      const ending = await this.#container.exec({ Cmd: ['/bin/sh', '-c', END_SESSION, 'end-session', this.#pidFile], AttachStdout: true, AttachStderr: true });
      const output = await ending.start({ hijack: true, stdin: false });
      await new Promise<void>((resolve) => {
        output.on('end', resolve);
        output.on('close', resolve);
        output.on('error', () => resolve());
        output.resume();
      });
    } catch {
      // The container is gone (the stack went down): so is the shell.
    }
    this.#stream.end();
    this.#stream.destroy();
  }

  async #ended(): Promise<void> {
    if (this.#exitCode !== undefined) return;
    let code = 0;
    try {
      const info = await this.#exec.inspect();
      code = info.ExitCode ?? (this.#closed ? 129 : 0);
    } catch {
      code = 129;
    }
    this.#exitCode = code;
    for (const listener of this.#exitListeners) listener(code);
    this.#exitListeners.clear();
  }
}
