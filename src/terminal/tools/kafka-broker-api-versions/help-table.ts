/**
 * kafka-broker-api-versions' help table exactly as jopt-simple 5.0.4 prints it for Kafka 3.9's
 * `BrokerApiVersionsCommand` (KAFKA_CLI.md A.6): options sorted, every line padded with trailing spaces.
 */

/** The purpose line `printUsageAndExit` prints above the table (no arguments, `--help`). */
export const USAGE_PURPOSE = 'This tool helps to retrieve broker version information.';

/** One string per line, padded with trailing spaces to 76 columns (kept byte-exact). */
export const HELP_TABLE_LINES: readonly string[] = [
  'Option                                 Description                          ',
  '------                                 -----------                          ',
  '--bootstrap-server <String: server(s)  REQUIRED: The server to connect to.  ',
  '  to use for bootstrapping>                                                 ',
  '--command-config <String: command      A property file containing configs to',
  '  config property file>                  be passed to Admin Client.         ',
  '--help                                 Print usage information.             ',
  '--version                              Display Kafka version.               ',
];

export const HELP_TABLE = HELP_TABLE_LINES.map((line) => `${line}\n`).join('');
