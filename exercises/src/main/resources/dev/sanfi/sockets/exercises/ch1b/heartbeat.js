// Chapter 1b, exercise 3: the page's heartbeat as a rule with no timer and no socket in it, so that
// it can be checked with made-up times. The page calls received(now) for every message and due(now)
// from its timer (as often as it likes), with now from performance.now(), and does what due() says.
function heartbeat(intervalMs, missesAllowed) {
  let quietSince = 0;   // the last message received, or the last heartbeat sent
  let unanswered = 0;   // heartbeats sent since the last message received
  return {
    start(now) {
      quietSince = now;
      unanswered = 0;
    },
    received(now) {
      quietSince = now;
      unanswered = 0;
    },
    due(now) {
      if (now - quietSince < intervalMs) {
        return "wait";
      }
      // Each heartbeat has had a whole interval to be answered: a timer that fires late (a page in
      // a background tab) makes the rule slower, never quicker to give up.
      if (unanswered >= missesAllowed) {
        return "give up";
      }
      unanswered++;
      quietSince = now;
      return "send";
    },
  };
}
