/** Codec 0: the records as they are. */
import type { CompressionCodec } from './compression-codec.ts';

export const noneCodec: CompressionCodec = {
  name: 'none',
  compress: async (data) => data,
  decompress: async (data) => data,
};
