/**
 * Whole `int32 length + payload` frames from any connection: through the transport's own `onFrames` where it
 * has one (payloads read straight into their buffers), else by splitting `onData` chunks with a `FrameReader`.
 */
import { FrameReader } from './frame-reader.ts';
import type { Connection } from './transport.ts';

/**
 * Calls `onFrame` with each frame's payload. A bad length (negative, above `maxFrameBytes`) calls `onError`
 * once, with a `FrameTooLargeError`, and nothing more is delivered; the caller closes the connection.
 */
export function receiveFrames(connection: Connection, maxFrameBytes: number, onFrame: (frame: Uint8Array) => void, onError: (error: Error) => void): void {
  if (connection.onFrames) {
    connection.onFrames(maxFrameBytes, onFrame, onError);
    return;
  }
  const reader = new FrameReader(maxFrameBytes);
  let failed = false;
  connection.onData((bytes) => {
    if (failed) return;
    let frames: Uint8Array[];
    try {
      frames = reader.push(bytes);
    } catch (error) {
      failed = true;
      onError(error as Error);
      return;
    }
    for (const frame of frames) onFrame(frame);
  });
}
