"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.loadPlugins = loadPlugins;
const fs_1 = require("fs");
// Called once, at index.js's top level.
function loadPlugins() {
    return (0, fs_1.readdirSync)("plugins"); // ok: read-file-sync
}
