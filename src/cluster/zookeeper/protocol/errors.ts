/**
 * The ZooKeeper error table (`KeeperException.java` `Code`, release-3.8.0-1, l.193-405): one row per
 * code with the name clients print and the text of Java's `KeeperException.getCodeMessage`.
 */
export interface ZooKeeperErrorInfo {
  readonly code: number;
  /** Upper-case name as in `KeeperException.Code`, e.g. `NONODE`. */
  readonly name: string;
  /** Java's message, e.g. `KeeperErrorCode = NoNode`. */
  readonly message: string;
}

const row = (code: number, name: string, text: string): ZooKeeperErrorInfo => ({
  code,
  name,
  message: `KeeperErrorCode = ${text}`,
});

export const zooKeeperErrors = [
  row(0, 'OK', 'ok'),
  row(-1, 'SYSTEMERROR', 'SystemError'),
  row(-2, 'RUNTIMEINCONSISTENCY', 'RuntimeInconsistency'),
  row(-3, 'DATAINCONSISTENCY', 'DataInconsistency'),
  row(-4, 'CONNECTIONLOSS', 'ConnectionLoss'),
  row(-5, 'MARSHALLINGERROR', 'MarshallingError'),
  row(-6, 'UNIMPLEMENTED', 'Unimplemented'),
  row(-7, 'OPERATIONTIMEOUT', 'OperationTimeout'),
  row(-8, 'BADARGUMENTS', 'BadArguments'),
  row(-12, 'UNKNOWNSESSION', 'Unknown session'),
  row(-13, 'NEWCONFIGNOQUORUM', 'NewConfigNoQuorum'),
  row(-14, 'RECONFIGINPROGRESS', 'ReconfigInProgress'),
  row(-100, 'APIERROR', 'APIError'),
  row(-101, 'NONODE', 'NoNode'),
  row(-102, 'NOAUTH', 'NoAuth'),
  row(-103, 'BADVERSION', 'BadVersion'),
  row(-108, 'NOCHILDRENFOREPHEMERALS', 'NoChildrenForEphemerals'),
  row(-110, 'NODEEXISTS', 'NodeExists'),
  row(-111, 'NOTEMPTY', 'Directory not empty'),
  row(-112, 'SESSIONEXPIRED', 'Session expired'),
  row(-113, 'INVALIDCALLBACK', 'Invalid callback'),
  row(-114, 'INVALIDACL', 'InvalidACL'),
  row(-115, 'AUTHFAILED', 'AuthFailed'),
  row(-118, 'SESSIONMOVED', 'Session moved'),
  row(-119, 'NOTREADONLY', 'Not a read-only call'),
  row(-120, 'EPHEMERALONLOCALSESSION', 'Ephemeral node on local session'),
  row(-121, 'NOWATCHER', 'No such watcher'),
  row(-122, 'REQUESTTIMEOUT', 'Request timeout'),
  row(-123, 'RECONFIGDISABLED', 'Reconfig is disabled'),
  row(-124, 'SESSIONCLOSEDREQUIRESASLAUTH', 'Session closed because client failed to authenticate'),
  row(-125, 'QUOTAEXCEEDED', 'Quota has exceeded'),
  row(-127, 'THROTTLEDOP', 'Op throttled due to high load'),
] as const satisfies readonly ZooKeeperErrorInfo[];

export type ZooKeeperErrorName = (typeof zooKeeperErrors)[number]['name'];

/** Error codes by name: `ErrorCode.NONODE === -101`. */
export const ErrorCode = Object.fromEntries(zooKeeperErrors.map((e) => [e.name, e.code])) as {
  readonly [K in ZooKeeperErrorName]: Extract<(typeof zooKeeperErrors)[number], { name: K }>['code'];
};

const byCode = new Map<number, ZooKeeperErrorInfo>(zooKeeperErrors.map((e) => [e.code, e]));
const byName = new Map<string, ZooKeeperErrorInfo>(zooKeeperErrors.map((e) => [e.name, e]));

/** The table row for a code; unknown codes get a synthetic `UNKNOWN(<code>)` row. */
export function errorByCode(code: number): ZooKeeperErrorInfo {
  return byCode.get(code) ?? { code, name: `UNKNOWN(${code})`, message: `KeeperErrorCode = Unknown error ${code}` };
}

/** The table row for a name such as `NONODE`, or `undefined`. */
export function errorByName(name: string): ZooKeeperErrorInfo | undefined {
  return byName.get(name.toUpperCase());
}

/**
 * A ZooKeeper error reply. `message` reads like Java's (`KeeperErrorCode = NoNode for /a/b`), so lab
 * checks and logs can show what a real client would.
 */
export class ZooKeeperError extends Error {
  readonly code: number;
  readonly codeName: string;
  readonly path?: string;

  constructor(code: number, path?: string) {
    const info = errorByCode(code);
    super(path === undefined ? info.message : `${info.message} for ${path}`);
    this.name = 'ZooKeeperError';
    this.code = code;
    this.codeName = info.name;
    if (path !== undefined) this.path = path;
  }
}
