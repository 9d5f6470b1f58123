/** A repeatable option's values, in the order given (commander's argParser for `--x a --x b`). */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
