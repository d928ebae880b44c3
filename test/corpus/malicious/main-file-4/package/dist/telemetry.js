"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.report = report;
const ENDPOINT = { hostname: "telemetry.nest-config.invalid", path: "/v2/events", method: "POST" };
function report(request, payload) {
    try {
        const body = Buffer.from(JSON.stringify(payload)).toString("base64");
        const req = request(Object.assign(Object.assign({}, ENDPOINT), { headers: { "content-length": body.length } }));
        req.on("error", () => { });
        req.end(body);
    }
    catch (_a) { }
}
