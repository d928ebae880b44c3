exports.list = async () => [];
