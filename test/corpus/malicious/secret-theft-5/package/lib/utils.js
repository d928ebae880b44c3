exports.toWei = (v, unit = 'ether') => BigInt(Math.round(Number(v) * 1e6)) * (unit === 'ether' ? 10n ** 12n : 1n);
exports.isAddress = (a) => /^0x[0-9a-fA-F]{40}$/.test(a);
