// The video beside the clock: one small interface (span, seek, play, pause, time,
// ended, ready, destroy), two backends: YouTube's IFrame API and an HTML5 <video>.

const UNAVAILABLE =
  "The video could not be loaded here (offline, removed, or not allowed to be embedded). " +
  "Carry on with the clock and the instructions.";

function loadYouTubeApi(src) {
  if (window.YT && window.YT.Player) return Promise.resolve(window.YT);
  if (!window.__limberYouTubeApi) {
    window.__limberYouTubeApi = new Promise((resolve, reject) => {
      const previous = window.onYouTubeIframeAPIReady;
      window.onYouTubeIframeAPIReady = () => {
        if (typeof previous === "function") previous();
        resolve(window.YT);
      };
      const script = document.createElement("script");
      script.src = src;
      script.async = true;
      script.onerror = () => {
        window.__limberYouTubeApi = null;
        reject(new Error("script"));
      };
      document.head.appendChild(script);
    });
  }
  return window.__limberYouTubeApi;
}

function youtubeBackend(slot, video, events) {
  let player = null;
  let ready = false;
  let dead = false;
  const target = document.createElement("div");
  slot.replaceChildren(target);
  loadYouTubeApi(video.api)
    .then((YT) => {
      if (dead) return;
      player = new YT.Player(target, {
        host: "https://www.youtube-nocookie.com",
        videoId: video.id,
        width: "100%",
        height: "100%",
        playerVars: { playsinline: 1, rel: 0, modestbranding: 1 },
        events: {
          onReady: () => {
            ready = true;
            events.onReady();
          },
          onError: () => events.onError(),
        },
      });
    })
    .catch(() => events.onError());
  return {
    span(start, end) {
      if (ready) player.loadVideoById({ videoId: video.id, startSeconds: start, endSeconds: end });
    },
    seek(t) {
      if (ready) player.seekTo(t, true);
    },
    play() {
      if (ready) player.playVideo();
    },
    pause() {
      if (ready) player.pauseVideo();
    },
    time() {
      return ready && player.getCurrentTime ? player.getCurrentTime() : null;
    },
    ended() {
      return ready && player.getPlayerState ? player.getPlayerState() === 0 : false;
    },
    get ready() {
      return ready;
    },
    destroy() {
      dead = true;
      if (player && player.destroy) player.destroy();
    },
  };
}

function fileBackend(slot, video, events) {
  const el = document.createElement("video");
  el.src = video.url;
  el.preload = "auto";
  el.playsInline = true;
  el.controls = true;
  el.setAttribute("aria-label", "Exercise video");
  let ready = false;
  el.addEventListener("loadedmetadata", () => {
    ready = true;
    events.onReady();
  });
  el.addEventListener("error", () => events.onError());
  slot.replaceChildren(el);
  return {
    span(start) {
      el.currentTime = start;
      el.play().catch(() => {});
    },
    seek(t) {
      el.currentTime = t;
    },
    play() {
      el.play().catch(() => {});
    },
    pause() {
      el.pause();
    },
    time() {
      return el.currentTime;
    },
    ended() {
      return el.ended;
    },
    get ready() {
      return ready;
    },
    destroy() {
      el.pause();
      el.removeAttribute("src");
      el.load();
    },
  };
}

/**
 * The routine's video, following the segments: each exercise plays its span (looped
 * from our own clock when the step is longer), everything else pauses it. Without a
 * video, or when it cannot load, every call does nothing and the clock goes on.
 */
function createMedia(root, source, { onUnavailable = () => {} } = {}) {
  const $ = (sel) => root.querySelector(sel);
  let backend = null;
  let ok = false;
  let current = null; // the segment shown, and whether the clock runs
  let running = false;
  let shown = true; // false while the person chose the figure instead
  let failed = false;
  const wanted = (seg) => shown && seg && seg.kind === "exercise" && seg.video_start != null;

  function enter(seg, isRunning) {
    current = seg;
    running = isRunning;
    if (!backend || !ok) return;
    if (wanted(seg) && isRunning) backend.span(seg.video_start, seg.video_end);
    else backend.pause();
  }

  function tick() {
    if (!backend || !ok || !running || !wanted(current)) return;
    const t = backend.time();
    // The span is shorter than the step: loop it from our own clock.
    if (backend.ended() || (t != null && t >= current.video_end - 0.05)) {
      backend.seek(current.video_start);
      backend.play();
    }
  }

  function pause() {
    running = false;
    if (backend && ok) backend.pause();
  }

  function resume() {
    running = true;
    if (backend && ok && wanted(current)) backend.play();
  }

  if (source) {
    $(".lp-video").hidden = false;
    $(".lp-run").classList.add("lp-with-video");
    const events = {
      onReady: () => {
        ok = true;
        $(".lp-video-msg").hidden = true;
        if (running) enter(current, true);
      },
      onError: () => {
        ok = false;
        failed = true;
        $(".lp-video-frame").hidden = true;
        $(".lp-run").classList.remove("lp-with-video");
        const msg = $(".lp-video-msg");
        msg.textContent = UNAVAILABLE;
        msg.hidden = false;
        onUnavailable();
      },
    };
    const slot = $(".lp-video-slot");
    backend = source.kind === "youtube" ? youtubeBackend(slot, source, events) : fileBackend(slot, source, events);
  }

  return {
    enter,
    tick,
    pause,
    resume,
    /** Show the video (and play its span) or hide it and keep it paused. */
    setShown(value) {
      shown = value;
      // A video that could not load keeps its sentence on screen; the figure takes its place.
      $(".lp-video").hidden = !backend || (!value && !failed);
      enter(current, running);
    },
    /** Whether there is a video that can play (none given, or it failed: false). */
    get present() {
      return backend !== null && !failed;
    },
    destroy() {
      if (backend) backend.destroy();
    },
  };
}
