import { describe, expect, it } from 'vitest';
import { deserializerFor, javaDouble, javaFloat } from './deserializers.ts';

const serialization = (name: string) => deserializerFor(`org.apache.kafka.common.serialization.${name}`) as (data: Uint8Array) => string;
const bigEndian = (size: number, write: (view: DataView) => void) => {
  const bytes = new Uint8Array(size);
  write(new DataView(bytes.buffer));
  return bytes;
};

describe("Kafka's deserializers, printed with toString()", () => {
  it('reads big-endian numbers of the exact size', () => {
    expect(serialization('IntegerDeserializer')(bigEndian(4, (v) => v.setInt32(0, -7)))).toBe('-7');
    expect(serialization('ShortDeserializer')(bigEndian(2, (v) => v.setInt16(0, 300)))).toBe('300');
    expect(serialization('LongDeserializer')(bigEndian(8, (v) => v.setBigInt64(0, 9_007_199_254_740_993n)))).toBe('9007199254740993');
    expect(serialization('DoubleDeserializer')(bigEndian(8, (v) => v.setFloat64(0, 1.5)))).toBe('1.5');
    expect(serialization('FloatDeserializer')(bigEndian(4, (v) => v.setFloat32(0, 0.1)))).toBe('0.1');
    expect(() => serialization('LongDeserializer')(new Uint8Array(4))).toThrow('Size of data received by LongDeserializer is not 8');
    expect(() => serialization('DoubleDeserializer')(new Uint8Array(4))).toThrow('Size of data received by Deserializer is not 8');
  });

  it('prints strings, Bytes and UUIDs as Java does', () => {
    expect(serialization('StringDeserializer')(new TextEncoder().encode('héllo'))).toBe('héllo');
    expect(serialization('BytesDeserializer')(new Uint8Array([0x41, 0x00, 0x5c, 0x7e, 0xff]))).toBe('A\\x00\\x5C~\\xFF');
    expect(serialization('UUIDDeserializer')(new TextEncoder().encode('1-2-3-4-5'))).toBe('00000001-0002-0003-0004-000000000005');
    expect(() => serialization('UUIDDeserializer')(new TextEncoder().encode('nope'))).toThrow('Error parsing data into UUID');
    expect(serialization('ByteArrayDeserializer')(new Uint8Array([1]))).toMatch(/^\[B@[0-9a-f]+$/);
  });

  it('knows no other class', () => {
    expect(deserializerFor('org.apache.kafka.common.serialization.FancyDeserializer')).toBeUndefined();
    expect(deserializerFor('com.example.StringDeserializer')).toBeUndefined();
  });

  it("writes doubles and floats as Double/Float.toString", () => {
    expect([1, 100, 1e7, 1.25e-4, 0.001, 123456.789, -0, NaN, -Infinity].map(javaDouble)).toEqual(['1.0', '100.0', '1.0E7', '1.25E-4', '0.001', '123456.789', '-0.0', 'NaN', '-Infinity']);
    expect([Math.fround(3.14), Math.fround(1e10)].map(javaFloat)).toEqual(['3.14', '1.0E10']);
  });
});
