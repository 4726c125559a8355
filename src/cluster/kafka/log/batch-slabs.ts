/**
 * Where a segment keeps its small batches: copied back to back into a few shared buffers ("slabs") instead of one
 * buffer each. A buffer of its own costs a small batch (a 1 KB record from kafkajs) a third to a half again in
 * allocator and ArrayBuffer overhead; in a slab it costs only its view. Slabs grow from 16 KB to 1 MB, so a quiet
 * partition's segment holds little, and they go with their segment (retention deletes whole segments).
 * Large batches (kcat's, a busy producer's) keep their own buffer: their overhead is already negligible.
 */

/** Batches at least this large keep their own buffer. */
export const SLAB_COPY_LIMIT = 8 * 1024;
const FIRST_SLAB = 16 * 1024;
const LARGEST_SLAB = 1024 * 1024;

export class BatchSlabs {
  #slab: Uint8Array | undefined;
  #used = 0;
  #nextSize = FIRST_SLAB;

  /** `bytes` as the segment keeps it: a view into a slab for a small batch, the same buffer for a large one. */
  keep(bytes: Uint8Array): Uint8Array {
    if (bytes.length >= SLAB_COPY_LIMIT) return bytes;
    if (!this.#slab || this.#used + bytes.length > this.#slab.length) {
      this.#slab = new Uint8Array(this.#nextSize);
      this.#used = 0;
      this.#nextSize = Math.min(LARGEST_SLAB, this.#nextSize * 2);
    }
    const view = this.#slab.subarray(this.#used, this.#used + bytes.length);
    view.set(bytes);
    this.#used += bytes.length;
    return view;
  }
}
