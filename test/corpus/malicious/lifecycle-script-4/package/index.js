exports.isWindows = process.platform === 'win32';
