// A template tokenizer that scans what it has built: every read of a rope flattens it.
export function collapseWhitespace(input: string[]): string {
  let out = '';
  for (const piece of input) {
    if (out.charCodeAt(out.length - 1) === 32 && piece.startsWith(' ')) {
      out += piece.trimStart(); // expect: string-concat-in-loop
    } else {
      out += piece; // ok: string-concat-in-loop -- one finding per string and loop, this place a label of line 6's
    }
  }
  return out;
}

export function indentBlocks(lines: string[]): string {
  let text = '';
  for (const line of lines) {
    text += line + '\n'; // ok: string-concat-in-loop -- only its length is read
    if (text.length > 10_000) break;
  }
  return text;
}
