"use strict";
// What `tsc` emits for CommonJS: interop helpers around `require`, and calls through `(0, m.f)(...)`.
var __importStar = (this && this.__importStar) || function (mod) {
    if (mod && mod.__esModule) return mod;
    var result = {};
    if (mod != null) for (var k in mod) if (Object.prototype.hasOwnProperty.call(mod, k)) result[k] = mod[k];
    result["default"] = mod;
    return result;
};
Object.defineProperty(exports, "__esModule", { value: true });
const loader_1 = require("./loader");
const paths = __importStar(require("./paths"));
const store_1 = require("./store");
(0, loader_1.loadPlugins)();
paths.ensureDirs();
const store = (0, store_1.openStore)("data/store.json");
exports.handler = async (event) => {
    return { statusCode: 200, body: JSON.stringify((0, store_1.lookup)(store, event.id)) };
};
