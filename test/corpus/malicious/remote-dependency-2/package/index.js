module.exports = { theme: { extend: { colors: { brand: '#4f46e5' } } } };
