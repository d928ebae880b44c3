module.exports = () => ({ presets: [['@babel/preset-env', { targets: 'defaults' }]] });
