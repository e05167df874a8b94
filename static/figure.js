// The figure: a side-view person drawn as SVG from a pose's joint angles.
//
// One implementation of the geometry, used by the player (animated) and by the
// thumbnails and the contact sheet (still). A plain script: top-level
// declarations only, every name starting with `figure`/`FIGURE_`, since the
// component's files share one scope.
//
// A pose is {base, angles, props} (limber/poses.py resolves it; the angle
// names and what they mean are documented there). Forward kinematics run from
// the pelvis: each segment's frame is its parent's turned by the joint's
// angles; the points are placed in 3-D (so a knee can fall out to the side),
// set on the floor (the lowest point of the body touches it), turned toward
// the viewer when `facing` says so, and projected. Side-lying is seen from a
// little above, so that a knee or a leg lifting toward the ceiling shows.
// Between key poses the angles are interpolated, never the points, so limbs
// keep their length.
//
//   figurePoseAt(demo, elapsedMs, secondsPerRep, {breathe}) -> pose   (pure)
//   createFigure(doc, {className}) -> {element, draw(pose, {mirror}), setLabel(text), fit(demo)}
//   drawFigureStill(container, demo) -> the still figure's <svg>
//   figureLayout(pose, {mirror}) -> {points, world, ...}              (pure, for tests)

const FIGURE_SIZE = {
  pelvis: 14,
  lumbar: 18,
  thoracic: 22,
  neck: 9,
  head: 10, // radius
  thigh: 43,
  shin: 42,
  foot: 15,
  heel: 4,
  upperArm: 29,
  forearm: 25,
  hand: 9,
  hipHalf: 8,
  shoulderHalf: 12,
  shoulderDrop: 4,
};

const FIGURE_WIDTH = { trunk: 15, neck: 7, thigh: 9, shin: 9, foot: 6, upperArm: 7, forearm: 7, hand: 5 };

// Point indices into the layout's arrays.
const FIGURE_P = {
  hip: 0, waist: 1, mid: 2, neck: 3, skull: 4, head: 5, noseA: 6, noseB: 7, eyeN: 8, eyeF: 9,
  hipN: 10, kneeN: 11, ankleN: 12, heelN: 13, toeN: 14,
  hipF: 15, kneeF: 16, ankleF: 17, heelF: 18, toeF: 19,
  shN: 20, elN: 21, wrN: 22, fiN: 23,
  shF: 24, elF: 25, wrF: 26, fiF: 27,
};
const FIGURE_POINTS = 28;

// How far each point's drawn shape reaches beyond it (half the stroke, or the head's radius);
// -1: not part of the body's outline (eyes).
const FIGURE_RADIUS = (() => {
  const p = FIGURE_P;
  const r = new Float64Array(FIGURE_POINTS);
  r.fill(4);
  for (const i of [p.hip, p.waist, p.mid, p.neck]) r[i] = FIGURE_WIDTH.trunk / 2;
  r[p.skull] = FIGURE_WIDTH.neck / 2;
  r[p.head] = FIGURE_SIZE.head;
  r[p.noseA] = 2;
  r[p.noseB] = 2;
  r[p.eyeN] = -1;
  r[p.eyeF] = -1;
  for (const i of [p.hipN, p.hipF, p.kneeN, p.kneeF]) r[i] = FIGURE_WIDTH.thigh / 2;
  for (const i of [p.ankleN, p.ankleF]) r[i] = FIGURE_WIDTH.shin / 2;
  for (const i of [p.heelN, p.heelF, p.toeN, p.toeF]) r[i] = FIGURE_WIDTH.foot / 2;
  for (const i of [p.shN, p.shF, p.elN, p.elF]) r[i] = FIGURE_WIDTH.upperArm / 2;
  for (const i of [p.wrN, p.wrF, p.fiN, p.fiF]) r[i] = FIGURE_WIDTH.hand / 2;
  return r;
})();

// The drawing's frame, in figure units (y up; the floor is y = 0).
const FIGURE_BOX = { left: -140, right: 140, bottom: -34, top: 216 };

// Per base: how far above the floor the eye is (degrees), which points stay put
// while the figure moves (their mean is held at x), and that x.
const FIGURE_VIEW = {
  "lying-back": { elevation: 10, anchor: [FIGURE_P.hip, FIGURE_P.neck], x: -8 },
  "lying-front": { elevation: 10, anchor: [FIGURE_P.hip, FIGURE_P.neck], x: 8 },
  "lying-side": { elevation: 32, anchor: [FIGURE_P.hip, FIGURE_P.neck], x: -8 },
  "all-fours": { elevation: 0, anchor: [FIGURE_P.kneeN, FIGURE_P.kneeF], x: -36 },
  kneeling: { elevation: 0, anchor: [FIGURE_P.kneeF], x: -20 },
  "sitting-floor": { elevation: 0, anchor: [FIGURE_P.hip], x: -40 },
  "sitting-chair": { elevation: 0, anchor: [FIGURE_P.ankleN, FIGURE_P.ankleF], x: 30 },
  standing: { elevation: 0, anchor: [FIGURE_P.ankleN, FIGURE_P.ankleF], x: 0 },
};
const FIGURE_DEFAULT_VIEW = FIGURE_VIEW.standing;

const FIGURE_CYCLE_MS = 6000; // one slow cycle through a sequence that has no tempo
const FIGURE_BREATH_MS = 5000; // one breath of a hold
const FIGURE_MOVE_SHARE = 0.8; // of each stretch between key poses: moving; the rest: a pause

const FIGURE_SVG = "http://www.w3.org/2000/svg";
const FIGURE_INK = "var(--st-primary-color, #2f7d6d)";
const FIGURE_TEXT = "var(--st-text-color, #0d1619)";
const FIGURE_PAPER = "var(--st-background-color, #ffffff)";

// ---- time: which pose is shown when ----

function figureEase(u) {
  return u <= 0 ? 0 : u >= 1 ? 1 : u * u * (3 - 2 * u);
}

