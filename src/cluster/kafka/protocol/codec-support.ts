/**
 * Small runtime helpers called by the generated codecs in `messages/`. Not part of the public API.
 */
import { ProtocolDecodeError, ProtocolEncodeError } from './codec-errors.ts';

/** Throws unless `min <= version <= max` (encoding). */
export function checkEncodeVersion(message: string, version: number, min: number, max: number): void {
  if (!Number.isInteger(version) || version < min || version > max) {
    throw new ProtocolEncodeError(`${message} version ${version} is not supported (supported: ${min}..${max})`);
  }
}

/** Throws unless `min <= version <= max` (decoding). */
export function checkDecodeVersion(message: string, version: number, min: number, max: number): void {
  if (!Number.isInteger(version) || version < min || version > max) {
    throw new ProtocolDecodeError(`${message} version ${version} is not supported (supported: ${min}..${max})`, 0);
  }
}

/** Returns `value`, or throws if it is null in a version where `field` is not nullable. */
export function nonNull<T>(value: T | null, field: string, version: number): T {
  if (value === null) throw new ProtocolEncodeError(`${field} is null, which version ${version} does not allow`);
  return value;
}

/** Throws for a non-default value in a field that `version` does not have and that is not ignorable. */
export function unsupportedField(field: string, version: number): never {
  throw new ProtocolEncodeError(
    `${field} has a non-default value but version ${version} does not carry it; leave it undefined or pick a version that has it`,
  );
}
