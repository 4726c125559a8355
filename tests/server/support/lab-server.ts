/**
 * The server as `kafkalab start` builds it (runtime, progress store, lab engine, app) on free ports and a
 * temporary data dir, driven with JSON requests as the course's pages send them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Translate } from '../../../src/labs/i18n/translate.ts';
import type { Lab } from '../../../src/labs/lab.ts';
import { buildApp } from '../../../src/server/app.ts';
import { LabEngine } from '../../../src/server/labs/lab-engine.ts';
import { ProgressStore } from '../../../src/server/labs/progress-store.ts';
import type { ClusterRuntime } from '../../../src/server/runtime/cluster-runtime.ts';

export interface LabServer extends AsyncDisposable {
  app: FastifyInstance;
  engine: LabEngine;
  store: ProgressStore;
  dataDir: string;
  /** A request as the page sends it: POSTs with a JSON body (`{}` when none is given). */
  call<T = Record<string, unknown>>(method: 'GET' | 'POST', url: string, payload?: unknown): Promise<{ status: number; body: T & ApiErrorReply }>;
}

export interface ApiErrorReply {
  ok?: false;
  error?: { code: string; message: string; hint?: string };
}

export interface LabServerOptions {
  runtime: ClusterRuntime;
  labs?: readonly Lab[];
  translate?: Translate;
  /** Reuse a data dir (a restarted server); default a new temporary one, removed at dispose. */
  dataDir?: string;
}

export async function startLabServer(options: LabServerOptions): Promise<LabServer> {
  const owned = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kafkalab-labs-'));
  const store = ProgressStore.open(dataDir);
  const engine = new LabEngine({ runtime: options.runtime, store, labs: options.labs, translate: options.translate });
  const app = await buildApp({ runtime: options.runtime, version: 'test', labs: engine });
  return {
    app,
    engine,
    store,
    dataDir,
    async call(method, url, payload) {
      const response = await app.inject(method === 'POST' ? { method, url, payload: (payload ?? {}) as object } : { method, url });
      return { status: response.statusCode, body: response.json() };
    },
    async [Symbol.asyncDispose]() {
      await app.close();
      await engine.close();
      store.close();
      if (owned) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
