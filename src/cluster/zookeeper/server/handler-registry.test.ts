import { describe, expect, it } from 'vitest';
import { OpCode } from '../protocol/index.ts';
import { handlerFor, registerHandler, registeredOps } from './handler-registry.ts';
import './handlers/index.ts';

describe('handler registry', () => {
  it('has a handler for every opcode real clients send (ZK_PROTOCOL.md section 7, plus the optional ones)', () => {
    const expected = [
      OpCode.create, OpCode.delete, OpCode.exists, OpCode.getData, OpCode.setData, OpCode.getACL, OpCode.setACL,
      OpCode.getChildren, OpCode.sync, OpCode.ping, OpCode.getChildren2, OpCode.check, OpCode.multi, OpCode.create2,
      OpCode.checkWatches, OpCode.removeWatches, OpCode.createContainer, OpCode.createTTL, OpCode.multiRead,
      OpCode.auth, OpCode.setWatches, OpCode.getEphemerals, OpCode.getAllChildrenNumber, OpCode.setWatches2,
      OpCode.addWatch, OpCode.whoAmI, OpCode.closeSession, OpCode.reconfig,
    ];
    expect([...registeredOps()].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
    expect(handlerFor(OpCode.getData)?.kind).toBe('read');
    expect(handlerFor(OpCode.create)?.kind).toBe('write');
    expect(handlerFor(OpCode.sync)?.kind).toBe('session');
    // Not a client operation: answered UNIMPLEMENTED by the connection.
    expect(handlerFor(OpCode.createSession)).toBeUndefined();
    // reconfig is a client operation, refused like a 3.8 server without reconfigEnabled (RECONFIGDISABLED).
    expect(handlerFor(OpCode.reconfig)?.kind).toBe('write');
  });

  it('refuses a second handler for the same opcode', () => {
    expect(() => registerHandler({ kind: 'read', op: OpCode.getData, name: 'again', decode: () => null, read: () => ({ err: 0 }) })).toThrow(
      /a handler for op 4 \(getData\) is already registered/,
    );
  });
});
