// Chapter 1b, exercise 2: sends the chunks in order, never with more than highWater bytes queued in
// the browser, and stops with an error once the connection is no longer open. A send() after close()
// throws nothing: the browser drops the message and counts it in bufferedAmount for good, so a loop
// that only waits for bufferedAmount to fall would wait forever.
async function sendAll(socket, chunks, highWater) {
  let sent = 0;
  for (const chunk of chunks) {
    while (socket.bufferedAmount > highWater && socket.readyState === WebSocket.OPEN) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // Checked right before the send, with no await in between: the state cannot change there.
    if (socket.readyState !== WebSocket.OPEN) {
      throw new Error("the connection is no longer open: " + sent + " of " + chunks.length + " chunks sent");
    }
    socket.send(chunk);
    sent++;
  }
}