function figureMix(a, b, k) {
  // The short way round, so a circle of key poses keeps turning the same way.
  const d = ((((b - a) % 360) + 540) % 360) - 180;
  return a + d * k;
}

function figureBlend(from, to, k) {
  // A missing angle is 0 (a still's data leaves zeros out).
  const angles = {};
  const a = from.angles || {};
  const b = to.angles || {};
  for (const name in a) angles[name] = figureMix(a[name], name in b ? b[name] : 0, k);
  for (const name in b) if (!(name in a)) angles[name] = figureMix(0, b[name], k);
  const near = k < 0.5 ? from : to;
  return { base: near.base, angles, props: near.props || [] };
}

function figurePoseAt(demo, elapsedMs, secondsPerRep, { breathe = true } = {}) {
  const poses = (demo && demo.poses) || [];
  if (!poses.length) return null;
  const t = Math.max(0, elapsedMs || 0);
  if (poses.length === 1) {
    const pose = figureBlend(poses[0], poses[0], 0);
    if (breathe) {
      // A breathing step's tempo is its breath; any other hold breathes slowly.
      const b = Math.sin((2 * Math.PI * t) / (secondsPerRep > 0 ? secondsPerRep * 1000 : FIGURE_BREATH_MS));
      pose.angles.thoracic = (pose.angles.thoracic || 0) - 2.5 * b;
      pose.angles.lumbar = (pose.angles.lumbar || 0) - 1 * b;
      pose.angles.shoulder_lift = (pose.angles.shoulder_lift || 0) + 2 * b;
      pose.angles.far_shoulder_lift = (pose.angles.far_shoulder_lift || 0) + 2 * b;
    }
    return pose;
  }
  const period = secondsPerRep > 0 ? secondsPerRep * 1000 : FIGURE_CYCLE_MS;
  const n = poses.length; // n stretches: to each next pose, and back to the first
  const phase = ((t % period) / period) * n;
  const leg = Math.min(n - 1, Math.floor(phase));
  const k = figureEase((phase - leg) / FIGURE_MOVE_SHARE);
  return figureBlend(poses[leg], poses[(leg + 1) % n], k);
}

// ---- geometry: angles to points ----

function figureRot(F, o, a, b, deg) {
  // Turn axis a toward axis b (0, 1, 2) of the frame at offset o, by deg degrees.
  if (!deg) return;
  const r = (deg * Math.PI) / 180;
  const c = Math.cos(r);
  const s = Math.sin(r);
  const ia = o + a * 3;
  const ib = o + b * 3;
  for (let k = 0; k < 3; k++) {
    const va = F[ia + k];
    const vb = F[ib + k];
    F[ia + k] = va * c + vb * s;
    F[ib + k] = vb * c - va * s;
  }
}

function figureSetFrame(F, o, a, as, b, bs, c, cs) {
  // A frame whose axes are other frames' axes (offset + 3 * axis), each times a sign.
  for (let k = 0; k < 3; k++) {
    F[o + k] = F[a + k] * as;
    F[o + 3 + k] = F[b + k] * bs;
    F[o + 6 + k] = F[c + k] * cs;
  }
}

function figurePut(P, i, from, F, axis, length) {
  // Point i = point `from` + length along the frame axis at F[axis].
  P[i * 3] = P[from * 3] + F[axis] * length;
  P[i * 3 + 1] = P[from * 3 + 1] + F[axis + 1] * length;
  P[i * 3 + 2] = P[from * 3 + 2] + F[axis + 2] * length;
}

function figureAngle(angles, name) {
  const v = angles[name];
  return typeof v === "number" && Number.isFinite(v) ? v : 0;
}

// Frame slots (9 numbers each): root, lumbar, thoracic, neck, head, then scratch for the limbs.
const FIGURE_FR = { root: 0, lumbar: 9, thoracic: 18, neck: 27, head: 36, a: 45, b: 54 };

function figureKneeOut(P, hip, knee, ankle, F, lat, deg) {
  // Turn the knee about the hip-ankle line by deg, toward the leg's outside.
  if (!deg) return;
  let ax = P[ankle * 3] - P[hip * 3];
  let ay = P[ankle * 3 + 1] - P[hip * 3 + 1];
  let az = P[ankle * 3 + 2] - P[hip * 3 + 2];
  const len = Math.hypot(ax, ay, az);
  if (len < 1e-6) return;
  ax /= len;
  ay /= len;
  az /= len;
  const vx = P[knee * 3] - P[hip * 3];
  const vy = P[knee * 3 + 1] - P[hip * 3 + 1];
  const vz = P[knee * 3 + 2] - P[hip * 3 + 2];
  const cx = ay * vz - az * vy;
  const cy = az * vx - ax * vz;
  const cz = ax * vy - ay * vx;
  const outward = cx * F[lat] + cy * F[lat + 1] + cz * F[lat + 2] >= 0 ? 1 : -1;
  const r = (outward * deg * Math.PI) / 180;
  const c = Math.cos(r);
  const s = Math.sin(r);
  const dot = (ax * vx + ay * vy + az * vz) * (1 - c);
  P[knee * 3] = P[hip * 3] + vx * c + cx * s + ax * dot;
  P[knee * 3 + 1] = P[hip * 3 + 1] + vy * c + cy * s + ay * dot;
  P[knee * 3 + 2] = P[hip * 3 + 2] + vz * c + cz * s + az * dot;
}

