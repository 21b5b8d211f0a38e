"use strict";
// `export * from "./files"` and `export { openStore } from "./open"`, compiled.
var __exportStar = (this && this.__exportStar) || function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) exports[p] = m[p];
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.openStore = void 0;
__exportStar(require("./files"), exports);
var open_1 = require("./open");
Object.defineProperty(exports, "openStore", { enumerable: true, get: function () { return open_1.openStore; } });
