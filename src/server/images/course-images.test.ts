import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stackImages } from './course-images.ts';

describe('stackImages', () => {
  it('lists the repo stack’s images once each, with the services that run them', () => {
    expect(stackImages({ env: {} })).toEqual([
      { name: 'confluentinc/cp-zookeeper:7.9.1', services: ['zookeeper-1', 'zookeeper-2', 'zookeeper-3'] },
      { name: 'confluentinc/cp-kafka:7.9.1', services: ['kafka-1', 'kafka-2', 'kafka-3'] },
      { name: 'tchiotludo/akhq:0.25.1', services: ['akhq'] },
    ]);
  });

  it('follows the environment’s image variables and leaves out what --without leaves out', () => {
    const env = { KAFKALAB_ZOOKEEPER_IMAGE: 'kafkalab/zookeeper:0123456789ab', KAFKALAB_KAFKA_IMAGE: 'kafkalab/node:ba9876543210' };
    expect(stackImages({ env, without: ['akhq'] }).map((image) => image.name)).toEqual(['kafkalab/zookeeper:0123456789ab', 'kafkalab/node:ba9876543210']);
  });

  it('reads another compose file when told to', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kafkalab-compose-'));
    try {
      const file = join(dir, 'docker-compose.yml');
      writeFileSync(file, 'name: other\nservices:\n  one:\n    image: busybox:1\n  two:\n    image: busybox:1\n');
      expect(stackImages({ composeFile: file, env: {} })).toEqual([{ name: 'busybox:1', services: ['one', 'two'] }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
