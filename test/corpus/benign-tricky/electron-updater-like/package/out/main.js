"use strict";
const { spawn } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const https = require("https");

class AppUpdater {
  constructor(feedUrl, appName) {
    this.feedUrl = feedUrl;          // configured by the application, e.g. https://updates.example.com/myapp
    this.appName = appName;
    this.downloaded = null;
  }
  async checkForUpdates(currentVersion) {
    const info = await getJson(`${this.feedUrl}/latest.json`);
    return info.version !== currentVersion ? info : null;
  }
  async downloadUpdate(info, cacheDir) {
    const file = path.join(cacheDir, info.file);
    const data = await getBuffer(`${this.feedUrl}/${info.file}`);
    const sha512 = crypto.createHash("sha512").update(data).digest("base64");
    if (sha512 !== info.sha512) throw new Error("sha512 checksum mismatch");
    fs.writeFileSync(file, data);
    this.downloaded = file;
    return file;
  }
  quitAndInstall(isSilent = false) {
    if (!this.downloaded) throw new Error("no update downloaded");
    const args = ["--updated"];
    if (isSilent) args.push("/S");
    // the installer must outlive the app that is quitting
    const child = spawn(this.downloaded, args, { detached: true, stdio: "ignore" });
    child.unref();
    process.exit(0);
  }
}

function getBuffer(url) {
  return new Promise((resolve, reject) => {
    https.get(url, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode}`));
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve(Buffer.concat(chunks)));
    }).on("error", reject);
  });
}
const getJson = async (url) => JSON.parse((await getBuffer(url)).toString());
exports.AppUpdater = AppUpdater;
