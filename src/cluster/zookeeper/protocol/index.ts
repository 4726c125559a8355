/** The ZooKeeper client-protocol codec, shared by our server and our client. */
export * from './jute-reader.ts';
export * from './jute-writer.ts';
export * from './op-codes.ts';
export * from './errors.ts';
export * from './records.ts';
export * from './packets.ts';
