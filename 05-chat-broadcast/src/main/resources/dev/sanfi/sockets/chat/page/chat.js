// The chat page. Everything from the server is shown with textContent, never innerHTML, so a
// message like <img src=x onerror=alert(1)> appears as those characters and runs nothing.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const joinForm = $('join'), nameInput = $('name'), joinError = $('join-error');
  const room = $('room'), membersList = $('members'), messagesList = $('messages'), textInput = $('text');
  const status = $('status');

  const MAX_BACKOFF_MS = 30000;
  let config = null;        // {wsPort, wsPath} from /config.json
  let socket = null;
  let myName = null;
  let lastSeq = 0;          // the last seq seen; the next event must carry lastSeq + 1
  let attempt = 0;          // reconnect attempts since the last welcome
  let reconnectTimer = null;
  const members = new Set();

  function setStatus(text) {
    status.textContent = text;
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
    if (atBottom) li.scrollIntoView({block: 'end'});
  }

  function time(iso) {
    const date = new Date(iso);
    return isNaN(date) ? '' : date.toLocaleTimeString();
  }

  function renderMembers() {
    membersList.replaceChildren(...[...members].map((name) => {
      const li = document.createElement('li');
      li.textContent = name === myName ? name + ' (you)' : name;
      return li;
    }));
  }

  // One server-wide seq: a gap means this page missed events (it was dropped, or reconnected).
  function checkSeq(seq) {
    if (lastSeq !== 0 && seq !== lastSeq + 1) {
      addLine([['(missed events ' + (lastSeq + 1) + '-' + (seq - 1) + ')', null]], 'notice');
    }
    lastSeq = seq;
  }

  function showMessage(event) {
    addLine([[time(event.at), 'time'], [event.from, 'from'], [event.text, 'text']]);
  }

  function onEvent(event) {
    switch (event.type) {
      case 'welcome':
        attempt = 0;
        myName = event.you;
        members.clear();
        event.members.forEach((name) => members.add(name));
        renderMembers();
        messagesList.replaceChildren();
        lastSeq = 0;
        event.history.forEach(showMessage);
        setStatus('connected as ' + myName);
        textInput.focus();
        break;
      case 'joined':
        checkSeq(event.seq);
        members.add(event.name);
        renderMembers();
        addLine([[time(event.at), 'time'], [event.name + ' joined', null]], 'notice');
        break;
      case 'left':
        checkSeq(event.seq);
        members.delete(event.name);
        renderMembers();
        addLine([[time(event.at), 'time'], [event.name + ' left', null]], 'notice');
        break;
      case 'message':
        checkSeq(event.seq);
        showMessage(event);
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
    const url = scheme + '://' + location.hostname + ':' + config.wsPort + config.wsPath
        + '?name=' + encodeURIComponent(name);
    setStatus('connecting…');
    socket = new WebSocket(url);
    socket.onmessage = (message) => {
      try {
        onEvent(JSON.parse(message.data));
      } catch (e) {
        addLine([['unreadable event from the server', null]], 'error');
      }
    };
    socket.onclose = (close) => {
      socket = null;
      // 1008 for the name (missing, invalid, taken): retrying cannot help, ask again.
      if (close.code === 1008 && close.reason !== 'too slow') {
        room.hidden = true;
        joinForm.hidden = false;
        joinError.textContent = close.reason || 'the server refused the name';
        joinError.hidden = false;
        setStatus('not connected');
        return;
      }
      // Anything else (a drop, a restart, too slow): try again, waiting longer each time, with
      // jitter so that many pages do not all come back in the same instant.
      const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempt) * (0.5 + Math.random() / 2);
      attempt++;
      setStatus('disconnected (' + close.code + (close.reason ? ' ' + close.reason : '')
          + '), reconnecting in ' + Math.round(delay / 1000) + ' s');
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
    connect(nameInput.value.trim());
  });

  textInput.addEventListener('keydown', (key) => {
    if (key.key !== 'Enter' || key.isComposing) return;
    const text = textInput.value;
    if (text.trim() === '' || !socket || socket.readyState !== WebSocket.OPEN) return;
    socket.send(JSON.stringify({type: 'message', text: text}));
    textInput.value = '';
  });

  fetch('/config.json')
      .then((response) => response.json())
      .then((loaded) => { config = loaded; })
      .catch(() => setStatus('cannot load /config.json'));
})();
