/**
 * The deserializers the console consumer's formatter can be given (`--property
 * value.deserializer=...`, `--key-deserializer`), by class name: Kafka's built-in ones, printing the
 * value's `toString()`. The formatter hands them the bytes of `null.literal` for a null field, as
 * DefaultMessageFormatter does. A wrong size is Kafka's SerializationException, with the frames
 * its stack trace shows (Kafka 3.9 line numbers).
 */
import { JavaException, type JavaThrowable } from '../kafka/java-exception.ts';

const PACKAGE = 'org.apache.kafka.common.serialization.';

/** A deserializer failure: the exception, its frames up to `Deserializer.deserialize`, and its cause. */
export class DeserializationError extends JavaException {
  constructor(message: string, frames: readonly string[], cause?: JavaThrowable) {
    super('org.apache.kafka.common.errors.SerializationException', message, frames, cause);
  }
}

export type Deserializer = (data: Uint8Array) => string;

interface SizedNumber {
  size: number;
  /** The exception's message for the `deserialize(String, byte[])` overload. */
  message: string;
  /** Source lines: class declaration (the bridge method), the throw. */
  lines: [declaration: number, thrown: number];
  read: (view: DataView) => string;
}

const SIZED: Readonly<Record<string, SizedNumber>> = {
  IntegerDeserializer: { size: 4, message: 'Size of data received by IntegerDeserializer is not 4', lines: [24, 30], read: (view) => String(view.getInt32(0)) },
  LongDeserializer: { size: 8, message: 'Size of data received by LongDeserializer is not 8', lines: [24, 30], read: (view) => view.getBigInt64(0).toString() },
  ShortDeserializer: { size: 2, message: 'Size of data received by ShortDeserializer is not 2', lines: [24, 31], read: (view) => String(view.getInt16(0)) },
  DoubleDeserializer: { size: 8, message: 'Size of data received by Deserializer is not 8', lines: [24, 31], read: (view) => javaDouble(view.getFloat64(0)) },
  FloatDeserializer: { size: 4, message: 'Size of data received by Deserializer is not 4', lines: [24, 30], read: (view) => javaFloat(view.getFloat32(0)) },
};

const utf8 = new TextDecoder();

/** The deserializer for a class name, or undefined when Kafka has no such class (ClassNotFoundException). */
export function deserializerFor(className: string): Deserializer | undefined {
  if (!className.startsWith(PACKAGE)) return undefined;
  const simpleName = className.slice(PACKAGE.length);
  const sized = SIZED[simpleName];
  if (sized) {
    return (data) => {
      if (data.length !== sized.size) {
        throw new DeserializationError(sized.message, [
          `${className}.deserialize(${simpleName}.java:${sized.lines[1]})`,
          `${className}.deserialize(${simpleName}.java:${sized.lines[0]})`,
          `${PACKAGE}Deserializer.deserialize(Deserializer.java:62)`,
        ]);
      }
      return sized.read(new DataView(data.buffer, data.byteOffset, data.byteLength));
    };
  }
  switch (simpleName) {
    case 'StringDeserializer':
      return (data) => utf8.decode(data);
    case 'ByteArrayDeserializer':
      // `byte[]#toString()`: the array's identity, not its content.
      return () => `[B@${Math.floor(Math.random() * 0x7fffffff).toString(16)}`;
    case 'BytesDeserializer':
      return bytesToString;
    case 'UUIDDeserializer':
      return (data) => parseUuid(className, utf8.decode(data));
    default:
      return undefined;
  }
}

/** `org.apache.kafka.common.utils.Bytes#toString()`: printable ASCII as is, other bytes as `\xNN`. */
function bytesToString(data: Uint8Array): string {
  let text = '';
  for (const byte of data) {
    text += byte >= 0x20 && byte < 0x7f && byte !== 0x5c ? String.fromCharCode(byte) : `\\x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return text;
}

/** `UUID.fromString(text).toString()`: five dash-separated hex groups, printed canonical and lower case. */
function parseUuid(className: string, text: string): string {
  const groups = text.split('-');
  const widths = [8, 4, 4, 4, 12];
  if (text.length <= 36 && groups.length === 5 && groups.every((group, index) => /^[0-9a-fA-F]+$/.test(group) && group.length <= (index === 4 ? 12 : 16))) {
    const values = groups.map((group) => BigInt(`0x${group}`));
    const masks = widths.map((width) => (1n << BigInt(width * 4)) - 1n);
    return values.map((value, index) => (value & masks[index]).toString(16).padStart(widths[index], '0')).join('-');
  }
  const cause = new JavaException('java.lang.IllegalArgumentException', text.length > 36 ? 'UUID string too large' : `Invalid UUID string: ${text}`);
  throw new DeserializationError('Error parsing data into UUID', [`${className}.deserialize(UUIDDeserializer.java:56)`, `${className}.deserialize(UUIDDeserializer.java:33)`, `${PACKAGE}Deserializer.deserialize(Deserializer.java:62)`], cause);
}

/** `Double.toString`: plain between 10^-3 and 10^7 (at least one decimal), else `d.dddE[-]n`. */
export function javaDouble(value: number): string {
  return javaFloatingPoint(value, (n) => String(n));
}

/** `Float.toString`: the shortest decimal that reads back as the same float. */
export function javaFloat(value: number): string {
  return javaFloatingPoint(value, (n) => {
    for (let digits = 1; digits <= 9; digits++) {
      const text = n.toPrecision(digits);
      if (Math.fround(Number(text)) === n) return String(Number(text));
    }
    return String(n);
  });
}

function javaFloatingPoint(value: number, shortest: (n: number) => string): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const magnitude = Math.abs(value);
  const sign = value < 0 ? '-' : '';
  const digits = shortest(magnitude);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    const plain = digits.includes('e') ? Number(digits).toFixed(20).replace(/0+$/, '') : digits;
    return sign + (plain.includes('.') ? plain : `${plain}.0`);
  }
  const [mantissa, exponent] = Number(digits).toExponential().split('e');
  return `${sign}${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}
