exports.checkForUpdates = async () => ({ updateAvailable: false });
