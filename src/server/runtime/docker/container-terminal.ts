/**
 * The page's terminal on the Docker runtime: an interactive shell in a container (`docker exec -it`), as a
 * `TerminalSession`. Keystrokes go to the exec's TTY as typed, the TTY's output comes back as text, a
 * resize resizes the TTY, and the session ends when the shell exits (with its status).
 */
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

export class ContainerTerminal implements TerminalSession {
  readonly #exec: Docker.Exec;
  readonly #stream: Duplex;
  readonly #decoder = new TextDecoder('utf-8');
  readonly #outputListeners = new Set<(data: string) => void>();
  readonly #exitListeners = new Set<(code: number) => void>();
  #exitCode: number | undefined;
  #closed = false;
  /** A resize on its way to the engine: input waits for it, so what is typed after a resize sees the new size. */
  #resizing: Promise<void> | null = null;

  private constructor(exec: Docker.Exec, stream: Duplex) {
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
    const exec = await container.exec({
      Cmd: options.cmd,
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Tty: true,
      Env: [`COLUMNS=${options.size.cols}`, `LINES=${options.size.rows}`, 'TERM=xterm-256color', ...(options.env ?? [])],
      WorkingDir: options.workingDir,
    });
    const stream = (await exec.start({ hijack: true, stdin: true, Tty: true })) as Duplex;
    const terminal = new ContainerTerminal(exec, stream);
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

  /** Hangs up the TTY: the shell gets SIGHUP and ends, with what runs in it. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
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
