/** Not a benchmark: the `--name=value` flags of a bench's command line, by name (absent: undefined). */
export function flags(argv: readonly string[] = process.argv.slice(2)): Record<string, string | undefined> {
  return Object.fromEntries(
    argv.flatMap((a) => {
      const m = /^--([a-z-]+)=(.*)$/.exec(a);
      return m ? [[m[1]!, m[2]!]] : [];
    }),
  );
}
