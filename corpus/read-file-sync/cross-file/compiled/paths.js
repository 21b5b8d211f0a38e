"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ensureDirs = void 0;
const fs_1 = require("fs");
// Called once, through `__importStar(require("./paths"))`, at index.js's top level.
const ensureDirs = () => {
    (0, fs_1.mkdirSync)("tmp/exports", { recursive: true }); // ok: read-file-sync
};
exports.ensureDirs = ensureDirs;
