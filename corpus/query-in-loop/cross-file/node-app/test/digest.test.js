// Tests seed users one by one on purpose.
const { findUser } = require('../src/repositories/users');

test('finds every seeded user', async () => {
  for (const id of [1, 2, 3, 4]) {
    expect(await findUser(id)).toBeTruthy(); // ok: query-in-loop
  }
});
