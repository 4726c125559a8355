/** The lab shell has no file system: what a utility says when it is given a file name. */
export function noSuchFile(tool: string, name: string): string {
  return `${tool}: ${name}: No such file or directory (the lab shell has no files; pipe into ${tool} instead)\n`;
}

/** GNU's wording for an unknown option, then the `--help` hint. */
export function invalidOption(tool: string, option: string): string {
  const what = option.startsWith('--') ? `unrecognized option '${option}'` : `invalid option -- '${option.slice(1)}'`;
  return `${tool}: ${what}\nTry '${tool} --help' for more information.\n`;
}