function figureLeg(P, F, A, side) {
  const p = FIGURE_P;
  const S = FIGURE_SIZE;
  const far = side < 0 ? "far_" : "";
  const [hip, knee, ankle, heel, toe] =
    side > 0 ? [p.hipN, p.kneeN, p.ankleN, p.heelN, p.toeN] : [p.hipF, p.kneeF, p.ankleF, p.heelF, p.toeF];
  const R = FIGURE_FR.root;
  const T = FIGURE_FR.a;
  figurePut(P, hip, p.hip, F, R + 6, side * S.hipHalf);
  // The thigh's frame: down the body, the body's front, and this leg's outside.
  figureSetFrame(F, T, R, -1, R + 3, 1, R + 6, side);
  figureRot(F, T, 0, 1, figureAngle(A, far + "hip"));
  figureRot(F, T, 0, 2, figureAngle(A, far + "hip_out"));
  figureRot(F, T, 1, 2, figureAngle(A, far + "hip_turn"));
  figurePut(P, knee, hip, F, T, S.thigh);
  figureRot(F, T, 0, 1, -figureAngle(A, far + "knee"));
  figurePut(P, ankle, knee, F, T, S.shin);
  figureRot(F, T, 0, 1, 90 - figureAngle(A, far + "ankle"));
  figurePut(P, toe, ankle, F, T, S.foot);
  figurePut(P, heel, ankle, F, T, -S.heel);
  figureKneeOut(P, hip, knee, ankle, F, T + 6, figureAngle(A, far + "knee_out"));
}

function figureArm(P, F, A, side) {
  const p = FIGURE_P;
  const S = FIGURE_SIZE;
  const far = side < 0 ? "far_" : "";
  const [sh, el, wr, fi] = side > 0 ? [p.shN, p.elN, p.wrN, p.fiN] : [p.shF, p.elF, p.wrF, p.fiF];
  const Th = FIGURE_FR.thoracic;
  const T = FIGURE_FR.b;
  const lift = (figureAngle(A, far + "shoulder_lift") * Math.PI) / 180;
  const back = (figureAngle(A, far + "shoulder_back") * Math.PI) / 180;
  const out = S.shoulderHalf * Math.cos(lift) * Math.cos(back) * side;
  const up = S.shoulderHalf * Math.sin(lift) - S.shoulderDrop;
  const fwd = -S.shoulderHalf * Math.cos(lift) * Math.sin(back);
  for (let k = 0; k < 3; k++) {
    P[sh * 3 + k] = P[p.neck * 3 + k] + F[Th + 6 + k] * out + F[Th + k] * up + F[Th + 3 + k] * fwd;
  }
  // The upper arm's frame: down the chest, the chest's front, and this arm's outside.
  figureSetFrame(F, T, Th, -1, Th + 3, 1, Th + 6, side);
  figureRot(F, T, 0, 1, figureAngle(A, far + "shoulder"));
  figureRot(F, T, 0, 2, figureAngle(A, far + "shoulder_out"));
  figureRot(F, T, 1, 2, figureAngle(A, far + "shoulder_turn"));
  figurePut(P, el, sh, F, T, S.upperArm);
  figureRot(F, T, 0, 1, figureAngle(A, far + "elbow"));
  figurePut(P, wr, el, F, T, S.forearm);
  figureRot(F, T, 0, 1, figureAngle(A, far + "wrist"));
  figurePut(P, fi, wr, F, T, S.hand);
}

function figureSkeleton(angles, P, F) {
  // The body's points relative to the pelvis, in the body's own axes:
  // x forward (the way the standing figure faces), y up, z toward the near side.
  const p = FIGURE_P;
  const S = FIGURE_SIZE;
  const A = angles || {};
  const fr = FIGURE_FR;
  F.fill(0, 0, 45);
  F[fr.root + 1] = 1; // u: up
  F[fr.root + 3] = 1; // f: forward
  F[fr.root + 8] = 1; // l: the near side
  figureRot(F, fr.root, 0, 1, figureAngle(A, "pelvis"));
  figureRot(F, fr.root, 0, 2, figureAngle(A, "tilt"));
  P[0] = 0;
  P[1] = 0;
  P[2] = 0;
  figurePut(P, p.waist, p.hip, F, fr.root, S.pelvis);
  const bend = figureAngle(A, "side_bend");
  const twist = figureAngle(A, "twist");
  F.copyWithin(fr.lumbar, fr.root, fr.root + 9);
  figureRot(F, fr.lumbar, 0, 1, figureAngle(A, "lumbar"));
  figureRot(F, fr.lumbar, 0, 2, bend * 0.4);
  figureRot(F, fr.lumbar, 1, 2, twist * 0.3);
  figurePut(P, p.mid, p.waist, F, fr.lumbar, S.lumbar);
  F.copyWithin(fr.thoracic, fr.lumbar, fr.lumbar + 9);
  figureRot(F, fr.thoracic, 0, 1, figureAngle(A, "thoracic"));
  figureRot(F, fr.thoracic, 0, 2, bend * 0.6);
  figureRot(F, fr.thoracic, 1, 2, twist * 0.7);
  figurePut(P, p.neck, p.mid, F, fr.thoracic, S.thoracic);
  const tilt = figureAngle(A, "head_tilt");
  const turn = figureAngle(A, "head_turn");
  F.copyWithin(fr.neck, fr.thoracic, fr.thoracic + 9);
  figureRot(F, fr.neck, 0, 1, figureAngle(A, "neck"));
  figureRot(F, fr.neck, 0, 2, tilt * 0.5);
  figureRot(F, fr.neck, 1, 2, turn * 0.5);
  figurePut(P, p.skull, p.neck, F, fr.neck, S.neck);
  F.copyWithin(fr.head, fr.neck, fr.neck + 9);
  figureRot(F, fr.head, 0, 1, figureAngle(A, "head"));
  figureRot(F, fr.head, 0, 2, tilt * 0.5);
  figureRot(F, fr.head, 1, 2, turn * 0.5);
  const h = fr.head;
  const r = S.head;
  for (let k = 0; k < 3; k++) {
    const u = F[h + k];
    const f = F[h + 3 + k];
    const l = F[h + 6 + k];
    P[p.head * 3 + k] = P[p.skull * 3 + k] + u * r * 0.85 + f * r * 0.1;
    P[p.noseA * 3 + k] = P[p.head * 3 + k] + f * r * 0.8 + u * r * 0.05;
    P[p.noseB * 3 + k] = P[p.head * 3 + k] + f * (r + 3) - u * r * 0.1;
    P[p.eyeN * 3 + k] = P[p.head * 3 + k] + f * r * 0.55 + u * r * 0.25 + l * r * 0.42;
    P[p.eyeF * 3 + k] = P[p.head * 3 + k] + f * r * 0.55 + u * r * 0.25 - l * r * 0.42;
  }
  figureLeg(P, F, A, 1);
  figureLeg(P, F, A, -1);
  figureArm(P, F, A, 1);
  figureArm(P, F, A, -1);
}

