// The reference of chapter 9's table: Node's `ws` echoing every message back, as it is.
// Usage: node echo-server.js [PORT]   (0 or nothing: a free port). Prints the URL, runs until SIGTERM/SIGINT.
'use strict';
const { WebSocketServer } = require('ws');

const port = Number(process.argv[2] || 0);
const server = new WebSocketServer({ host: '127.0.0.1', port, path: '/echo', maxPayload: 1024 * 1024 });

server.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
});
server.on('listening', () => {
  console.log('Node ws ' + require('ws/package.json').version + ' echo server is running');
  console.log('  websocket: ws://127.0.0.1:' + server.address().port + '/echo');
});

function stop() {
  for (const client of server.clients) {
    client.close(1001);
  }
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
