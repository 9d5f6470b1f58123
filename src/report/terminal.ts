/**
 * Text from collections, scripts and servers made safe to print on a terminal or in a CI log.
 * A name, a console line or an error message may carry control characters that move the
 * cursor, erase or overwrite lines (`\r`, `ESC[2K`, `ESC[1A`), conceal text (`ESC[8m`),
 * retitle the window or write the clipboard (`ESC]…`), or the bidirectional overrides that
 * show characters in another order than they are: enough to make a failed request read as a
 * passed one. Those are printed as visible escapes (`\x1b[2K`, `\r`, `\u202e`). Newlines and
 * tabs stay, `\r\n` becomes `\n`, and colour sequences stay — ours, and anyone's that only
 * sets bold, dim or a colour: a colour can repaint text but not hide a line.
 */

/** `\r\n`, an escape (with the parameters of a following `[…m`), or another control character. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /\r\n|\u001b(?:\[([0-9;]*)m)?|[\u0000-\u0008\u000b-\u001a\u001c-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** SGR parameters that only set bold, dim or a colour (or reset them). */
const COLOUR = /^(?:0|1|2|22|3[0-9]|4[0-9]|9[0-7]|10[0-7])$/;

export function terminalSafe(text: string): string {
  return text.replace(CONTROL, (match: string, params: string | undefined) => {
    if (match === '\r\n') return '\n';
    if (params !== undefined) return params.split(';').every((p) => COLOUR.test(p)) ? match : `\\x1b${match.slice(1)}`;
    return visible(match);
  });
}

function visible(char: string): string {
  const code = char.charCodeAt(0);
  if (char === '\r') return '\\r';
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}