function figureCreateLayout() {
  return {
    body: new Float64Array(FIGURE_POINTS * 3), // the skeleton in the body's axes
    world: new Float64Array(FIGURE_POINTS * 3), // on the floor, turned: x right, y up, z toward the viewer
    points: new Float64Array(FIGURE_POINTS * 2), // on the drawing: x right, y up
    depth: new Float64Array(FIGURE_POINTS), // larger: nearer the viewer
    frames: new Float64Array(63),
    base: "standing",
    elevation: 0,
    shift: 0,
    mirror: 1,
    yaw: 0,
  };
}

function figureProject(L, x, y, z, out, o) {
  // One world point onto the drawing (x, y) and its depth.
  const e = (L.elevation * Math.PI) / 180;
  out[o] = (x + L.shift) * L.mirror;
  out[o + 1] = y * Math.cos(e) - z * Math.sin(e);
  return z * Math.cos(e) + y * Math.sin(e);
}

function figureLayout(pose, { mirror = false } = {}, layout = null) {
  // Every point of the figure for one pose: pure (fills and returns `layout`).
  const L = layout || figureCreateLayout();
  const base = pose && pose.base in FIGURE_VIEW ? pose.base : "standing";
  const view = FIGURE_VIEW[base] || FIGURE_DEFAULT_VIEW;
  const A = (pose && pose.angles) || {};
  const B = L.body;
  const W = L.world;
  figureSkeleton(A, B, L.frames);
  const side = base === "lying-side";
  // Side-lying: the near side faces the ceiling and the front faces the viewer.
  let low = Infinity;
  for (let i = 0; i < FIGURE_POINTS; i++) {
    const x = B[i * 3];
    const y = side ? B[i * 3 + 2] : B[i * 3 + 1];
    const z = side ? B[i * 3 + 1] : B[i * 3 + 2];
    W[i * 3] = x;
    W[i * 3 + 1] = y;
    W[i * 3 + 2] = z;
    if (FIGURE_RADIUS[i] >= 0 && i !== FIGURE_P.noseB) low = Math.min(low, y - FIGURE_RADIUS[i]);
  }
  const yaw = (figureAngle(A, "facing") * Math.PI) / 180;
  const c = Math.cos(yaw);
  const s = Math.sin(yaw);
  let ax = 0;
  for (let i = 0; i < FIGURE_POINTS; i++) {
    const x = W[i * 3];
    const z = W[i * 3 + 2];
    W[i * 3] = x * c - z * s;
    W[i * 3 + 1] -= low;
    W[i * 3 + 2] = x * s + z * c;
  }
  for (const i of view.anchor) ax += W[i * 3];
  L.base = base;
  L.yaw = yaw;
  L.elevation = view.elevation;
  L.shift = view.x - ax / view.anchor.length;
  L.mirror = mirror ? -1 : 1;
  for (let i = 0; i < FIGURE_POINTS; i++) {
    L.depth[i] = figureProject(L, W[i * 3], W[i * 3 + 1], W[i * 3 + 2], L.points, i * 2);
  }
  return L;
}

function figureBounds(L) {
  // The body's extent on the drawing: [left, bottom, right, top].
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < FIGURE_POINTS; i++) {
    const r = FIGURE_RADIUS[i];
    if (r < 0) continue;
    const x = L.points[i * 2];
    const y = L.points[i * 2 + 1];
    x0 = Math.min(x0, x - r);
    x1 = Math.max(x1, x + r);
    y0 = Math.min(y0, y - r);
    y1 = Math.max(y1, y + r);
  }
  return [x0, y0, x1, y1];
}

// ---- props: simple shapes, placed from the body's points ----

function figureWorld(L, i) {
  return [L.world[i * 3], L.world[i * 3 + 1], L.world[i * 3 + 2]];
}

function figureUnturn(L, x, z) {
  // A point given in the figure's own floor axes (x its front), into the world.
  const c = Math.cos(L.yaw);
  const s = Math.sin(L.yaw);
  return [x * c - z * s, x * s + z * c];
}

function figureOwn(L, i) {
  // Point i in the figure's own floor axes (undoing the turn toward the viewer).
  const c = Math.cos(L.yaw);
  const s = Math.sin(L.yaw);
  const x = L.world[i * 3];
  const z = L.world[i * 3 + 2];
  return [x * c + z * s, L.world[i * 3 + 1], -x * s + z * c];
}

function figureBox(L, x0, x1, y0, y1, z0, z1) {
  // Lines of a box given in the figure's own axes: [[x, y, z], ...] pairs.
  const corners = [];
  for (const x of [x0, x1]) for (const y of [y0, y1]) for (const z of [z0, z1]) {
    const [wx, wz] = figureUnturn(L, x, z);
    corners.push([wx, y, wz]);
  }
  const edges = [[0, 1], [2, 3], [4, 5], [6, 7], [0, 2], [1, 3], [4, 6], [5, 7], [0, 4], [1, 5], [2, 6], [3, 7]];
  return edges.map(([a, b]) => [corners[a], corners[b]]);
}

