import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImagePullError } from './image-pull-error.ts';
import { followPull } from './image-pull.ts';
import type { PullProgressEvent } from './pull-progress.ts';

const fixture = (name: string) => createReadStream(join(import.meta.dirname, 'testing', name));

async function follow(image: string, name: string): Promise<{ events: PullProgressEvent[]; error?: unknown }> {
  const events: PullProgressEvent[] = [];
  try {
    await followPull(image, fixture(name), (event) => events.push(event));
    return { events };
  } catch (error) {
    return { events, error };
  }
}

describe('followPull', () => {
  it('sums a Docker stream over its layers (an existing layer counts as done, extraction is not bytes)', async () => {
    const { events, error } = await follow('confluentinc/cp-zookeeper:7.9.1', 'docker-pull-stream.jsonl');
    expect(error).toBeUndefined();
    expect(events[0]).toEqual({ image: 'confluentinc/cp-zookeeper:7.9.1', currentBytes: 0, totalBytes: 0, layers: 0, layersDone: 0, done: false });
    // After the two layers' first Downloading lines: 540672 of 52428800, 1 of 3 layers done (Already exists).
    expect(events).toContainEqual({ image: 'confluentinc/cp-zookeeper:7.9.1', currentBytes: 26214400 + 1048576, totalBytes: 52428800 + 10485760, layers: 3, layersDone: 1, done: false });
    expect(events.map((e) => e.currentBytes)).toEqual([...events.map((e) => e.currentBytes)].sort((a, b) => a - b));
    expect(events.at(-1)).toEqual({ image: 'confluentinc/cp-zookeeper:7.9.1', currentBytes: 62914560, totalBytes: 62914560, layers: 3, layersDone: 3, done: true });
    expect(events.filter((e) => e.done)).toHaveLength(1);
  });

  it('sums a podman stream, and does not count its closing image-id line as a layer', async () => {
    const { events, error } = await follow('docker.io/library/x:1', 'podman-pull-stream.jsonl');
    expect(error).toBeUndefined();
    expect(events).toContainEqual({ image: 'docker.io/library/x:1', currentBytes: 1048576, totalBytes: 29150000, layers: 2, layersDone: 1, done: false });
    expect(events.at(-1)).toEqual({ image: 'docker.io/library/x:1', currentBytes: 29150000 + 1469, totalBytes: 29150000 + 1469, layers: 3, layersDone: 3, done: true });
  });

  it('turns an error inside a Docker stream into an ImagePullError naming the image, after the progress before it', async () => {
    const { events, error } = await follow('confluentinc/cp-kafka:7.9.1', 'docker-pull-failure-stream.jsonl');
    expect(error).toBeInstanceOf(ImagePullError);
    expect((error as ImagePullError).image).toBe('confluentinc/cp-kafka:7.9.1');
    expect((error as ImagePullError).message).toBe('pulling confluentinc/cp-kafka:7.9.1 failed: read tcp 192.168.1.20:50412->104.16.101.215:443: read: connection reset by peer');
    expect((error as ImagePullError).hint).toMatch(/kafkalab images save kafkalab-images\.tar.*kafkalab images load kafkalab-images\.tar/);
    expect(events.at(-1)).toMatchObject({ currentBytes: 3145728, totalBytes: 209715200, done: false });
  });

  it('turns podman’s recorded error line into an ImagePullError with the engine’s reason', async () => {
    const { events, error } = await follow('registry.invalid/x:1', 'podman-pull-error-stream.jsonl');
    expect(error).toBeInstanceOf(ImagePullError);
    expect((error as ImagePullError).message).toMatch(/^pulling registry\.invalid\/x:1 failed: initializing source docker:\/\/registry\.invalid\/x:1: .*no such host$/);
    expect(events.every((e) => !e.done)).toBe(true);
  });
});
