import { describe, expect, it } from 'vitest';
import { thrownBy } from '../../testing/thrown-by.ts';
import { JavaException } from '../kafka/java-exception.ts';
import { parseJavaDuration, parseKafkaDateTime } from './java-time-arguments.ts';

const messageOf = (work: () => unknown) => String(thrownBy(work, JavaException));

describe('--to-datetime (Utils.getDateTime)', () => {
  it('reads UTC without a zone, and the zones SimpleDateFormat X/XXX accept', () => {
    expect(parseKafkaDateTime('2024-01-31T10:00:00.000')).toBe(Date.UTC(2024, 0, 31, 10));
    expect(parseKafkaDateTime('2024-01-31T10:00:00.250Z')).toBe(Date.UTC(2024, 0, 31, 10, 0, 0, 250));
    expect(parseKafkaDateTime('2024-01-31T10:00:00.000+01:00')).toBe(Date.UTC(2024, 0, 31, 9));
    expect(parseKafkaDateTime('2024-01-31T10:00:00.000-02')).toBe(Date.UTC(2024, 0, 31, 12));
  });

  it("fails as Java does: no 'T', no milliseconds, a day out of range", () => {
    expect(messageOf(() => parseKafkaDateTime('2024-01-31'))).toContain("It does not contain a 'T' according to ISO8601 format");
    expect(messageOf(() => parseKafkaDateTime('2024-01-31T10:00:00'))).toContain('Unparseable date: "2024-01-31T10:00:00Z"');
    expect(messageOf(() => parseKafkaDateTime('2024-02-30T10:00:00.000'))).toContain('Unparseable date');
  });
});

describe('--by-duration (Duration.parse)', () => {
  it('reads days, hours, minutes, seconds with fractions and signs', () => {
    expect(parseJavaDuration('PT1H')).toBe(3_600_000);
    expect(parseJavaDuration('P1DT2H3M4.5S')).toBe(86_400_000 + 7_200_000 + 180_000 + 4_500);
    expect(parseJavaDuration('pt10m')).toBe(600_000);
    expect(parseJavaDuration('-PT1M')).toBe(-60_000);
  });

  it('refuses what Java refuses', () => {
    for (const text of ['PT', 'P', '1H', 'PT1.5M', 'P1Y']) {
      expect(messageOf(() => parseJavaDuration(text))).toContain('Text cannot be parsed to a Duration');
    }
  });
});
