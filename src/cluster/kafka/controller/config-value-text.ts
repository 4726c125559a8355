/**
 * How Kafka prints a config value it has parsed (`ConfigDef.parseType` then `ConfigDef.convertToString`):
 * DescribeConfigs and CreateTopics answer with this, not with the text a client sent. Strings are trimmed,
 * booleans lower-cased, numbers printed as Java prints them (`1000`, a double `1.0`, `1.0E-5`), list items
 * trimmed and joined with `,`. A value that does not parse is returned as it is (validation refuses those
 * before they are stored).
 */
export type ConfigValueType = 'int' | 'long' | 'double' | 'boolean' | 'string' | 'list' | 'enum';

export function configValueText(type: ConfigValueType, value: string): string {
  const trimmed = value.trim();
  switch (type) {
    case 'boolean':
      return /^(true|false)$/i.test(trimmed) ? trimmed.toLowerCase() : value;
    case 'int':
    case 'long':
      return /^[+-]?\d+$/.test(trimmed) ? BigInt(trimmed).toString() : value;
    case 'double': {
      const number = Number(trimmed);
      return trimmed !== '' && Number.isFinite(number) ? javaDoubleText(number) : value;
    }
    case 'list':
      return trimmed === '' ? '' : trimmed.split(',').map((item) => item.trim()).filter((item) => item !== '').join(',');
    default:
      return trimmed;
  }
}

/** `Double.toString`: plain notation from 10^-3 up to 10^7 (always with a fraction), scientific outside. */
function javaDoubleText(number: number): string {
  if (number === 0) return Object.is(number, -0) ? '-0.0' : '0.0';
  const magnitude = Math.abs(number);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    const text = String(number);
    return text.includes('.') ? text : `${text}.0`;
  }
  const [mantissa, exponent] = number.toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${exponent.replace('+', '')}`;
}
