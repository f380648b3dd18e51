// Test only: gives a plain Node child the `process.parentPort` Electron gives a utility process,
// backed by Node's fork IPC, so the real engineHost bundle can run under vitest without Electron.
process.parentPort = {
  on(event, listener) {
    if (event === 'message') process.on('message', (data) => listener({ data }));
  },
  postMessage(message) {
    process.send(message);
  },
};
