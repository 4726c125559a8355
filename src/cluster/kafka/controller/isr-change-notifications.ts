/**
 * The controller's side of `/isr_change_notification` (`IsrChangeNotificationHandler`,
 * `KafkaController.processIsrChangeNotification`): a child watch on the folder; each
 * `isr_change_<seq>` znode a leader wrote (`../zk/isr-change-notification.ts`; brokers of before 2.7 do,
 * ours ask with AlterPartition) is read, handed to the controller (which re-reads those partition states
 * and sends UpdateMetadata) and deleted.
 */
import type { Logger } from '../../logger.ts';
import { ErrorCode } from '../../zookeeper/client/index.ts';
import type { ZooKeeperClient } from '../../zookeeper/client/index.ts';
import { decodeIsrChangeNotification, ISR_CHANGE_PREFIX } from '../zk/isr-change-notification.ts';
import type { IsrChangedPartition } from '../zk/isr-change-notification.ts';
import { isZkError } from '../zk/kafka-zk.ts';
import { ZkPaths } from '../zk/znode-paths.ts';

const MAX_RETRY_DELAY_MS = 5_000;

export class IsrChangeNotifications {
  readonly #zk: ZooKeeperClient;
  readonly #log: Logger;
  readonly #onChange: (partitions: IsrChangedPartition[]) => Promise<void>;
  #closed = false;
  #busy = false;
  #again = false;
  #failures = 0;
  #retry: ReturnType<typeof setTimeout> | undefined;

  constructor(zk: ZooKeeperClient, logger: Logger, onChange: (partitions: IsrChangedPartition[]) => Promise<void>) {
    this.#zk = zk;
    this.#log = logger;
    this.#onChange = onChange;
  }

  /** Handles the notifications already there, and every one to come. */
  start(): void {
    void this.#process();
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#retry);
  }

  async #process(): Promise<void> {
    if (this.#closed) return;
    if (this.#busy) {
      this.#again = true;
      return;
    }
    this.#busy = true;
    let failed = false;
    try {
      do {
        this.#again = false;
        const children = await this.#zk.getChildren(ZkPaths.isrChangeNotification, () => void this.#process());
        const mine = children.filter((name) => name.startsWith(ISR_CHANGE_PREFIX)).sort();
        if (mine.length === 0 || this.#closed) continue;
        const partitions = new Map<string, IsrChangedPartition>();
        // Only what was read (or is gone, or can never be read) is deleted; a read that failed on the
        // connection stays for the next round.
        const handled: string[] = [];
        for (const name of mine) {
          const path = `${ZkPaths.isrChangeNotification}/${name}`;
          let data: Uint8Array | null;
          try {
            ({ data } = await this.#zk.getData(path));
          } catch (error) {
            if (isZkError(error, ErrorCode.NONODE)) continue;
            failed = true;
            this.#log.warn('cannot read ISR change notification', { path, error: String(error) });
            continue;
          }
          handled.push(name);
          try {
            for (const p of decodeIsrChangeNotification(path, data)) partitions.set(`${p.topic}\u0000${p.partition}`, p);
          } catch (error) {
            this.#log.warn('malformed ISR change notification (deleted)', { path, error: String(error) });
          }
        }
        if (this.#closed) return;
        await this.#onChange([...partitions.values()]).catch((error: unknown) => {
          this.#log.warn('ISR change notification not handled', { error: String(error) });
        });
        for (const name of handled) {
          await this.#zk.delete(`${ZkPaths.isrChangeNotification}/${name}`).catch((error: unknown) => {
            if (!isZkError(error, ErrorCode.NONODE)) throw error;
          });
        }
      } while (this.#again && !this.#closed);
    } catch (error) {
      failed = true;
      if (!this.#closed) this.#log.warn('cannot watch /isr_change_notification; retrying', { error: String(error) });
    } finally {
      this.#busy = false;
      // A failed round may have left no watch set (getChildren failed) or notifications unread: try again.
      if (failed && !this.#closed) {
        this.#failures++;
        clearTimeout(this.#retry);
        this.#retry = setTimeout(() => void this.#process(), Math.min(MAX_RETRY_DELAY_MS, 50 * 2 ** this.#failures));
      } else {
        this.#failures = 0;
        if (this.#again && !this.#closed) void this.#process();
      }
    }
  }
}
