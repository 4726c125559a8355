import { describe, expect, it } from 'vitest';
import { parseJavaProperties } from './java-properties.ts';

describe('parseJavaProperties (java.util.Properties#load)', () => {
  it('reads the three separators, comments and blank lines', () => {
    const parsed = parseJavaProperties('# admin settings\n! also a comment\n\ndefault.api.timeout.ms=3000\nclient.id: tool\n  request.timeout.ms   2000\n');
    expect([...parsed]).toEqual([
      ['default.api.timeout.ms', '3000'],
      ['client.id', 'tool'],
      ['request.timeout.ms', '2000'],
    ]);
  });

  it('joins continued lines and unescapes', () => {
    const parsed = parseJavaProperties('sasl.jaas.config=a \\\n    b\nkey\\=with\\:seps=x\\ty\\u0041\n');
    expect(parsed.get('sasl.jaas.config')).toBe('a b');
    expect(parsed.get('key=with:seps')).toBe('x\tyA');
  });
});
