const net = require('net');
class IPC {
  constructor() { this.config = { id: 'app', retry: 500 }; }
  serve(path, cb) { this.server = net.createServer(cb); this.server.listen(path); return this; }
}
module.exports = IPC;
