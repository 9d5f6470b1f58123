import { describe, expect, it } from 'vitest';
import { paint } from '../../src/report/color.ts';
import { terminalSafe } from '../../src/report/terminal.ts';

describe('terminalSafe', () => {
  it('makes what moves the cursor, erases, overwrites, conceals or reorders visible', () => {
    expect(terminalSafe('GET x\r✓ GET x')).toBe('GET x\\r✓ GET x');
    expect(terminalSafe('a\u001b[2Kb\u001b[1Ac')).toBe('a\\x1b[2Kb\\x1b[1Ac');
    expect(terminalSafe('hide \u001b[8msecret')).toBe('hide \\x1b[8msecret');
    expect(terminalSafe('title \u001b]0;pwned\u0007')).toBe('title \\x1b]0;pwned\\x07');
    expect(terminalSafe('nul \u0000 bs \b del \u007f c1 \u009b')).toBe('nul \\x00 bs \\x08 del \\x7f c1 \\x9b');
    expect(terminalSafe('bidi \u202eevil\u202c \u2066x\u2069 \u200f')).toBe('bidi \\u202eevil\\u202c \\u2066x\\u2069 \\u200f');
  });

  it('keeps newlines, tabs, colours (ours and plain ones) and ordinary text', () => {
    const p = paint(true);
    const ours = `${p.red('✗')} ${p.green('ok')} ${p.yellow('404')} ${p.dim('3ms')} ${p.bold('Total')}\n\tnext`;
    expect(terminalSafe(ours)).toBe(ours);
    expect(terminalSafe('\u001b[1;31mred\u001b[0m')).toBe('\u001b[1;31mred\u001b[0m');
    expect(terminalSafe('line\r\nnext é ü 日本 🙂')).toBe('line\nnext é ü 日本 🙂');
  });
});
