import { describe, expect, it } from 'vitest';
import { configValueText } from './config-value-text.ts';

describe('configValueText (ConfigDef.parseType + convertToString)', () => {
  it('prints values as Kafka does after parsing them', () => {
    expect(configValueText('long', ' 1000 ')).toBe('1000');
    expect(configValueText('long', '+0042')).toBe('42');
    expect(configValueText('int', '9223372036854775807')).toBe('9223372036854775807');
    expect(configValueText('boolean', 'TRUE')).toBe('true');
    expect(configValueText('boolean', ' False')).toBe('false');
    expect(configValueText('double', '1')).toBe('1.0');
    expect(configValueText('double', '0.5')).toBe('0.5');
    expect(configValueText('double', '.25')).toBe('0.25');
    expect(configValueText('double', '0.00001')).toBe('1.0E-5');
    expect(configValueText('double', '12345678')).toBe('1.2345678E7');
    expect(configValueText('list', 'compact, delete')).toBe('compact,delete');
    expect(configValueText('list', ' ')).toBe('');
    expect(configValueText('enum', ' zstd ')).toBe('zstd');
    expect(configValueText('string', ' 3.0-IV1')).toBe('3.0-IV1');
  });
});
