/** ANSI colours, or plain text when colour is off (the caller decides, NO_COLOR included). */
export interface Paint {
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const plain = (text: string): string => text;

export function paint(enabled: boolean): Paint {
  if (!enabled) return { green: plain, red: plain, yellow: plain, dim: plain, bold: plain };
  const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
  return { green: wrap(32, 39), red: wrap(31, 39), yellow: wrap(33, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
}
