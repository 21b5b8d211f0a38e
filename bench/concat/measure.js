// Measures string growth in a loop on this Node (issue 12, `string-concat-in-loop`).
//
//     node bench/concat/measure.js [N ...]
//
// Appends a 10-byte piece N times in each shape the rule tells apart and prints the seconds (median of 3)
// and the ratio of the last size to the one before (2 for linear growth, 4 for quadratic).
'use strict';
const PIECE = '0123456789';

function localString(n) {
  let s = '';
  for (let i = 0; i < n; i++) s += PIECE;
  return s.length;
}

function localStringRead(n) {
  // Reading the string's characters flattens the rope on every iteration.
  let s = '';
  let code = 0;
  for (let i = 0; i < n; i++) {
    s += PIECE;
    code += s.charCodeAt(s.length - 1);
  }
  return code;
}

function localStringIndexOf(n) {
  let s = '';
  let found = 0;
  for (let i = 0; i < n; i++) {
    s += PIECE;
    if (s.indexOf('x') >= 0) found++;
  }
  return found;
}

function localStringLength(n) {
  let s = '';
  let total = 0;
  for (let i = 0; i < n; i++) {
    s += PIECE;
    total += s.length;
  }
  return total;
}

function property(n) {
  const holder = { out: '' };
  for (let i = 0; i < n; i++) holder.out += PIECE;
  return holder.out.length;
}

let globalOut = '';
function globalString(n) {
  globalOut = '';
  for (let i = 0; i < n; i++) globalOut += PIECE;
  return globalOut.length;
}

function join(n) {
  const parts = [];
  for (let i = 0; i < n; i++) parts.push(PIECE);
  return parts.join('').length;
}

const SHAPES = [localString, localStringRead, localStringIndexOf, localStringLength, property, globalString, join];

function medianSeconds(fn, n) {
  const times = [];
  for (let r = 0; r < 3; r++) {
    const started = process.hrtime.bigint();
    fn(n);
    times.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  times.sort((a, b) => a - b);
  return times[1];
}

const sizes = process.argv.slice(2).map(Number);
if (sizes.length === 0) sizes.push(25000, 50000, 100000);
console.log(`# node ${process.version}`);
console.log('shape,' + sizes.map((n) => `n=${n}`).join(',') + ',ratio last/half');
for (const shape of SHAPES) {
  const seconds = sizes.map((n) => medianSeconds(shape, n));
  const ratio = seconds.length > 1 ? seconds[seconds.length - 1] / seconds[seconds.length - 2] : NaN;
  console.log(`${shape.name},` + seconds.map((s) => s.toFixed(4)).join(',') + `,${ratio.toFixed(1)}`);
}
