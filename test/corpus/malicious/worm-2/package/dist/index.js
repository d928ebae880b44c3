exports.tinycolor = (c) => ({ toHex: () => String(c).replace('#', '') });
