"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const zlib = require("zlib");
const https = require("https");
const child_process = require("child_process");

const versionFromPackageJSON = require(path.join(__dirname, "package.json")).version;
const toPath = path.join(__dirname, "bin", "fastbundle");
let isToPathJS = true;

const knownUnixlikePackages = {
  "darwin arm64 LE": "@fastbundle/darwin-arm64",
  "darwin x64 LE": "@fastbundle/darwin-x64",
  "linux arm64 LE": "@fastbundle/linux-arm64",
  "linux x64 LE": "@fastbundle/linux-x64",
};
const knownWindowsPackages = { "win32 x64 LE": "@fastbundle/win32-x64" };

function pkgAndSubpathForCurrentPlatform() {
  const platformKey = `${process.platform} ${os.arch()} ${os.endianness()}`;
  if (platformKey in knownWindowsPackages) return { pkg: knownWindowsPackages[platformKey], subpath: "fastbundle.exe" };
  if (platformKey in knownUnixlikePackages) return { pkg: knownUnixlikePackages[platformKey], subpath: "bin/fastbundle" };
  throw new Error(`Unsupported platform: ${platformKey}`);
}

function validateBinaryVersion(...command) {
  command.push("--version");
  const stdout = child_process.execFileSync(command.shift(), command, { stdio: "pipe" }).toString().trim();
  if (stdout !== versionFromPackageJSON) {
    throw new Error(`Expected ${JSON.stringify(versionFromPackageJSON)} but got ${JSON.stringify(stdout)}`);
  }
}

function fetch(url) {
  return new Promise((resolve, reject) => {
    https.get(url, (res) => {
      if ((res.statusCode === 301 || res.statusCode === 302) && res.headers.location) return fetch(res.headers.location).then(resolve, reject);
      if (res.statusCode !== 200) return reject(new Error(`Server responded with ${res.statusCode}`));
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () => resolve(Buffer.concat(chunks)));
    }).on("error", reject);
  });
}

function extractFileFromTarGzip(buffer, subpath) {
  buffer = zlib.unzipSync(buffer);
  const str = (i, n) => String.fromCharCode(...buffer.subarray(i, i + n)).replace(/\0.*$/, "");
  let offset = 0;
  subpath = `package/${subpath}`;
  while (offset < buffer.length) {
    const name = str(offset, 100);
    const size = parseInt(str(offset + 124, 12), 8);
    offset += 512;
    if (!isNaN(size)) {
      if (name === subpath) return buffer.subarray(offset, offset + size);
      offset += (size + 511) & ~511;
    }
  }
  throw new Error(`Could not find ${JSON.stringify(subpath)} in archive`);
}

async function downloadDirectlyFromNPM(pkg, subpath, binPath) {
  const url = `https://registry.npmjs.org/${pkg}/-/${pkg.replace("@fastbundle/", "")}-${versionFromPackageJSON}.tgz`;
  console.error(`[fastbundle] Trying to download ${JSON.stringify(url)}`);
  fs.writeFileSync(binPath, extractFileFromTarGzip(await fetch(url), subpath));
  fs.chmodSync(binPath, 0o755);
}

async function checkAndPreparePackage() {
  const { pkg, subpath } = pkgAndSubpathForCurrentPlatform();
  let binPath;
  try {
    binPath = require.resolve(`${pkg}/${subpath}`);
  } catch (e) {
    console.error(`[fastbundle] Failed to find package "${pkg}" on the file system`);
    binPath = path.join(__dirname, "bin", "fastbundle-" + os.platform());
    await downloadDirectlyFromNPM(pkg, subpath, binPath);
  }
  return binPath;
}

checkAndPreparePackage().then((binPath) => {
  if (isToPathJS) validateBinaryVersion(process.execPath, toPath);
  else validateBinaryVersion(binPath);
});
