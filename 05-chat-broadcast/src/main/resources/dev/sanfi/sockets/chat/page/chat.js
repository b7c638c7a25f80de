// The chat page. Everything from the server is shown with textContent, never innerHTML, so a
// message like <img src=x onerror=alert(1)> appears as those characters and runs nothing.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const joinForm = $('join'), nameInput = $('name'), tokenInput = $('access-token'), joinError = $('join-error');
  const room = $('room'), membersList = $('members'), messagesList = $('messages');
  const sayForm = $('say'), textInput = $('text'), sendButton = $('send');
  const status = $('status');

  const MAX_BACKOFF_MS = 30000;
  // The log keeps this many lines, dropping the oldest: a page left open for days stays small.
  const MAX_LINES = 1000;
  let config = null;        // {wsPort, wsPath, token} from /config.json; token: the server asks for one
  let accessToken = null;   // with config.token: who we are, sent as the first message on every connection
  let socket = null;
  let myName = null;
  let lastSeq = 0;          // the last seq seen; the next event must carry lastSeq + 1
  let token = null;         // from the last welcome: with it and lastSeq, a reconnect resumes
  let attempt = 0;          // reconnect attempts since the last welcome
  let reconnectTimer = null;
  const members = new Set();
  const shown = new Set();  // the messages in the log, so that a welcome's history adds only new ones

  // The state is announced (role="status", aria-live) and kept in data-state for the stylesheet.
  function setStatus(state, text) {
    status.dataset.state = state;
    status.textContent = text;
  }

  // Typing is possible only while the server listens: Enter never sends into a closed socket.
  function setConnected(connected) {
    textInput.disabled = !connected;
    sendButton.disabled = !connected;
  }

  function addLine(parts, className) {
    const li = document.createElement('li');
    if (className) li.className = className;
    for (const [text, cls] of parts) {
      const span = document.createElement('span');
      if (cls) span.className = cls;
      span.textContent = text;
      li.appendChild(span);
    }
    const atBottom = messagesList.scrollTop + messagesList.clientHeight >= messagesList.scrollHeight - 4;
    messagesList.appendChild(li);
    while (messagesList.childElementCount > MAX_LINES) {
      shown.delete(messagesList.firstElementChild.dataset.key);
      messagesList.firstElementChild.remove();
    }
    if (atBottom) li.scrollIntoView({block: 'end'});
    return li;
  }

  function time(iso) {
    const date = new Date(iso);
    return isNaN(date) ? '' : date.toLocaleTimeString();
  }

  // A line about the connection itself, stamped with this browser's clock (the server sent nothing).
  function connectionLine(text, after) {
    const parts = [[new Date().toLocaleTimeString(), 'time'], [text, 'text']];
    if (after) parts.push([after, 'after']);
    addLine(parts, 'connection');
  }

  function renderMembers() {
    membersList.replaceChildren(...[...members].map((name) => {
      const li = document.createElement('li');
      li.textContent = name === myName ? name + ' (you)' : name;
      return li;
    }));
  }

  // One server-wide seq. An event at or below lastSeq was seen already (delivery is at least
  // once): false, and it is skipped. One above lastSeq + 1 means events are missing.
  function checkSeq(seq) {
    if (seq <= lastSeq) return false;
    if (lastSeq !== 0 && seq !== lastSeq + 1) {
      addLine([['(missed events ' + (lastSeq + 1) + '-' + (seq - 1) + ')', null]], 'notice');
    }
    lastSeq = seq;
    return true;
  }

  function showNotice(event, what) {
    addLine([[time(event.at), 'time'], [event.name + ' ' + what, null]], 'notice');
  }

  // What a welcome back brings: every event after the since we sent, shown as if it had come
  // live (after a server restart, the new room's events, with a gap).
  function showMissed(event) {
    if (event.gap) {
      addLine([['(missed more events than the server keeps: older ones are not shown)', null]], 'notice');
    }
    for (const old of event.history) {
      if (old.type === 'message') showMessage(old);
      else if (old.type === 'joined' || old.type === 'left') showNotice(old, old.type);
    }
  }

  function showMessage(event) {
    const key = event.seq + ' ' + event.at + ' ' + event.from;
    if (shown.has(key)) return;
    const li = addLine([[time(event.at), 'time'], [event.from, 'from'], [event.text, 'text']]);
    li.dataset.key = key;
    shown.add(key);
  }

  function onEvent(event) {
    switch (event.type) {
      case 'welcome':
        attempt = 0;
        myName = event.you;
        members.clear();
        event.members.forEach((name) => members.add(name));
        renderMembers();
        // After a reconnect the log stays as it was, close lines included: a welcome back holds
        // every event after our lastSeq (or says there is a gap), a first one the last messages.
        if (token !== null) {
          showMissed(event);
        } else {
          event.history.forEach(showMessage);
        }
        token = event.token;
        lastSeq = event.lastSeq;
        connectionLine('connected as ' + myName);
        setStatus('connected', 'connected as ' + myName);
        setConnected(true);
        textInput.focus();
        break;
      case 'joined':
        if (!checkSeq(event.seq)) break;
        members.add(event.name);
        renderMembers();
        showNotice(event, 'joined');
        break;
      case 'left':
        if (!checkSeq(event.seq)) break;
        members.delete(event.name);
        renderMembers();
        showNotice(event, 'left');
        break;
      case 'message':
        if (checkSeq(event.seq)) showMessage(event);
        break;
      case 'error':
        addLine([['server: ' + event.reason, null]], 'error');
        break;
      default:
        addLine([['unknown event: ' + JSON.stringify(event), null]], 'notice');
    }
  }

  function connect(name) {
    clearTimeout(reconnectTimer);
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    // With a token the name is in the token, and the token is not in the URL: URLs end up in logs.
    const query = (accessToken === null ? ['name=' + encodeURIComponent(name)] : [])
        .concat(token === null ? [] : ['token=' + encodeURIComponent(token), 'since=' + lastSeq]);
    const url = scheme + '://' + location.hostname + ':' + config.wsPort + config.wsPath
        + (query.length ? '?' + query.join('&') : '');
    setStatus('connecting', 'connecting…');
    let opened = false;
    socket = new WebSocket(url);
    // The server lets a connection in only after this first message (chapter 10b); it waits for it
    // 5 s, then closes with 1008, as it does for a bad or expired token.
    socket.onopen = () => {
      opened = true;
      if (accessToken !== null) socket.send(JSON.stringify({type: 'auth', token: accessToken}));
    };
    socket.onmessage = (message) => {
      try {
        onEvent(JSON.parse(message.data));
      } catch (e) {
        addLine([['unreadable event from the server', null]], 'error');
      }
    };
    socket.onclose = (close) => {
      socket = null;
      setConnected(false);
      // 4000: this member came back on another connection (another tab); retrying would take the
      // name back from it, and it from us, forever. 1008 for the name (missing, invalid, taken) or
      // the token (invalid, expired, sent too late): retrying cannot help. Either way, ask again.
      if (close.code === 4000 || close.code === 1008 && close.reason !== 'too slow') {
        room.hidden = true;
        joinForm.hidden = false;
        joinError.textContent = close.code === 4000 ? 'replaced: this name is in use in another window'
            : close.reason || 'the server refused to let us in';
        joinError.hidden = false;
        setStatus('not-joined', 'not connected');
        return;
      }
      // Anything else (a drop, a restart, too slow): try again, waiting longer each time, with
      // jitter so that many pages do not all come back in the same instant. Each close is a line
      // of its own in the log: a failed retry (1006, the server is not back yet) comes after the
      // server's own Close and its reason, and does not replace them.
      const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempt) * (0.5 + Math.random() / 2);
      attempt++;
      const what = (opened ? 'disconnected: ' : 'cannot connect: ') + close.code
          + (close.reason ? ' ' + close.reason : '');
      const retry = 'reconnecting in ' + (delay / 1000).toFixed(1) + ' s';
      connectionLine(what, retry);
      setStatus('disconnected', what + ', ' + retry);
      reconnectTimer = setTimeout(() => connect(name), delay);
    };
  }

  joinForm.addEventListener('submit', (submit) => {
    submit.preventDefault();
    if (!config) return;
    joinError.hidden = true;
    joinForm.hidden = true;
    room.hidden = false;
    attempt = 0;
    if (config.token) {
      const entered = tokenInput.value.trim();
      if (entered !== accessToken) token = null; // another token: perhaps another member, not a resume
      accessToken = entered;
      connect(null);
      return;
    }
    if (nameInput.value.trim() !== myName) token = null; // another name: a new member, not a resume
    connect(nameInput.value.trim());
  });

  // Enter in the input submits the form, as the Send button does. The input is disabled while
  // disconnected; between a close starting and its end, the text simply stays in the input.
  sayForm.addEventListener('submit', (submit) => {
    submit.preventDefault();
    const text = textInput.value;
    if (text.trim() === '' || !socket || socket.readyState !== WebSocket.OPEN) return;
    socket.send(JSON.stringify({type: 'message', text: text}));
    textInput.value = '';
    textInput.focus();
  });

  fetch('/config.json')
      .then((response) => response.json())
      .then((loaded) => {
        config = loaded;
        if (config.token) { // the token field instead of the name field
          for (const element of [nameInput, nameInput.labels[0]]) element.hidden = true;
          nameInput.required = false;
          for (const element of [tokenInput, tokenInput.labels[0]]) element.hidden = false;
          tokenInput.required = true;
          tokenInput.focus();
        }
      })
      .catch(() => setStatus('not-joined', 'cannot load /config.json'));
})();
