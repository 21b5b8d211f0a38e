"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.openStore = openStore;
const fs_1 = require("fs");
// Re-exported by store/index.js, which index.js calls at its top level.
function openStore(file) {
    return JSON.parse((0, fs_1.readFileSync)(file, "utf8")); // ok: read-file-sync
}