function figureChair(L, front, seat, back, depth, facing) {
  // A chair seen in the figure's own axes: seat from x=front to x=front-facing*depth, back rest at the rear.
  const rear = front - facing * depth;
  const lines = [];
  const half = 17;
  for (const z of [-half, half]) {
    for (const x of [front, rear]) lines.push([[x, 0, z], [x, seat, z]]);
    lines.push([[front, seat, z], [rear, seat, z]]);
    lines.push([[rear, seat, z], [rear, back, z]]);
  }
  lines.push([[front, seat, -half], [front, seat, half]]);
  lines.push([[rear, seat, -half], [rear, seat, half]]);
  lines.push([[rear, back, -half], [rear, back, half]]);
  lines.push([[rear, seat + (back - seat) * 0.55, -half], [rear, seat + (back - seat) * 0.55, half]]);
  return lines.map((line) =>
    line.map(([x, y, z]) => {
      const [wx, wz] = figureUnturn(L, x, z);
      return [wx, y, wz];
    }),
  );
}

function figureProps(L, props) {
  // Each prop as drawing primitives: {kind: "lines"|"ellipse"|"plane", ...} in world units.
  const p = FIGURE_P;
  const out = [];
  const list = props || [];
  const under = (i, rx) => {
    const [x, y, z] = figureWorld(L, i);
    const gap = Math.max(3, y - FIGURE_RADIUS[i]);
    return { kind: "ellipse", x, y: gap / 2, z, rx, ry: gap / 2 + 0.5 };
  };
  for (const prop of list) {
    if (prop === "cushion-head") out.push(under(p.head, 15));
    else if (prop === "cushion-hips") out.push(under(p.hip, 17));
    else if (prop === "cushion-knee") out.push(under(p.kneeF, 11));
    else if (prop === "towel-roll") {
      const [x, y, z] = figureWorld(L, p.mid);
      const [, y2] = figureWorld(L, p.neck);
      const gap = Math.max(5, (y + y2) / 2 - FIGURE_WIDTH.trunk / 2);
      const [x2] = figureWorld(L, p.neck);
      out.push({ kind: "ellipse", x: (x + x2) / 2, y: gap / 2, z, rx: gap / 2, ry: gap / 2 });
    } else if (prop === "cushion-knees") {
      const kn = figureWorld(L, p.kneeN);
      const kf = figureWorld(L, p.kneeF);
      const k = kn[1] < kf[1] ? kn : kf;
      const gap = Math.max(3, k[1] - FIGURE_RADIUS[p.kneeN]);
      out.push({ kind: "ellipse", x: k[0], y: gap / 2, z: k[2], rx: 13, ry: gap / 2 + 0.5 });
    } else if (prop === "chair-seat") {
      const a = figureOwn(L, p.ankleN);
      const b = figureOwn(L, p.ankleF);
      const front = (a[0] + b[0]) / 2 - 28;
      out.push({ kind: "lines", lines: figureChair(L, front, 40, 88, 38, 1) });
    } else if (prop === "chair-legs") {
      const k = figureOwn(L, p.kneeN);
      const a = figureOwn(L, p.ankleN);
      const seat = Math.max(8, Math.min(k[1], a[1]) - FIGURE_WIDTH.shin / 2);
      const dir = a[0] >= k[0] ? 1 : -1;
      const front = k[0] + dir * 4;
      out.push({ kind: "lines", lines: figureChair(L, front, seat, seat + 44, 36, -dir) });
    } else if (prop === "towel-foot") {
      const foot = figureWorld(L, p.toeN);
      const heel = figureWorld(L, p.heelN);
      const sole = [(foot[0] * 2 + heel[0]) / 3, (foot[1] * 2 + heel[1]) / 3, (foot[2] * 2 + heel[2]) / 3];
      out.push({ kind: "lines", lines: [[figureWorld(L, p.wrN), sole], [figureWorld(L, p.wrF), sole]] });
    } else if (prop === "wall-back" || prop === "wall-side") {
      let reach = Infinity;
      const own = [];
      for (let i = 0; i < FIGURE_POINTS; i++) own.push(figureOwn(L, i));
      if (prop === "wall-back") {
        for (const i of [p.hip, p.waist, p.mid, p.neck, p.head, p.heelN, p.heelF]) {
          reach = Math.min(reach, own[i][0] - FIGURE_RADIUS[i]);
        }
        const corners = [[reach - 1, 0, -45], [reach - 1, 0, 45], [reach - 1, 205, 45], [reach - 1, 205, -45]];
        out.push({ kind: "plane", corners: corners.map(([x, y, z]) => { const [wx, wz] = figureUnturn(L, x, z); return [wx, y, wz]; }) });
      } else {
        reach = -Infinity;
        for (const i of [p.shN, p.elN, p.wrN, p.fiN]) reach = Math.max(reach, own[i][2] + FIGURE_RADIUS[i]);
        const corners = [[-45, 0, reach + 1], [45, 0, reach + 1], [45, 205, reach + 1], [-45, 205, reach + 1]];
        out.push({ kind: "plane", corners: corners.map(([x, y, z]) => { const [wx, wz] = figureUnturn(L, x, z); return [wx, y, wz]; }) });
      }
    } else if (prop === "mat") {
      let x0 = Infinity;
      let x1 = -Infinity;
      for (let i = 0; i < FIGURE_POINTS; i++) {
        x0 = Math.min(x0, L.world[i * 3]);
        x1 = Math.max(x1, L.world[i * 3]);
      }
      out.push({ kind: "mat", x0: x0 - 10, x1: x1 + 10 });
    }
  }
  return out;
}

// ---- drawing ----

function figureEl(doc, name, attrs, parent) {
  const el = doc.createElementNS(FIGURE_SVG, name);
  for (const key in attrs) el.setAttribute(key, attrs[key]);
  if (parent) parent.appendChild(el);
  return el;
}

