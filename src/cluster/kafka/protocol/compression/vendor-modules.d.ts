/** Types of the untyped compression package the codecs use (only what they call). */
declare module 'snappyjs' {
  const snappyjs: {
    /** Raw snappy; throws `Error` for a bad bitstream or a declared length above `maxLength`. */
    uncompress(compressed: Uint8Array, maxLength?: number): Uint8Array;
    compress(uncompressed: Uint8Array): Uint8Array;
  };
  export default snappyjs;
}
