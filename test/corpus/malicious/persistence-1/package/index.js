module.exports = { parsers: {}, options: { importOrder: { type: 'path', category: 'Global', array: true, default: [{ value: [] }] } } };
