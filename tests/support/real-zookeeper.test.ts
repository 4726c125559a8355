import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeWithPeer } from './peers.ts';
import { fourLetterWord, startRealZooKeeper } from './real-zookeeper.ts';

describeWithPeer('zookeeper', 'startRealZooKeeper', () => {
  it('runs a standalone node, stops, restarts and supervises it, and cleans up', async () => {
    const zk = await startRealZooKeeper({ nodes: 1, tickTime: 500 });
    const dir = zk.dir;
    try {
      expect(zk.servers).toEqual([{ id: 1, host: '127.0.0.1', clientPort: expect.any(Number) }]);
      expect(zk.connectString).toBe(`127.0.0.1:${zk.servers[0].clientPort}`);
      expect(await zk.mode(1)).toBe('standalone');
      expect(await zk.fourLetterWord(1, 'ruok')).toBe('imok');
      expect(await zk.fourLetterWord(1, 'conf')).toMatch(/tickTime=500/);
      expect(await zk.fourLetterWord(1, 'conf')).toMatch(/minSessionTimeout=1000/);

      await zk.stop(1);
      expect(await zk.mode(1)).toBe('down');
      await zk.start(1);
      expect(await zk.mode(1)).toBe('standalone');

      // A node that dies on its own (not through kill/stop) is restarted by the supervisor.
      const pid = zk.pid(1)!;
      process.kill(pid, 'SIGKILL');
      const deadline = Date.now() + 20_000;
      while ((zk.pid(1) === pid || (await zk.mode(1)) !== 'standalone') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(zk.pid(1)).not.toBe(pid);
      expect(await zk.mode(1)).toBe('standalone');
    } finally {
      await zk.close();
    }
    expect(existsSync(dir)).toBe(false);
    await expect(fourLetterWord('127.0.0.1', zk.servers[0].clientPort, 'srvr', 1000)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