const FIGURE_CHAINS = {
  // Each drawn part: its points, stroke width, and which group (depth-sorted) it belongs to.
  farLeg: [
    { points: ["hipF", "kneeF", "ankleF"], width: FIGURE_WIDTH.thigh },
    { points: ["heelF", "toeF"], width: FIGURE_WIDTH.foot },
  ],
  farArm: [
    { points: ["shF", "elF", "wrF"], width: FIGURE_WIDTH.upperArm },
    { points: ["wrF", "fiF"], width: FIGURE_WIDTH.hand },
  ],
  body: [
    { points: ["hip", "waist", "mid", "neck"], width: FIGURE_WIDTH.trunk },
    { points: ["neck", "skull"], width: FIGURE_WIDTH.neck },
  ],
  nearLeg: [
    { points: ["hipN", "kneeN", "ankleN"], width: FIGURE_WIDTH.thigh },
    { points: ["heelN", "toeN"], width: FIGURE_WIDTH.foot },
  ],
  nearArm: [
    { points: ["shN", "elN", "wrN"], width: FIGURE_WIDTH.upperArm },
    { points: ["wrN", "fiN"], width: FIGURE_WIDTH.hand },
  ],
};
const FIGURE_GROUPS = ["farLeg", "farArm", "body", "nearLeg", "nearArm"];

function figureViewBox(box) {
  const [x0, y0, x1, y1] = box;
  return `${x0.toFixed(1)} ${(-y1).toFixed(1)} ${(x1 - x0).toFixed(1)} ${(y1 - y0).toFixed(1)}`;
}

