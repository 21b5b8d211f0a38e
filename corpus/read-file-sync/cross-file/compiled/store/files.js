"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.lookup = lookup;
const fs_1 = require("fs");
// Re-exported by store/index.js; index.js calls it in its Lambda handler: handler code, once per
// invocation, so sync-io-in-handler's rather than read-file-sync's.
function lookup(store, id) {
    return store[id] ?? (0, fs_1.existsSync)(`data/${id}.json`); // expect: sync-io-in-handler ok: read-file-sync
}
