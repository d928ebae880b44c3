module.exports = class Model { static table(name) { return { name, rows: [] }; } };
