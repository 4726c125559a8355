/**
 * What a log keeps of a batch that arrived over the network: the received bytes themselves when the batch
 * fills (nearly) all of the buffer it lies in, else a copy.
 *
 * A large request or fetch response is joined into a buffer of its own by the frame reader, and its one
 * big batch is nearly all of it: keeping that view costs no copy (on these VMs, each fresh 4 KiB page of
 * a copy costs more than the copy itself). A small batch is a view into a socket chunk that also holds other
 * frames, or one of many partitions in a request: keeping the view would keep all of that alive, so it is
 * copied. Received buffers are never reused by the transports (each read is a new buffer; the in-memory
 * pipe copies), so a kept view cannot change under the log.
 */

/** Share of its buffer a batch must fill to be kept as a view. */
const KEEP_VIEW_FROM = 0.9;

export function retainedBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteLength >= bytes.buffer.byteLength * KEEP_VIEW_FROM ? bytes : bytes.slice();
}
