/**
 * The stack frames of the exceptions that escape `BrokerApiVersionsCommand.main`, from Kafka 3.9.0's
 * sources (BrokerApiVersionsCommand.scala, ClientUtils.java). The Scala ones are the call sites' lines.
 */

const MAIN = [
  'kafka.admin.BrokerApiVersionsCommand$.main(BrokerApiVersionsCommand.scala:55)',
  'kafka.admin.BrokerApiVersionsCommand.main(BrokerApiVersionsCommand.scala)',
];

const OPTIONS_INIT = [
  'kafka.admin.BrokerApiVersionsCommand$BrokerVersionCommandOptions.<init>(BrokerApiVersionsCommand.scala:93)',
  'kafka.admin.BrokerApiVersionsCommand$.execute(BrokerApiVersionsCommand.scala:59)',
  ...MAIN,
];

const CREATE_ADMIN_CLIENT = (line: number) => [
  `kafka.admin.BrokerApiVersionsCommand$.createAdminClient(BrokerApiVersionsCommand.scala:${line})`,
  'kafka.admin.BrokerApiVersionsCommand$.execute(BrokerApiVersionsCommand.scala:60)',
  ...MAIN,
];

export const FRAMES = {
  /** Under jopt's frames (`../options/jopt-frames.ts`) for an exception out of `parser.parse`. */
  optionsInit: OPTIONS_INIT,
  /** Under `Utils.loadProps` (the JDK's frames come first). */
  loadProps: CREATE_ADMIN_CLIENT(74),
  /** `--command-config` given twice. */
  commandConfigTwice: ['joptsimple.OptionSet.valueOf(OptionSet.java:179)', ...CREATE_ADMIN_CLIENT(74)],
  /** `--bootstrap-server` given twice. */
  bootstrapServerTwice: ['joptsimple.OptionSet.valueOf(OptionSet.java:179)', ...CREATE_ADMIN_CLIENT(77)],
  /** A `ConfigException` of `parseAndValidateAddresses`, thrown at `line` of ClientUtils.java. */
  bootstrapAddresses: (line: number) => [
    `org.apache.kafka.clients.ClientUtils.parseAndValidateAddresses(ClientUtils.java:${line})`,
    'org.apache.kafka.clients.ClientUtils.parseAndValidateAddresses(ClientUtils.java:63)',
    'kafka.admin.BrokerApiVersionsCommand$AdminClient$.create(BrokerApiVersionsCommand.scala:287)',
    'kafka.admin.BrokerApiVersionsCommand$AdminClient$.create(BrokerApiVersionsCommand.scala:268)',
    'kafka.admin.BrokerApiVersionsCommand$AdminClient$.create(BrokerApiVersionsCommand.scala:266)',
    ...CREATE_ADMIN_CLIENT(78),
  ],
  /** `Request METADATA failed on brokers List(...)`. */
  metadataFailed: [
    'kafka.admin.BrokerApiVersionsCommand$AdminClient.sendAnyNode(BrokerApiVersionsCommand.scala:156)',
    'kafka.admin.BrokerApiVersionsCommand$AdminClient.findAllBrokers(BrokerApiVersionsCommand.scala:179)',
    'kafka.admin.BrokerApiVersionsCommand$AdminClient.awaitBrokers(BrokerApiVersionsCommand.scala:171)',
    'kafka.admin.BrokerApiVersionsCommand$.execute(BrokerApiVersionsCommand.scala:61)',
    ...MAIN,
  ],
} as const;
