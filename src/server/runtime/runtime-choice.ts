/**
 * Which runtime `kafkalab start` uses, and why (so `kafkalab doctor` can say it in one line).
 *
 * - `--runtime embedded|docker` decides (docker without an engine is still docker: start then fails
 *   with the discovery's reasons, which is what the learner asked for).
 * - Otherwise docker when an engine answered and every image the stack needs is present; embedded when
 *   no engine answered.
 * - An engine that lacks images: docker only when the caller knows they can be pulled (`pullable: true`);
 *   kafkalab does not probe registries on its own (a check that can hang offline, and the engine's own
 *   registry settings decide anyway), so by default that is embedded, with the commands that fix it:
 *   `kafkalab images pull` (or `build` for the course's own images), or `--runtime docker` (which pulls
 *   at start with a progress bar). The "images present or pullable" is therefore: present, or
 *   pulled on demand when asked for.
 */
import type { RuntimeKind } from './cluster-runtime.ts';

export interface RuntimeChoiceInput {
  forced?: RuntimeKind;
  /** The engine that answered discovery, or null. */
  engine: { name: string; version: string } | null;
  images: Array<{ name: string; present: boolean }>;
  /** The missing images are known to be pullable (a registry the engine reaches); default unknown. */
  pullable?: boolean;
}

export interface RuntimeChoice {
  kind: RuntimeKind;
  reason: string;
}

export function chooseRuntime(input: RuntimeChoiceInput): RuntimeChoice {
  const engine = input.engine ? `${input.engine.name} ${input.engine.version}` : undefined;
  if (input.forced === 'embedded') return { kind: 'embedded', reason: 'forced with --runtime embedded' };
  if (input.forced === 'docker') {
    return {
      kind: 'docker',
      reason: engine ? `forced with --runtime docker (engine: ${engine}; missing images are pulled at start)` : 'forced with --runtime docker, but no container engine answered: start will fail until one does',
    };
  }
  if (!engine) return { kind: 'embedded', reason: 'no Docker-compatible engine answered' };
  const missing = input.images.filter((image) => !image.present).map((image) => image.name);
  if (missing.length === 0) return { kind: 'docker', reason: `${engine} answered and every image the stack needs is present` };
  if (input.pullable) return { kind: 'docker', reason: `${engine} answered; ${missing.join(', ')} will be pulled at start` };
  return {
    kind: 'embedded',
    reason: `${engine} answered but ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing: run \`kafkalab images pull\` (or \`kafkalab images build\` for kafkalab's own images), or start with --runtime docker to pull at start`,
  };
}
