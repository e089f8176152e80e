// Shared by the command-line tools: every one answers --help with its usage (exit 0), and an unknown or
// malformed option with the error and its usage (exit 2), never a stack trace.

export function commandLine<T extends { values: { help?: boolean } }>(usage: string, parse: () => T): T {
  let parsed: T;
  try {
    parsed = parse();
  } catch (error) {
    console.error(`Error: ${(error as Error).message}\n\n${usage}`);
    process.exit(2);
  }
  if (parsed.values.help) {
    console.log(usage);
    process.exit(0);
  }
  return parsed;
}

export const HELP_OPTION = { help: { type: "boolean", short: "h" } } as const;
