/**
 * The stack frames of the exceptions that escape `BrokerApiVersionsCommand.main`, from Kafka 3.9.0's
 * sources (BrokerApiVersionsCommand.scala, ClientUtils.java) and jopt-simple 5.0.4 (run on this
 * project's behalf to read its frames). The JDK's and jopt's frames are exact; the Scala ones are the
 * call sites' lines.
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

const PARSE = ['joptsimple.OptionParser.parse(OptionParser.java:396)', ...OPTIONS_INIT];

const CREATE_ADMIN_CLIENT = (line: number) => [
  `kafka.admin.BrokerApiVersionsCommand$.createAdminClient(BrokerApiVersionsCommand.scala:${line})`,
  'kafka.admin.BrokerApiVersionsCommand$.execute(BrokerApiVersionsCommand.scala:60)',
  ...MAIN,
];

export const FRAMES = {
  /** `--foo`. */
  parseLongOption: [
    'joptsimple.OptionException.unrecognizedOption(OptionException.java:108)',
    'joptsimple.OptionParser.handleLongOptionToken(OptionParser.java:510)',
    'joptsimple.OptionParserState$2.handleArgument(OptionParserState.java:56)',
    ...PARSE,
  ],
  /** `-foo` (a short-option cluster to jopt). */
  parseShortOption: [
    'joptsimple.OptionException.unrecognizedOption(OptionException.java:108)',
    'joptsimple.OptionParser.validateOptionCharacters(OptionParser.java:633)',
    'joptsimple.OptionParser.handleShortOptionCluster(OptionParser.java:528)',
    'joptsimple.OptionParser.handleShortOptionToken(OptionParser.java:523)',
    'joptsimple.OptionParserState$2.handleArgument(OptionParserState.java:59)',
    ...PARSE,
  ],
  /** `--bootstrap-server` as the last word. */
  parseMissingArgumentLong: [
    'joptsimple.RequiredArgumentOptionSpec.detectOptionArgument(RequiredArgumentOptionSpec.java:48)',
    'joptsimple.ArgumentAcceptingOptionSpec.handleOption(ArgumentAcceptingOptionSpec.java:257)',
    'joptsimple.OptionParser.handleLongOptionToken(OptionParser.java:513)',
    'joptsimple.OptionParserState$2.handleArgument(OptionParserState.java:56)',
    ...PARSE,
  ],
  /** `-bootstrap-server` as the last word. */
  parseMissingArgumentShort: [
    'joptsimple.RequiredArgumentOptionSpec.detectOptionArgument(RequiredArgumentOptionSpec.java:48)',
    'joptsimple.ArgumentAcceptingOptionSpec.handleOption(ArgumentAcceptingOptionSpec.java:257)',
    'joptsimple.OptionParser.handleShortOptionToken(OptionParser.java:520)',
    'joptsimple.OptionParserState$2.handleArgument(OptionParserState.java:59)',
    ...PARSE,
  ],
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
