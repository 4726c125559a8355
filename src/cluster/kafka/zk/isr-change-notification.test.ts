/** The `/isr_change_notification/isr_change_<seq>` content a leader of before 2.7 writes and the controller reads (Kafka's format). */
import { describe, expect, it } from 'vitest';
import { decodeIsrChangeNotification, encodeIsrChangeNotification } from './isr-change-notification.ts';

describe('ISR change notification znodes', () => {
  it("are Kafka's JSON: version 1 and the changed partitions", () => {
    const text = encodeIsrChangeNotification([{ topic: 'orders', partition: 0 }, { topic: 'orders', partition: 2 }]);
    expect(JSON.parse(text)).toEqual({ version: 1, partitions: [{ topic: 'orders', partition: 0 }, { topic: 'orders', partition: 2 }] });
    expect(decodeIsrChangeNotification('/isr_change_notification/isr_change_0000000001', new TextEncoder().encode(text))).toEqual([
      { topic: 'orders', partition: 0 },
      { topic: 'orders', partition: 2 },
    ]);
  });

  it('refuse content that names no partitions, with the path', () => {
    const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
    expect(() => decodeIsrChangeNotification('/isr_change_notification/isr_change_7', bytes({ version: 1 }))).toThrow(/isr_change_7: no "partitions" array/);
    expect(() => decodeIsrChangeNotification('/isr_change_notification/isr_change_8', bytes({ version: 1, partitions: [{ topic: 't' }] }))).toThrow(/isr_change_8: bad partition entry/);
  });
});
