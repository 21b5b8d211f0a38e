"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.lookup = lookup;
const fs_1 = require("fs");
// Re-exported by store/index.js; index.js calls it in its Lambda handler: once per invocation.
function lookup(store, id) {
    return store[id] ?? (0, fs_1.existsSync)(`data/${id}.json`); // expect: read-file-sync
}
