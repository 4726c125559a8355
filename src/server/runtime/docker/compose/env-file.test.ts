import { describe, expect, it } from 'vitest';
import { interpolationEnv, parseEnvFile } from './env-file.ts';

describe('the .env file beside docker-compose.yml', () => {
  it('reads KEY=VALUE lines as Compose does: comments, export, quotes, inline comments', () => {
    const text = [
      '# images for a mirror',
      '',
      'KAFKALAB_KAFKA_IMAGE=registry.example.com/cp-kafka:7.9.1',
      'export KAFKALAB_ZOOKEEPER_IMAGE = mirror/zk:1 # pinned',
      "SINGLE='a # not a comment $HOME'",
      'DOUBLE="line\\nnext \\"quoted\\""',
      'EMPTY=',
      'not a variable line',
    ].join('\n');
    expect(parseEnvFile(text)).toEqual({
      KAFKALAB_KAFKA_IMAGE: 'registry.example.com/cp-kafka:7.9.1',
      KAFKALAB_ZOOKEEPER_IMAGE: 'mirror/zk:1',
      SINGLE: 'a # not a comment $HOME',
      DOUBLE: 'line\nnext "quoted"',
      EMPTY: '',
    });
  });

  it('lets the environment win over the file, and works without a file', () => {
    expect(interpolationEnv('A=file\nB=file\n', { A: 'env', C: undefined })).toEqual({ A: 'env', B: 'file' });
    expect(interpolationEnv(undefined, { A: 'env' })).toEqual({ A: 'env' });
  });
});
