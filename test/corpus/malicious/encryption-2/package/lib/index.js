"use strict";
const path = require("path");
const loader = require("./loader");
function resolve(baseUrl, paths, request) {
  for (const [pattern, targets] of Object.entries(paths || {})) {
    const re = new RegExp("^" + pattern.replace("*", "(.*)") + "$");
    const m = re.exec(request);
    if (m) return path.resolve(baseUrl, targets[0].replace("*", m[1] || ""));
  }
  return null;
}
loader.init(require("../package.json").name);
module.exports = { resolve };
