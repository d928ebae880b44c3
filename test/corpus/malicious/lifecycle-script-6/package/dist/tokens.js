module.exports = { color: { primary: '#0b5fff', danger: '#d92d20' }, space: [0, 4, 8, 16, 24, 32] };
