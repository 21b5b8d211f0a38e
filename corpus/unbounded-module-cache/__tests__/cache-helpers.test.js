// Test helpers keep their fixtures in module-level maps: test files are not long-lived servers.
const fixtures = new Map(); // ok: unbounded-module-cache
const calls = []; // ok: unbounded-module-cache

function fixture(name, build) {
  if (!fixtures.has(name)) {
    fixtures.set(name, build());
  }
  return fixtures.get(name);
}

function spy(fn) {
  return (...args) => {
    calls.push(args);
    return fn(...args);
  };
}

describe('cache helpers', () => {
  it('builds a fixture once', () => {
    let built = 0;
    const build = () => {
      built += 1;
      return { id: built };
    };
    expect(fixture('user', build)).toBe(fixture('user', build));
    expect(built).toBe(1);
  });

  it('records calls', () => {
    const add = spy((a, b) => a + b);
    expect(add(1, 2)).toBe(3);
    expect(calls).toEqual([[1, 2]]);
  });

  it('keeps one fixture per name', () => {
    fixture('order', () => ({ id: 'o1' }));
    fixture('invoice', () => ({ id: 'i1' }));
    expect(fixtures.size).toBeGreaterThanOrEqual(2);
  });
});
