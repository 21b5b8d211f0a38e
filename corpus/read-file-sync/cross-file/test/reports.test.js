'use strict';

const { readFixture } = require('../lib/reports');

const rows = readFixture('orders');

test('parses orders', () => {
  expect(rows.split('\n').length).toBeGreaterThan(1);
});
