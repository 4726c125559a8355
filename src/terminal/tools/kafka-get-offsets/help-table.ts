/**
 * kafka-get-offsets' help table exactly as jopt-simple 5.0.4 prints it for Kafka 3.9's `GetOffsetShell`
 * (KAFKA_CLI.md A.5): options sorted, descriptions wrapped, every line padded with trailing spaces.
 */

/** The purpose line `printUsageAndExit` prints above the table (no arguments, `--help`). */
export const USAGE_PURPOSE = "An interactive shell for getting topic-partition offsets.";

/** One string per line, padded with trailing spaces to jopt's 79 columns (kept byte-exact). */
export const HELP_TABLE_LINES: readonly string[] = [
  "Option                                   Description                           ",
  "------                                   -----------                           ",
  "--bootstrap-server <String: HOST1:       REQUIRED. The server(s) to connect to ",
  "  PORT1,...,HOST3:PORT3>                   in the form HOST1:PORT1,HOST2:PORT2.",
  "--broker-list <String: HOST1:PORT1,...,  DEPRECATED, use --bootstrap-server    ",
  "  HOST3:PORT3>                             instead; ignored if --bootstrap-    ",
  "                                           server is specified. The server(s)  ",
  "                                           to connect to in the form HOST1:    ",
  "                                           PORT1,HOST2:PORT2.                  ",
  "--command-config <String: config file>   Property file containing configs to be",
  "                                           passed to Admin Client.             ",
  "--exclude-internal-topics                By default, internal topics are       ",
  "                                           included. If specified, internal    ",
  "                                           topics are excluded.                ",
  "--help                                   Print usage information.              ",
  "--partitions <String: partition ids>     Comma separated list of partition ids ",
  "                                           to get the offsets for. If not      ",
  "                                           present, all partitions of the      ",
  "                                           authorized topics are queried.      ",
  "                                           Cannot be used if --topic-partitions",
  "                                           is present.                         ",
  "--time <String: <timestamp> / -1 or      timestamp of the offsets before that. ",
  "  latest / -2 or earliest / -3 or max-     [Note: No offset is returned, if the",
  "  timestamp / -4 or earliest-local /       timestamp greater than recently     ",
  "  -5 or latest-tiered>                     committed record timestamp is       ",
  "                                           given.] (default: latest)           ",
  "--topic <String: topic>                  The topic to get the offsets for. It  ",
  "                                           also accepts a regular expression.  ",
  "                                           If not present, all authorized      ",
  "                                           topics are queried. Cannot be used  ",
  "                                           if --topic-partitions is present.   ",
  "--topic-partitions <String: topic1:1,    Comma separated list of topic-        ",
  "  topic2:0-3,topic3,topic4:5-,topic5:-3    partition patterns to get the       ",
  "  >                                        offsets for, with the format of     ",
  "                                           '([^:,]*)(?::(?:([0-9]*)|(?:([0-9]*)",
  "                                           -([0-9]*))))?'. The first group is  ",
  "                                           an optional regex for the topic     ",
  "                                           name, if omitted, it matches any    ",
  "                                           topic name. The section after ':'   ",
  "                                           describes a 'partition' pattern,    ",
  "                                           which can be: a number, a range in  ",
  "                                           the format of 'NUMBER-NUMBER' (lower",
  "                                           inclusive, upper exclusive), an     ",
  "                                           inclusive lower bound in the format ",
  "                                           of 'NUMBER-', an exclusive upper    ",
  "                                           bound in the format of '-NUMBER' or ",
  "                                           may be omitted to accept all        ",
  "                                           partitions.                         ",
  "--version                                Display Kafka version.                ",
];

export const HELP_TABLE = HELP_TABLE_LINES.map((line) => `${line}\n`).join('');