function createFigure(doc, { className = "" } = {}) {
  const svg = figureEl(doc, "svg", {
    role: "img",
    viewBox: figureViewBox([FIGURE_BOX.left, FIGURE_BOX.bottom, FIGURE_BOX.right, FIGURE_BOX.top]),
    preserveAspectRatio: "xMidYMax meet",
    focusable: "false",
  });
  if (className) svg.setAttribute("class", className);
  svg.setAttribute("aria-label", "");
  const round = "stroke-linecap: round; stroke-linejoin: round; fill: none;";
  const back = figureEl(doc, "g", { "aria-hidden": "true" }, svg);
  const floorBand = figureEl(doc, "polygon", { style: `fill: ${FIGURE_TEXT}; fill-opacity: 0.05; stroke: none;` }, back);
  const wall = figureEl(doc, "polygon", { style: `fill: ${FIGURE_TEXT}; fill-opacity: 0.08; stroke: ${FIGURE_TEXT}; stroke-opacity: 0.55; stroke-width: 2.5; stroke-linejoin: round;` }, back);
  const floor = figureEl(doc, "line", { style: `stroke: ${FIGURE_TEXT}; stroke-opacity: 0.55; stroke-width: 2.5; stroke-linecap: round;` }, back);
  const mat = figureEl(doc, "line", { style: `stroke: ${FIGURE_TEXT}; stroke-opacity: 0.25; stroke-width: 5; stroke-linecap: round;` }, back);
  const chair = figureEl(doc, "path", { style: `${round} stroke: ${FIGURE_TEXT}; stroke-opacity: 0.6; stroke-width: 3;` }, back);
  const cushions = [0, 1, 2].map(() =>
    figureEl(doc, "ellipse", { style: `fill: ${FIGURE_TEXT}; fill-opacity: 0.12; stroke: ${FIGURE_TEXT}; stroke-opacity: 0.55; stroke-width: 2;` }, back),
  );
  const body = figureEl(doc, "g", { "aria-hidden": "true" }, svg);
  const front = figureEl(doc, "g", { "aria-hidden": "true" }, svg);
  const towel = figureEl(doc, "path", { style: `${round} stroke: ${FIGURE_TEXT}; stroke-opacity: 0.7; stroke-width: 2.5;` }, front);

  const groups = {};
  for (const name of FIGURE_GROUPS) {
    const g = figureEl(doc, "g", {}, body);
    // A thin outline in the background's colour (drawn first) keeps a near limb apart from what is behind it.
    const chains = FIGURE_CHAINS[name];
    const halos = chains.map((chain) =>
      name === "body" ? null : figureEl(doc, "polyline", { style: `${round} stroke: ${FIGURE_PAPER}; stroke-width: ${chain.width + 4};` }, g),
    );
    const parts = chains.map((chain, k) => ({
      idx: chain.points.map((n) => FIGURE_P[n]),
      halo: halos[k],
      line: figureEl(doc, "polyline", {
        style: `${round} stroke: ${FIGURE_INK}; stroke-width: ${chain.width};`,
      }, g),
    }));
    let head = null;
    if (name === "body") {
      head = {
        halo: figureEl(doc, "circle", { r: FIGURE_SIZE.head + 2, style: `fill: ${FIGURE_PAPER};` }, g),
        circle: figureEl(doc, "circle", { r: FIGURE_SIZE.head, style: `fill: ${FIGURE_INK};` }, g),
        nose: figureEl(doc, "line", { style: `stroke: ${FIGURE_INK}; stroke-width: 5; stroke-linecap: round;` }, g),
        eyes: [0, 1].map(() => figureEl(doc, "circle", { r: 1.6, style: `fill: ${FIGURE_PAPER};` }, g)),
      };
    }
    groups[name] = { g, parts, head, depth: 0, behind: null };
  }
  const order = FIGURE_GROUPS.slice();
  const layout = figureCreateLayout();
  const xy = new Float64Array(2);
  const fmt = (v) => (Math.round(v * 10) / 10).toString();

  function polyline(el, idx, P) {
    let s = "";
    for (let k = 0; k < idx.length; k++) {
      const i = idx[k];
      s += (k ? " " : "") + fmt(P[i * 2]) + "," + fmt(-P[i * 2 + 1]);
    }
    el.setAttribute("points", s);
  }

  function place(x, y, z) {
    figureProject(layout, x, y, z, xy, 0);
    return fmt(xy[0]) + "," + fmt(-xy[1]);
  }

  let propsShown = true;
  function drawProps(pose) {
    const none = !pose.props || !pose.props.length;
    if (none && !propsShown) return; // nothing to place, nothing to hide: the common frame
    propsShown = !none;
    const shapes = figureProps(layout, pose.props);
    let used = 0;
    let chairPath = "";
    let towelPath = "";
    let wallShown = false;
    let matShown = false;
    for (const shape of shapes) {
      if (shape.kind === "ellipse" && used < cushions.length) {
        const el = cushions[used++];
        figureProject(layout, shape.x, shape.y, shape.z, xy, 0);
        el.setAttribute("cx", fmt(xy[0]));
        el.setAttribute("cy", fmt(-xy[1]));
        el.setAttribute("rx", fmt(shape.rx));
        el.setAttribute("ry", fmt(shape.ry * Math.cos((layout.elevation * Math.PI) / 180) + 0.01));
      } else if (shape.kind === "lines") {
        let d = "";
        for (const [a, b] of shape.lines) d += `M${place(a[0], a[1], a[2])}L${place(b[0], b[1], b[2])}`;
        if (pose.props.includes("towel-foot") && shape.lines.length === 2) towelPath += d;
        else chairPath += d;
      } else if (shape.kind === "plane") {
        wall.setAttribute("points", shape.corners.map((c) => place(c[0], c[1], c[2])).join(" "));
        wallShown = true;
      } else if (shape.kind === "mat") {
        mat.setAttribute("x1", fmt(Math.min(shape.x0 + layout.shift, shape.x1 + layout.shift) * layout.mirror));
        mat.setAttribute("x2", fmt(Math.max(shape.x0 + layout.shift, shape.x1 + layout.shift) * layout.mirror));
        mat.setAttribute("y1", "2");
        mat.setAttribute("y2", "2");
        matShown = true;
      }
    }
    for (let i = 0; i < cushions.length; i++) cushions[i].style.display = i < used ? "" : "none";
    chair.setAttribute("d", chairPath);
    towel.setAttribute("d", towelPath);
    wall.style.display = wallShown ? "" : "none";
    mat.style.display = matShown ? "" : "none";
  }

  function drawFloor() {
    const e = (layout.elevation * Math.PI) / 180;
    // The floor line is where the body rests; a band below it is the floor in front, seen from above.
    const backY = "0";
    const frontY = fmt(45 * Math.sin(e));
    const l = fmt(FIGURE_BOX.left - 20);
    const r = fmt(FIGURE_BOX.right + 20);
    floorBand.setAttribute("points", `${l},${backY} ${r},${backY} ${r},${frontY} ${l},${frontY}`);
    floor.setAttribute("x1", l);
    floor.setAttribute("x2", r);
    floor.setAttribute("y1", "0");
    floor.setAttribute("y2", "0");
  }

  // Lying on the side, the trunk is seen across its width (shoulder to shoulder) and rests on the floor.
  const trunkLine = groups.body.parts[0].line;
  let trunkWide = false;

  function draw(pose, { mirror = false } = {}) {
    if (!pose) return;
    figureLayout(pose, { mirror }, layout);
    const wide = layout.base === "lying-side";
    if (wide !== trunkWide) {
      trunkWide = wide;
      trunkLine.style.strokeWidth = wide ? String(2 * FIGURE_SIZE.hipHalf + FIGURE_WIDTH.thigh) : "";
    }
    const P = layout.points;
    const D = layout.depth;
    for (const name of FIGURE_GROUPS) {
      const group = groups[name];
      let sum = 0;
      let count = 0;
      for (const part of group.parts) {
        if (part.halo) polyline(part.halo, part.idx, P);
        polyline(part.line, part.idx, P);
        for (const i of part.idx) {
          sum += D[i];
          count++;
        }
      }
      group.depth = name === "body" ? sum / count : sum / count + (name.startsWith("near") ? 0.5 : -0.5);
    }
    // A limb behind the body is drawn faint; seen from the front, both sides are drawn alike.
    for (const name of FIGURE_GROUPS) {
      if (name === "body") continue;
      const group = groups[name];
      const behind = group.depth < groups.body.depth - 3;
      if (behind !== group.behind) {
        group.behind = behind;
        group.g.setAttribute("opacity", behind ? "0.5" : "1");
      }
    }
    const head = groups.body.head;
    const hx = fmt(P[FIGURE_P.head * 2]);
    const hy = fmt(-P[FIGURE_P.head * 2 + 1]);
    head.halo.setAttribute("cx", hx);
    head.halo.setAttribute("cy", hy);
    head.circle.setAttribute("cx", hx);
    head.circle.setAttribute("cy", hy);
    head.nose.setAttribute("x1", fmt(P[FIGURE_P.noseA * 2]));
    head.nose.setAttribute("y1", fmt(-P[FIGURE_P.noseA * 2 + 1]));
    head.nose.setAttribute("x2", fmt(P[FIGURE_P.noseB * 2]));
    head.nose.setAttribute("y2", fmt(-P[FIGURE_P.noseB * 2 + 1]));
    const eyeIdx = [FIGURE_P.eyeN, FIGURE_P.eyeF];
    for (let k = 0; k < 2; k++) {
      const i = eyeIdx[k];
      const seen = D[i] > D[FIGURE_P.head] + FIGURE_SIZE.head * 0.35;
      head.eyes[k].setAttribute("cx", fmt(P[i * 2]));
      head.eyes[k].setAttribute("cy", fmt(-P[i * 2 + 1]));
      head.eyes[k].style.display = seen ? "" : "none";
    }
    // Nearer parts are drawn last; the DOM is only touched when the order changes.
    let moved = false;
    for (let i = 1; i < order.length; i++) {
      for (let j = i; j > 0 && groups[order[j - 1]].depth > groups[order[j]].depth; j--) {
        const swap = order[j - 1];
        order[j - 1] = order[j];
        order[j] = swap;
        moved = true;
      }
    }
    if (moved) for (const name of order) body.appendChild(groups[name].g);
    drawFloor();
    drawProps(pose);
  }

  function setLabel(text) {
    svg.setAttribute("aria-label", String(text || ""));
  }

  function fit(demo, margin = 8) {
    // Frame the drawing around the demo's key poses (both sides), so a lying figure fills it.
    const box = figureDemoBounds(demo);
    if (!box) return;
    svg.setAttribute("viewBox", figureViewBox([box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin]));
  }

  return { element: svg, draw, setLabel, fit };
}

