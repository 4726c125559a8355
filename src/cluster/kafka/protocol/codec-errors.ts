/**
 * The two ways a codec call can fail. Both are bugs or bad input, never Kafka-level errors (those are
 * error codes inside a well-formed message, see `errors.ts`).
 */

/**
 * Bytes that cannot be decoded: truncated, a negative or oversized length, an unknown magic byte, a
 * bad varint. Every decoder throws only this for bad input, so a broker can catch it and close that
 * one connection with `error.message` as the logged reason.
 */
export class ProtocolDecodeError extends Error {
  /** What is wrong, without the position. */
  readonly reason: string;
  /** Byte offset in the buffer being decoded where the problem was found. */
  readonly offset: number;

  constructor(reason: string, offset: number) {
    super(`${reason} (at byte ${offset})`);
    this.name = 'ProtocolDecodeError';
    this.reason = reason;
    this.offset = offset;
  }
}

/**
 * A value that cannot be written at the requested version: a non-default value in a field the version
 * does not have (and that is not ignorable), null where the version does not allow it, a string longer
 * than 32767 bytes, an unsupported version. Thrown by encoders; it signals a bug in the caller.
 */
export class ProtocolEncodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolEncodeError';
  }
}
