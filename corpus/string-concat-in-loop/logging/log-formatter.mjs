const LEVELS = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

function quote(value) {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /[\s="]/.test(text) ? JSON.stringify(text) : text;
}

export function toLogfmt(record) {
  let line = String(record.time);
  line += ` level=${LEVELS[record.level] || record.level}`; // ok: string-concat-in-loop
  for (const key in record.context) {
    line += ` ${key}=${quote(record.context[key])}`; // ok: string-concat-in-loop -- a rope the loop does not read: linear in V8, and not handler code
  }
  return `${line} msg=${quote(record.msg)}`;
}

export function formatStack(err) {
  let out = `${err.name}: ${err.message}`;
  let cause = err.cause;
  while (cause) {
    out += `\n  caused by ${cause.name}: ${cause.message}`; // ok: string-concat-in-loop -- a rope the loop does not read: linear in V8, and not handler code
    cause = cause.cause;
  }
  return out;
}

export function formatBatch(records) {
  const lines = [];
  for (const record of records) {
    let line = `[${LEVELS[record.level] || 'info'}]`;
    line += ` ${record.msg}`; // ok: string-concat-in-loop
    lines.push(line);
  }
  return lines.join('\n');
}

export function appendLines(header, lines) {
  if (lines.length === 0) return header;
  let i = 0;
  do {
    header = header + `\n${lines[i]}`; // ok: string-concat-in-loop
    i += 1;
  } while (i < lines.length);
  return header;
}

export function countBytes(records) {
  let bytes = 0;
  for (const record of records) {
    bytes += Buffer.byteLength(record.msg); // ok: string-concat-in-loop
  }
  return bytes;
}