function figureDemoBounds(demo) {
  // The extent of a demo's key poses, and of the way between them, on both sides.
  const poses = (demo && demo.poses) || [];
  if (!poses.length) return null;
  const L = figureCreateLayout();
  let box = [Infinity, Infinity, -Infinity, -Infinity];
  const grow = (pose) => {
    for (const mirror of [false, true]) {
      const b = figureBounds(figureLayout(pose, { mirror }, L));
      box = [Math.min(box[0], b[0]), Math.min(box[1], b[1]), Math.max(box[2], b[2]), Math.max(box[3], b[3])];
    }
  };
  for (let i = 0; i < poses.length; i++) {
    grow(poses[i]);
    for (const k of [0.25, 0.5, 0.75]) grow(figureBlend(poses[i], poses[(i + 1) % poses.length], k));
  }
  box[1] = Math.min(box[1], 0);
  return box;
}

function figureFarthest(poses) {
  // The key pose that differs most from the first: the end of the movement.
  let best = poses.length - 1;
  let most = -1;
  for (let i = 1; i < poses.length; i++) {
    let sum = 0;
    const moved = figureBlend(poses[0], poses[i], 1).angles;
    for (const name in moved) sum += Math.abs(figureMix(0, moved[name] - (poses[0].angles[name] || 0), 1));
    if (sum > most) {
      most = sum;
      best = i;
    }
  }
  return best;
}

function drawFigureStill(container, demo) {
  // The demo's key poses, still: the end pose over a faint start pose, with an arrow
  // along the way the part that moves most goes. For thumbnails, reduced motion and the contact sheet.
  const doc = container.ownerDocument;
  const poses = (demo && demo.poses) || [];
  const old = container.querySelector("svg.figure-still");
  if (old) old.remove();
  const svg = figureEl(doc, "svg", { role: "img", class: "figure-still", focusable: "false" });
  const labels = [];
  for (const pose of poses) if (pose.label && !labels.includes(pose.label)) labels.push(pose.label);
  svg.setAttribute("aria-label", labels.length ? labels.join(", then ") : "No demonstration");
  container.appendChild(svg);
  if (!poses.length) return svg;
  const end = poses.length > 1 ? poses[figureFarthest(poses)] : poses[0];
  const start = poses[0];
  const box = figureDemoBounds({ poses: poses.length > 1 ? [start, end] : [start] });
  const margin = 6;
  svg.setAttribute("viewBox", figureViewBox([box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin]));
  svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
  if (poses.length > 1) {
    const ghost = createFigure(doc);
    ghost.draw(figurePoseAt({ poses: [start] }, 0, 0, { breathe: false }));
    const g = figureEl(doc, "g", { opacity: "0.3", "aria-hidden": "true" }, svg);
    for (const child of Array.from(ghost.element.childNodes).slice(1)) g.appendChild(child);
  }
  const figure = createFigure(doc);
  figure.draw(figurePoseAt({ poses: [end] }, 0, 0, { breathe: false }));
  const g = figureEl(doc, "g", { "aria-hidden": "true" }, svg);
  for (const child of Array.from(figure.element.childNodes)) g.appendChild(child);
  if (poses.length > 1) figureArrow(doc, svg, start, end);
  return svg;
}

function figureArrow(doc, svg, start, end) {
  // An arrow from where the most-moving hand, foot, knee or head starts to where it ends.
  const a = figureLayout(start);
  const b = figureLayout(end);
  const p = FIGURE_P;
  let best = -1;
  let far = 0;
  for (const i of [p.fiN, p.fiF, p.toeN, p.toeF, p.kneeN, p.kneeF, p.head, p.hip, p.elN, p.mid]) {
    const d = Math.hypot(a.points[i * 2] - b.points[i * 2], a.points[i * 2 + 1] - b.points[i * 2 + 1]);
    if (d > far + 0.5) {
      far = d;
      best = i;
    }
  }
  if (best < 0 || far < 9) return;
  const x0 = a.points[best * 2];
  const y0 = -a.points[best * 2 + 1];
  const x1 = b.points[best * 2];
  const y1 = -b.points[best * 2 + 1];
  // Bow the arrow outward (away from the body's middle), stopping short of both ends.
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const nx = -(y1 - y0) / far;
  const ny = (x1 - x0) / far;
  const midX = b.points[p.mid * 2];
  const midY = -b.points[p.mid * 2 + 1];
  const side = (cx - midX) * nx + (cy - midY) * ny >= 0 ? 1 : -1;
  const bow = Math.min(16, far * 0.3) * side;
  const qx = cx + nx * bow;
  const qy = cy + ny * bow;
  const trim = (px, py, tx, ty, d) => {
    const len = Math.hypot(tx - px, ty - py) || 1;
    return [px + ((tx - px) / len) * d, py + ((ty - py) / len) * d];
  };
  const [sx, sy] = trim(x0, y0, qx, qy, 7);
  const [ex, ey] = trim(x1, y1, qx, qy, 9);
  const style = `fill: none; stroke: ${FIGURE_TEXT}; stroke-width: 2.5; stroke-linecap: round; stroke-linejoin: round;`;
  const f = (v) => v.toFixed(1);
  figureEl(doc, "path", { d: `M${f(sx)},${f(sy)} Q${f(qx)},${f(qy)} ${f(ex)},${f(ey)}`, style, "aria-hidden": "true" }, svg);
  const ang = Math.atan2(ey - qy, ex - qx);
  const head = (da) => [ex - 7 * Math.cos(ang + da), ey - 7 * Math.sin(ang + da)];
  const [l1, l2] = head(0.5);
  const [r1, r2] = head(-0.5);
  figureEl(doc, "path", { d: `M${f(l1)},${f(l2)} L${f(ex)},${f(ey)} L${f(r1)},${f(r2)}`, style, "aria-hidden": "true" }, svg);
}
